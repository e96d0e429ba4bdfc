// The endpoint ids of the bundled catalogue snapshot, read once when `npm run proxy` starts: with the catalogue any
// fal video or image model can be used, so the standalone proxy's default allowlist includes every model the app ships with.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The two parts of the bundled snapshot (CatalogueSnapshots of fal's video and image models), written by
 * `npm run catalog:update`; the standalone proxy allows the models of both.
 */
export const SNAPSHOT_FILES: readonly string[] = [
  fileURLToPath(new URL("../adapters/catalogue/fal-video-models.snapshot.json", import.meta.url)),
  fileURLToPath(new URL("../adapters/catalogue/fal-image-models.snapshot.json", import.meta.url)),
];

/**
 * `models[].endpoint_id` of the snapshot files, in order; none from a file that is missing or not a snapshot (the
 * curated list then stands alone). Only strings are returned; policy.ts decides which are plain endpoint ids.
 */
export function snapshotEndpointIds(files: string | readonly string[] = SNAPSHOT_FILES): string[] {
  return (typeof files === "string" ? [files] : files).flatMap(endpointIdsOf);
}

function endpointIdsOf(file: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
  const models = (parsed as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) return [];
  return models
    .map((m) => (m as { endpoint_id?: unknown } | null)?.endpoint_id)
    .filter((id): id is string => typeof id === "string");
}

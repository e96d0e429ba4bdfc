// The endpoint ids of the bundled catalogue snapshot, read once when `npm run proxy` starts: with the catalogue any
// fal video model can be used, so the standalone proxy's default allowlist includes every model the app ships with.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** src/adapters/catalogue/fal-video-models.snapshot.json (a CatalogueSnapshot), written by `npm run catalog:update`. */
export const SNAPSHOT_FILE = fileURLToPath(
  new URL("../adapters/catalogue/fal-video-models.snapshot.json", import.meta.url),
);

/**
 * `models[].endpoint_id` of the snapshot at `file`; none when the file is missing or not a snapshot (the curated
 * list then stands alone). Only strings are returned; policy.ts decides which are plain endpoint ids.
 */
export function snapshotEndpointIds(file: string = SNAPSHOT_FILE): string[] {
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

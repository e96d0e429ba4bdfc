import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SnapshotPart } from "../src/adapters/catalogue/snapshot";
import type { CatalogueSnapshot } from "../src/nodes/catalogue/fal-api";
import { compareIds } from "./catalog-fal-js-endpoints";

/**
 * The snapshot as a file in the repository: models and prices sorted by endpoint id, and JSON laid out so a
 * change to one field of one model is a one-line diff (objects one key a line, short leaves such as enums and
 * small objects kept on one line).
 */

/** Where the two parts of the bundled snapshot live (src/adapters/catalogue/snapshot.ts imports each on demand). */
export const SNAPSHOT_DIR = "src/adapters/catalogue";
export const SNAPSHOT_FILE_NAMES: Readonly<Record<SnapshotPart, string>> = {
  video: "fal-video-models.snapshot.json",
  image: "fal-image-models.snapshot.json",
};

const IMAGE_CATEGORIES: ReadonlySet<string> = new Set(["text-to-image", "image-to-image"]);

/**
 * The snapshot in its two parts, by the models' category: image models (text-to-image, image-to-image) apart,
 * so an app that only makes videos never downloads them. Each part keeps the envelope (date, origin, note) and
 * the prices of its models; a price of no model in the snapshot stays with the video part.
 */
export function splitSnapshot(snapshot: CatalogueSnapshot): Record<SnapshotPart, CatalogueSnapshot> {
  const partOf = (category: string | undefined): SnapshotPart =>
    category !== undefined && IMAGE_CATEGORIES.has(category) ? "image" : "video";
  const imageIds = new Set(
    snapshot.models.filter((m) => partOf(m.metadata?.category) === "image").map((m) => m.endpoint_id),
  );
  const part = (which: SnapshotPart): CatalogueSnapshot => ({
    ...snapshot,
    models: snapshot.models.filter((m) => imageIds.has(m.endpoint_id) === (which === "image")),
    prices: snapshot.prices.filter((p) => imageIds.has(p.endpoint_id) === (which === "image")),
  });
  return { video: part("video"), image: part("image") };
}

/** Writes both parts into `dir` under their bundled names; returns the paths written. */
export async function writeSnapshotFiles(dir: string, snapshot: CatalogueSnapshot): Promise<string[]> {
  const parts = splitSnapshot(snapshot);
  const written: string[] = [];
  for (const part of ["video", "image"] as const) {
    const path = join(dir, SNAPSHOT_FILE_NAMES[part]);
    await writeSnapshotFile(path, parts[part]);
    written.push(path);
  }
  return written;
}

export function sortedSnapshot(snapshot: CatalogueSnapshot): CatalogueSnapshot {
  return {
    ...snapshot,
    models: [...snapshot.models].sort((a, b) => compareIds(a.endpoint_id, b.endpoint_id)),
    prices: [...snapshot.prices].sort((a, b) => compareIds(a.endpoint_id, b.endpoint_id)),
  };
}

const ONE_LINE_MAX = 100;

export function snapshotJson(snapshot: CatalogueSnapshot): string {
  return `${layout(sortedSnapshot(snapshot), "")}\n`;
}

function layout(value: unknown, indent: string): string {
  const compact = JSON.stringify(value);
  if (compact === undefined) return "null";
  if (value === null || typeof value !== "object" || compact.length + indent.length <= ONE_LINE_MAX) return compact;
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) return compact; // enums, field lists
    return `[\n${value.map((item) => inner + layout(item, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  const lines = entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${layout(item, inner)}`);
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

/** Writes beside the target and renames, so an interrupted run never leaves half a snapshot in the tree. */
export async function writeSnapshotFile(path: string, snapshot: CatalogueSnapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, snapshotJson(snapshot), "utf8");
  await rename(temporary, path);
}

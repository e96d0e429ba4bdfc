import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { CatalogueSnapshot } from "../src/nodes/catalogue/fal-api";
import { compareIds } from "./catalog-fal-js-endpoints";

/**
 * The snapshot as a file in the repository: models and prices sorted by endpoint id, and JSON laid out so a
 * change to one field of one model is a one-line diff (objects one key a line, short leaves such as enums and
 * small objects kept on one line).
 */

export const SNAPSHOT_PATH = "src/adapters/catalogue/fal-video-models.snapshot.json";

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

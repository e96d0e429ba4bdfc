import { strToU8, zipSync, type Zippable } from "fflate";
import type { ContentHash } from "../../domain/ids";
import { serializeWorkflow } from "../../domain/parse";
import type { Workflow } from "../../domain/workflow";
import type { CacheNamespace } from "../../domain/settings";
import type { ReelflowDb, ResultRow } from "../db/database";
import { isImageResult } from "../../nodes/results";
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  VIDEO_BUNDLE_VERSION,
  MANIFEST_FILE,
  WORKFLOW_FILE,
  extensionFor,
  type BundleAsset,
  type BundleEntry,
  type BundleImage,
  type BundleManifest,
  type BundleUpload,
} from "./manifest";
import { workflowKeys } from "./workflow-keys";

export interface BundleExport {
  blob: Blob;
  manifest: BundleManifest;
  /** Things the receiver will not get, in words (a node without a result, a file missing here). */
  warnings: string[];
}

const NAMESPACES: readonly CacheNamespace[] = ["paid", "demo"];

/**
 * Writes one .zip holding the workflow, the cached results of its generation nodes (paid and demo,
 * each marked with its namespace) with their videos, the local files of its source nodes, and the
 * fal storage URLs of bytes already uploaded. Videos are stored uncompressed (they are compressed
 * already); the JSON files are deflated.
 */
export async function exportBundleWithReport(
  db: ReelflowDb,
  workflow: Workflow,
  now: () => Date = () => new Date(),
): Promise<BundleExport> {
  const keys = await workflowKeys(workflow);
  const warnings = keys.unplanned.map((u) => `Node "${u.nodeId}" is not included: ${u.reason}`);
  const files: Zippable = {};
  const addFile = (hash: ContentHash, type: string, bytes: Uint8Array): string => {
    const path = `media/${hash}.${extensionFor(type)}`;
    files[path] ??= [bytes, { level: 0 }];
    return path;
  };

  const entries: BundleEntry[] = [];
  for (const [key, nodeIds] of keys.generations) {
    let found = false;
    for (const namespace of NAMESPACES) {
      const row = await db.results.get([namespace, key]);
      if (!row) continue;
      found = true;
      const images = isImageResult(row.result) ? await imageFiles(db, row, nodeIds, addFile, warnings) : undefined;
      const blobRow = row.mediaHash ? await db.blobs.get(row.mediaHash) : undefined;
      if (!blobRow && !images) {
        warnings.push(
          `The result of node "${nodeIds.join('", "')}" has no video stored in this browser; the bundle carries only its fal URL, which may have expired.`,
        );
      }
      const bytes = blobRow ? new Uint8Array(await blobRow.blob.arrayBuffer()) : undefined;
      entries.push({
        cacheKey: key,
        namespace: row.simulated ? "demo" : namespace,
        nodeIds,
        endpoint: row.endpoint,
        mediaHash: blobRow ? blobRow.hash : null,
        file: blobRow && bytes ? addFile(blobRow.hash, blobRow.type, bytes) : null,
        type: blobRow?.type ?? "",
        size: blobRow?.size ?? 0,
        requestId: row.requestId,
        costUsd: row.costUsd,
        createdAt: row.createdAt,
        ...(row.simulated ? { simulated: true } : {}),
        result: row.result as BundleEntry["result"],
        ...(images ? { images } : {}),
      });
    }
    if (!found) warnings.push(`Node "${nodeIds.join('", "')}" has no result yet; the receiver would have to run it.`);
  }

  const assets: BundleAsset[] = [];
  for (const [hash, nodeIds] of keys.assets) {
    const [info, blobRow] = await Promise.all([db.assets.get(hash), db.blobs.get(hash)]);
    if (!blobRow) {
      warnings.push(
        `The file of node "${nodeIds.join('", "')}" is not stored in this browser; it is not in the bundle.`,
      );
      continue;
    }
    const type = info?.type || blobRow.type;
    const bytes = new Uint8Array(await blobRow.blob.arrayBuffer());
    assets.push({
      hash,
      name: info?.name ?? hash.slice(0, 12),
      type,
      size: blobRow.size,
      file: addFile(hash, type, bytes),
      nodeIds,
    });
  }

  const uploads: BundleUpload[] = [];
  for (const hash of keys.uploads) {
    const row = await db.uploads.get(["paid", hash]);
    if (row && /^https?:\/\/\S+$/.test(row.url)) uploads.push({ hash, url: row.url });
  }

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: entries.some((e) => e.images) ? BUNDLE_VERSION : VIDEO_BUNDLE_VERSION,
    createdAt: now().toISOString(),
    workflow: WORKFLOW_FILE,
    entries,
    assets,
    uploads,
  };
  files[WORKFLOW_FILE] = strToU8(serializeWorkflow(workflow));
  files[MANIFEST_FILE] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const zipped = zipSync(files, { level: 6 });
  return { blob: new Blob([zipped], { type: "application/zip" }), manifest, warnings };
}

/** Each image of an image result as a file of the zip (null where this browser has no copy, with a warning). */
async function imageFiles(
  db: ReelflowDb,
  row: ResultRow,
  nodeIds: readonly string[],
  addFile: (hash: ContentHash, type: string, bytes: Uint8Array) => string,
  warnings: string[],
): Promise<BundleImage[]> {
  const count = isImageResult(row.result) ? row.result.images.length : 0;
  const hashes = Array.from({ length: count }, (_, i) => row.imageHashes?.[i] ?? (i === 0 ? row.mediaHash : null));
  const rows = await db.blobs.bulkGet(hashes.map((h) => h ?? ("" as ContentHash)));
  const missing = hashes.flatMap((_, i) => (rows[i] ? [] : [i + 1]));
  if (missing.length > 0)
    warnings.push(
      `The result of node "${nodeIds.join('", "')}" has image ${missing.join(", ")} of ${count} not stored in this ` +
        "browser; the bundle carries only its fal URL, which may have expired.",
    );
  return Promise.all(
    rows.map(async (blobRow) => {
      if (!blobRow) return null;
      const bytes = new Uint8Array(await blobRow.blob.arrayBuffer());
      return {
        hash: blobRow.hash,
        file: addFile(blobRow.hash, blobRow.type, bytes),
        type: blobRow.type,
        size: blobRow.size,
      };
    }),
  );
}

export async function exportBundle(db: ReelflowDb, workflow: Workflow): Promise<Blob> {
  return (await exportBundleWithReport(db, workflow)).blob;
}

/** "Night city.reelflow.zip": the workflow's name, made safe for every file system. */
export function bundleFileName(workflow: Pick<Workflow, "name">): string {
  const base =
    workflow.name
      // Control characters are deliberately matched: they are what file systems refuse in a name.
      // eslint-disable-next-line no-control-regex
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 80) || "workflow";
  return `${base}.reelflow.zip`;
}

import { strFromU8, unzipSync, type Unzipped } from "fflate";
import type { CacheKey, ContentHash, EndpointId, RequestId } from "../../domain/ids";
import { parseWorkflowText } from "../../domain/parse";
import type { Workflow } from "../../domain/workflow";
import type { BundleImport } from "../../domain/sharing";
import { sha256Hex } from "../../engine/hash";
import type { CacheNamespace } from "../../domain/settings";
import { isQuotaError, type AssetRow, type ReelflowDb, type ResultRow } from "../db/database";
import { putBlob } from "../db/blobs";
import { MANIFEST_FILE, readManifest, type BundleEntry, type BundleManifest } from "./manifest";
import { workflowKeys } from "./workflow-keys";
import { messageOf } from "../../domain/message-of";

/** A bundle that cannot be imported at all; nothing was written. `problems` holds each reason. */
export class BundleError extends Error {
  override readonly name = "BundleError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

function isZip(bytes: Uint8Array): boolean {
  // Local file header "PK\3\4", or the end record "PK\5\6" of an empty archive.
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

function unzip(bytes: Uint8Array, wanted: (name: string) => boolean): Unzipped {
  try {
    return unzipSync(bytes, { filter: (f) => wanted(f.name) });
  } catch (e) {
    throw new BundleError([
      `The file is not a readable .zip archive (${messageOf(e)}); a Reelflow bundle is the .zip that Export bundle writes.`,
    ]);
  }
}

interface Staged {
  results: ResultRow[];
  blobs: { hash: ContentHash; blob: Blob }[];
  assets: AssetRow[];
  uploads: { hash: ContentHash; url: string }[];
  alreadyPresent: number;
  errors: string[];
}

/**
 * Restores a bundle written by exportBundle: checks everything first (zip, manifest, workflow, each
 * file against its hash), then writes the cache entries, videos, local files and upload URLs in one
 * IndexedDB transaction, so a refused bundle or a full disk leaves the database as it was.
 *
 * Only entries whose cache key belongs to a node of the bundled workflow (as this Reelflow plans it)
 * are restored: a bundle cannot fill the cache with results for other graphs, and an entry keyed by
 * an older recipe, which would never be looked up, is reported instead of stored.
 */
export async function importBundle(
  db: ReelflowDb,
  file: Blob,
  now: () => Date = () => new Date(),
): Promise<BundleImport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isZip(bytes)) {
    throw new BundleError([
      "The file is not a Reelflow bundle: it is not a .zip archive. (To open a .reelflow.json workflow file, use Open workflow.)",
    ]);
  }

  const head = unzip(bytes, (name) => name === MANIFEST_FILE)[MANIFEST_FILE];
  if (!head) throw new BundleError([`The .zip is not a Reelflow bundle: it has no ${MANIFEST_FILE}.`]);
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(head));
  } catch (e) {
    throw new BundleError([`The bundle's ${MANIFEST_FILE} is not valid JSON (${messageOf(e)}).`]);
  }
  const read = readManifest(raw);
  if (!read.ok) throw new BundleError(read.errors);
  const manifest = read.manifest;

  const needed = new Set<string>([manifest.workflow, ...manifest.assets.map((a) => a.file)]);
  for (const e of manifest.entries) {
    if (e.file) needed.add(e.file);
    for (const image of e.images ?? []) if (image) needed.add(image.file);
  }
  const files = unzip(bytes, (name) => needed.has(name));

  const workflowBytes = files[manifest.workflow];
  if (!workflowBytes)
    throw new BundleError([`The bundle names its workflow "${manifest.workflow}", but the .zip has no such file.`]);
  const parsed = parseWorkflowText(strFromU8(workflowBytes));
  if (!parsed.ok) throw new BundleError([`The workflow inside the bundle cannot be opened:`, ...parsed.errors]);

  const at = now().toISOString();
  const staged = await stage(db, manifest, files, parsed.workflow, at);
  try {
    await db.transaction("rw", [db.results, db.blobs, db.assets, db.uploads], async () => {
      for (const b of staged.blobs) await putBlob(db, b.hash, b.blob);
      for (const a of staged.assets) if (!(await db.assets.get(a.hash))) await db.assets.put(a);
      for (const r of staged.results) await db.results.put(r);
      for (const u of staged.uploads)
        if (!(await db.uploads.get(["paid", u.hash])))
          await db.uploads.put({ namespace: "paid", hash: u.hash, url: u.url, createdAt: at });
    });
  } catch (e) {
    const why = isQuotaError(e)
      ? "there is not enough storage space in this browser (free some under Settings → Storage)"
      : messageOf(e);
    throw new BundleError([`Nothing was imported: ${why}.`]);
  }

  return {
    workflow: parsed.workflow,
    ...(parsed.migratedFrom !== undefined ? { migratedFrom: parsed.migratedFrom } : {}),
    restored: staged.results.length,
    alreadyPresent: staged.alreadyPresent,
    assets: staged.assets.length,
    errors: staged.errors,
  };
}

/** Whether this browser keeps every image of a stored image result already. */
async function allKept(db: ReelflowDb, row: ResultRow, count: number): Promise<boolean> {
  const hashes = Array.from({ length: count }, (_, i) => row.imageHashes?.[i] ?? null);
  if (hashes.some((h) => h === null)) return false;
  const blobs = await db.blobs.bulkGet(hashes as ContentHash[]);
  return blobs.every((b) => b !== undefined);
}

/** Everything to write, checked; reads the database only to skip what is already there. */
async function stage(
  db: ReelflowDb,
  manifest: BundleManifest,
  files: Unzipped,
  workflow: Workflow,
  at: string,
): Promise<Staged> {
  const keys = await workflowKeys(workflow);
  const staged: Staged = { results: [], blobs: [], assets: [], uploads: [], alreadyPresent: 0, errors: [] };
  const verified = new Map<string, Blob>(); // zip path → checked bytes

  async function verifiedBlob(path: string, hash: ContentHash, type: string, what: string): Promise<Blob | undefined> {
    const cached = verified.get(path);
    if (cached) return cached;
    const data = files[path];
    if (!data) {
      staged.errors.push(`${what}: its file "${path}" is missing from the .zip; skipped.`);
      return undefined;
    }
    if ((await sha256Hex(data)) !== hash) {
      staged.errors.push(
        `${what}: its file "${path}" is damaged (the bytes do not match the manifest's hash); skipped.`,
      );
      return undefined;
    }
    const blob = new Blob([data], { type });
    verified.set(path, blob);
    staged.blobs.push({ hash, blob });
    return blob;
  }

  const seen = new Set<string>();
  for (const e of manifest.entries) {
    const key = e.cacheKey as CacheKey;
    const what = `Result of node "${e.nodeIds.join('", "') || "?"}" (${e.endpoint})`;
    // A demo result is never let into the paid cache, whatever namespace the entry claims.
    const namespace: CacheNamespace = e.simulated || e.namespace === "demo" ? "demo" : "paid";
    if (seen.has(`${namespace}:${key}`)) continue;
    seen.add(`${namespace}:${key}`);
    if (!keys.generations.has(key)) {
      staged.errors.push(`${what}: no node of this workflow has its cache key in this version of Reelflow; skipped.`);
      continue;
    }
    if (e.images) {
      await stageImages(e, key, namespace, what);
      continue;
    }
    if ((e.file === null) !== (e.mediaHash === null)) {
      staged.errors.push(
        `${what}: the manifest gives a video file without its hash (or a hash without its file); skipped.`,
      );
      continue;
    }
    const existing = await db.results.get([namespace, key]);
    if (existing?.mediaHash && (await db.blobs.get(existing.mediaHash))) {
      staged.alreadyPresent++;
      continue;
    }
    let mediaHash: ContentHash | null = null;
    if (e.file !== null && e.mediaHash !== null) {
      const blob = await verifiedBlob(e.file, e.mediaHash as ContentHash, e.type, what);
      if (!blob) continue;
      mediaHash = e.mediaHash as ContentHash;
    }
    if (existing && !mediaHash) {
      staged.alreadyPresent++;
      continue;
    }
    staged.results.push({
      key,
      endpoint: e.endpoint as EndpointId,
      result: e.result,
      requestId: e.requestId as RequestId | null,
      costUsd: namespace === "demo" ? 0 : e.costUsd,
      createdAt: e.createdAt,
      mediaHash,
      mediaError: mediaHash ? null : "video not included in the bundle: it plays from fal's URL while that lasts",
      ...(namespace === "demo" ? { simulated: true } : {}),
      namespace,
    });
  }

  /** An image result: each image checked on its own; one missing or damaged leaves its place empty, and says so. */
  async function stageImages(e: BundleEntry, key: CacheKey, namespace: CacheNamespace, what: string): Promise<void> {
    const images = e.images ?? [];
    const existing = await db.results.get([namespace, key]);
    if (existing && (await allKept(db, existing, images.length))) {
      staged.alreadyPresent++;
      return;
    }
    const missing: string[] = [];
    const hashes: (ContentHash | null)[] = [];
    for (const [i, image] of images.entries()) {
      const blob = image
        ? await verifiedBlob(image.file, image.hash as ContentHash, image.type, `${what}, image ${i + 1}`)
        : undefined;
      hashes.push(blob && image ? (image.hash as ContentHash) : null);
      if (!blob) missing.push(`image ${i + 1} of ${images.length} not included in the bundle`);
    }
    staged.results.push({
      key,
      endpoint: e.endpoint as EndpointId,
      result: e.result,
      requestId: e.requestId as RequestId | null,
      costUsd: namespace === "demo" ? 0 : e.costUsd,
      createdAt: e.createdAt,
      mediaHash: hashes[0] ?? null,
      imageHashes: hashes,
      mediaError: missing.length > 0 ? `${missing.join("; ")}: it shows from fal's URL while that lasts` : null,
      ...(namespace === "demo" ? { simulated: true } : {}),
      namespace,
    });
  }

  for (const a of manifest.assets) {
    const hash = a.hash as ContentHash;
    const what = `File "${a.name}"`;
    if (!keys.assets.has(hash)) {
      staged.errors.push(`${what}: no node of this workflow uses it; skipped.`);
      continue;
    }
    const blob = await verifiedBlob(a.file, hash, a.type, what);
    if (!blob) continue;
    staged.assets.push({ hash, name: a.name, type: a.type, size: blob.size, createdAt: at });
  }

  for (const u of manifest.uploads) {
    const hash = u.hash as ContentHash;
    if (keys.uploads.has(hash)) staged.uploads.push({ hash, url: u.url });
  }
  return staged;
}

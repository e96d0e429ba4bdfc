import type { CacheKey, ContentHash, WorkflowId } from "../../domain/ids";
import type { CachedResult } from "../../engine/ports";
import type { CacheNamespace } from "../../domain/settings";
import { entryOfRow } from "./result-row";
import { DB_NAME } from "./schema";
import { openExisting } from "./start-reader";
import { byAge, storedTakeOf } from "./take-row";
import type { StoredTake } from "../../domain/take";

/** What the cache holds for some keys, and the videos of the first of them. */
export interface StartResults {
  /** Every key asked: its result, or null when the cache has none (as the run controller records a miss). */
  found: Map<CacheKey, CachedResult | null>;
  /** Stored videos and take thumbnails by content hash, for the first `mediaLimit` results and takes that have one. */
  media: Map<ContentHash, Blob>;
  /** Every take of the workflow asked for (`workflowId`), oldest first, as the take store lists them. */
  takes: StoredTake[];
}

/**
 * Reads result rows, their videos and the workflow's takes with plain IndexedDB (./start-reader.ts) in one read-only
 * transaction (its own file: only a workflow with video nodes needs it, through the start's first plan), so a
 * reopened workflow can show its earlier results and take strips in its first frame instead of
 * after Dexie and the run code have arrived. Rows are exactly what ./result-cache.ts and ./takes.ts
 * wrote (results by [namespace, key], videos in `blobs` by hash, takes by their [namespace+workflowId]
 * index). A Blob read from IndexedDB is a handle: its bytes are not loaded until something plays it.
 * Null when there is no database yet; throws on any other problem (the caller then leaves it to the
 * run controller's own lookups).
 */
export async function readStartResults(
  namespace: CacheNamespace,
  keys: readonly CacheKey[],
  opts: { workflowId?: WorkflowId; mediaLimit?: number; name?: string } = {},
): Promise<StartResults | null> {
  const db = await openExisting(opts.name ?? DB_NAME);
  if (!db) return null;
  try {
    const tx = db.transaction(["results", "blobs", "takes"], "readonly");
    const results = tx.objectStore("results");
    const rows = await Promise.all(keys.map((key) => results.get([namespace, key])));
    const found = new Map<CacheKey, CachedResult | null>();
    keys.forEach((key, i) => {
      const row = rows[i];
      found.set(key, row ? entryOfRow(row) : null);
    });
    const takeRows = opts.workflowId
      ? await tx.objectStore("takes").index("[namespace+workflowId]").getAll([namespace, opts.workflowId])
      : [];
    const limit = opts.mediaLimit ?? 100;
    // A video, or every image of an image node's batch (image 0 is its mediaHash too).
    const kept = (r: (typeof rows)[number]) => (r ? [r.mediaHash, ...(r.imageHashes ?? [])] : []);
    const videos = rows.flatMap((r) => kept(r).filter((h): h is ContentHash => !!h)).slice(0, limit);
    const thumbnails = takeRows.flatMap((t) => (t.thumbnailHash ? [t.thumbnailHash] : [])).slice(0, limit);
    const hashes = [...new Set([...videos, ...thumbnails])];
    const blobs = tx.objectStore("blobs");
    const blobRows = await Promise.all(hashes.map((h) => blobs.get(h)));
    const media = new Map<ContentHash, Blob>();
    hashes.forEach((h, i) => {
      const b = blobRows[i]?.blob;
      if (b) media.set(h, b);
    });
    return { found, media, takes: takeRows.map(storedTakeOf).sort(byAge) };
  } finally {
    db.close();
  }
}

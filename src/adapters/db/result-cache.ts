import type { CacheKey } from "../../domain/ids";
import { sha256Hex } from "../../engine/hash";
import type { CachedResult, ResultCache } from "../../engine/ports";
import type { CacheNamespace } from "../../domain/settings";
import { isQuotaError, type ReelflowDb, type ResultRow } from "./database";
import { putBlob } from "./blobs";
import { entryOfRow } from "./result-row";
import { messageOf } from "../../domain/message-of";
import { isImageResult } from "../../nodes/results";
import { allImagesKept, bytesStillUsed, downloadImages, hashesOf, imageBlob } from "./image-media";

/** Downloads a result's media; the default uses `fetch` (works for https:, data: and blob: URLs). */
export type FetchMedia = (url: string, signal?: AbortSignal) => Promise<Blob>;

export interface DexieResultCacheOptions {
  namespace: CacheNamespace;
  fetchMedia?: FetchMedia;
  /** Give up on one video download after this long; the result stays with its remote URL. */
  downloadTimeoutMs?: number;
}

/** A cached result with what the cleanup view needs to show. */
export interface StoredResultInfo {
  entry: CachedResult;
  /** Bytes of the local video (of all the images of an image result), 0 when nothing is stored locally. */
  mediaSize: number;
}

export interface DexieResultCache extends ResultCache {
  readonly namespace: CacheNamespace;
  /** The locally kept video of a result, to play through an object URL. */
  getMedia(key: CacheKey): Promise<Blob | undefined>;
  getMany(keys: readonly CacheKey[]): Promise<(CachedResult | undefined)[]>;
  /**
   * The video of a result at hand (or image `image` of an image result, 0 by default): reads it by the entry's
   * hashes without reading the result row again.
   */
  getMediaOf(entry: CachedResult, image?: number): Promise<Blob | undefined>;
  /** The locally kept image `index` of an image result. */
  getImage(key: CacheKey, index: number): Promise<Blob | undefined>;
  /** Stores a result whose media is already at hand (bundle import, demo clips): no download. */
  putWithMedia(entry: CachedResult, media: Blob): Promise<CachedResult>;
  /** Tries again to keep the video of a result stored without it (e.g. after space was freed). */
  retryMedia(key: CacheKey): Promise<CachedResult | undefined>;
  /** Every result of this namespace, newest first. */
  list(): Promise<StoredResultInfo[]>;
  /** Deletes a result (the user's choice in the cleanup view) and its job log; its video goes when unused. */
  remove(key: CacheKey): Promise<void>;
}

const defaultFetchMedia: FetchMedia = async (url, signal) => {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).host || "the media URL"}`);
  return res.blob();
};

const STORAGE_FULL =
  "storage full: the video was not kept in this browser; it plays from fal's URL while that lasts. Free space under Settings → Storage, then keep it again";

/**
 * The engine's result cache on IndexedDB. `put` stores the metadata first (the job is paid
 * for: it must survive whatever happens to the download), then downloads the video into the
 * `blobs` table. A failed or refused download never throws: the entry keeps its remote URL and
 * says why in `mediaError`.
 */
export function createDexieResultCache(db: ReelflowDb, opts: DexieResultCacheOptions): DexieResultCache {
  const { namespace } = opts;
  const fetchMedia = opts.fetchMedia ?? defaultFetchMedia;
  const timeoutMs = opts.downloadTimeoutMs ?? 10 * 60_000;
  const id = (key: CacheKey): [CacheNamespace, CacheKey] => [namespace, key];

  function checkNamespace(entry: CachedResult): CachedResult {
    if (namespace === "paid" && entry.simulated)
      throw new Error(`A simulated (demo) result cannot enter the paid cache (key ${entry.key}).`);
    return namespace === "demo" ? { ...entry, simulated: true } : entry;
  }

  /** Writes the bytes and points the entry at them in one transaction. */
  async function attachMedia(entry: CachedResult, media: Blob): Promise<CachedResult> {
    try {
      const hash = await sha256Hex(media);
      await db.transaction("rw", db.results, db.blobs, async () => {
        await putBlob(db, hash, media);
        await db.results.update(id(entry.key), { mediaHash: hash, mediaError: null });
      });
      return { ...entry, mediaHash: hash, mediaError: null };
    } catch (e) {
      return recordMediaError(
        entry,
        isQuotaError(e) ? `${STORAGE_FULL} (${messageOf(e)})` : `video not stored: ${messageOf(e)}`,
      );
    }
  }

  async function recordMediaError(entry: CachedResult, mediaError: string): Promise<CachedResult> {
    try {
      await db.results.update(id(entry.key), { mediaHash: null, mediaError });
    } catch {
      // The metadata row already says "no media"; the message is for this session only.
    }
    return { ...entry, mediaHash: null, mediaError };
  }

  async function writeMetadata(entry: CachedResult): Promise<CachedResult | null> {
    try {
      await db.results.put({ ...entry, mediaHash: null, mediaError: null, namespace });
      return null;
    } catch (e) {
      const why = isQuotaError(e) ? "storage full" : "could not be stored";
      return {
        ...entry,
        mediaHash: null,
        mediaError: `${why}: this result was not saved in this browser (${messageOf(e)})`,
      };
    }
  }

  async function download(entry: CachedResult): Promise<CachedResult> {
    const { result } = entry;
    if (isImageResult(result)) return downloadImages(db, namespace, { ...entry, result }, fetchMedia, timeoutMs);
    let media: Blob;
    try {
      media = await fetchMedia(result.video.url, AbortSignal.timeout(timeoutMs));
    } catch (e) {
      return recordMediaError(entry, `video not downloaded: ${messageOf(e)}`);
    }
    return attachMedia(entry, media);
  }

  async function getMedia(key: CacheKey): Promise<Blob | undefined> {
    const row = await db.results.get(id(key));
    if (!row?.mediaHash) return undefined;
    return (await db.blobs.get(row.mediaHash))?.blob;
  }

  return {
    namespace,

    async get(key) {
      const row = await db.results.get(id(key));
      return row ? entryOfRow(row) : undefined;
    },

    async getMany(keys) {
      const rows = await db.results.bulkGet(keys.map(id));
      return rows.map((row) => (row ? entryOfRow(row) : undefined));
    },

    async put(input) {
      const entry = checkNamespace(input);
      const failed = await writeMetadata(entry);
      if (failed) return failed;
      return download(entry);
    },

    async putWithMedia(input, media) {
      const entry = checkNamespace(input);
      const failed = await writeMetadata(entry);
      if (failed) return failed;
      return attachMedia(entry, media);
    },

    async retryMedia(key) {
      const row = await db.results.get(id(key));
      if (!row) return undefined;
      const entry = entryOfRow(row);
      if (isImageResult(entry.result)) return allImagesKept(entry) && !entry.mediaError ? entry : download(entry);
      if (entry.mediaHash && (await db.blobs.get(entry.mediaHash))) return entry;
      return download(entry);
    },

    getMedia,

    async getMediaOf(entry, image = 0) {
      if (isImageResult(entry.result)) {
        // An entry without hashes may be older than its download: the row may know more.
        const known = entry.imageHashes
          ? entry
          : entryOfRow((await db.results.get(id(entry.key))) ?? { ...entry, namespace });
        return imageBlob(db, known, image);
      }
      if (!entry.mediaHash) return getMedia(entry.key);
      return (await db.blobs.get(entry.mediaHash))?.blob;
    },

    async getImage(key, index) {
      const row = await db.results.get(id(key));
      return row ? imageBlob(db, entryOfRow(row), index) : undefined;
    },

    async list() {
      const rows = await db.results.where("namespace").equals(namespace).toArray();
      const hashes = [...new Set(rows.flatMap(hashesOf))];
      const blobs = await db.blobs.bulkGet(hashes);
      const sizes = new Map(blobs.filter((b) => b !== undefined).map((b) => [b.hash, b.size]));
      const sizeOf = (r: ResultRow) => hashesOf(r).reduce((sum, h) => sum + (sizes.get(h) ?? 0), 0);
      return rows
        .map((r) => ({ entry: entryOfRow(r), mediaSize: sizeOf(r) }))
        .sort((a, b) => b.entry.createdAt.localeCompare(a.entry.createdAt));
    },

    async remove(key) {
      await db.transaction("rw", [db.results, db.blobs, db.assets, db.logs], async () => {
        // The job's log is kept with its result (./job-logs.ts, same key): it goes with it, whatever is left.
        await db.logs.delete(id(key));
        const row = await db.results.get(id(key));
        if (!row) return;
        await db.results.delete(id(key));
        for (const hash of hashesOf(row)) if (!(await bytesStillUsed(db, hash))) await db.blobs.delete(hash);
      });
    },

    async getUpload(hash) {
      return (await db.uploads.get([namespace, hash]))?.url;
    },

    async putUpload(hash, url) {
      await db.uploads.put({ namespace, hash, url, createdAt: new Date().toISOString() });
    },
  };
}

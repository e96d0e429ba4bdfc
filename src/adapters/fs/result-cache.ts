import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { CacheKey, ContentHash } from "../../domain/ids";
import { contentHash } from "../../domain/ids";
import type { CachedResult, ResultCache } from "../../engine/ports";
import { readJsonIfExists, writeFileAtomic } from "./atomic-write";
import { downloadToFile, imageExtension, videoExtension } from "./download";
import { fileStem } from "./file-names";
import { messageOf } from "../../domain/message-of";
import { isImageResult, mediaFileOf } from "../../nodes/results";
import type { FalFile } from "../../nodes/types";

/**
 * The CLI's result cache: one folder on disk (default `.reelflow/cache`).
 *
 *   results/<key>.json     metadata (the CachedResult and the name of the local video file)
 *   results/<key>.mp4      the video, downloaded beside its metadata
 *   results/<key>-<i>.png  image i of an image result (`imageHashes[i]` says it was kept)
 *   simulated/…            demo results, a namespace of their own that `get` never reads
 *   uploads/<hash>.json    fal storage URL of bytes already uploaded
 *
 * Metadata is written after the video and atomically, so a metadata file always describes a
 * finished download (or says why there is none in `mediaError`).
 */

const ENTRY_FORMAT = "reelflow/cache-entry";

interface EntryFile {
  format: typeof ENTRY_FORMAT;
  version: 1;
  entry: CachedResult;
  /** Video file name inside the same folder, or null when it could not be downloaded (image results: image 0). */
  file: string | null;
  /** Image results: each image's file name by index, null where it could not be downloaded. */
  files?: (string | null)[];
}

export interface FsResultCache extends ResultCache {
  readonly dir: string;
  /** Absolute path of the downloaded video of a cached result, if there is one. */
  mediaPath(key: CacheKey): Promise<string | undefined>;
  /**
   * Same, from an entry in hand (as the engine's events carry it), without reading the metadata: the video, or
   * image `image` (default the first) of an image result.
   */
  mediaPathOf(entry: CachedResult, image?: number): string | undefined;
  /** Every stored (non-simulated) entry, for listings and tests. */
  list(): Promise<CachedResult[]>;
}

export interface FsResultCacheOptions {
  /** Fetch used to download videos (tests may count calls). */
  fetch?: typeof fetch;
  /** Give up on one video download after this long; the result is still kept with its URL. */
  downloadTimeoutMs?: number;
}

export function createFsResultCache(dir: string, opts: FsResultCacheOptions = {}): FsResultCache {
  const results = join(dir, "results");
  const simulated = join(dir, "simulated");
  const uploads = join(dir, "uploads");
  const metaPath = (folder: string, key: string) => join(folder, `${fileStem(key)}.json`);

  async function readEntry(key: CacheKey): Promise<EntryFile | undefined> {
    const raw = await readJsonIfExists(metaPath(results, key));
    return isEntryFile(raw) ? raw : undefined;
  }

  return {
    dir,
    async get(key) {
      return (await readEntry(key))?.entry;
    },

    async put(entry) {
      const folder = entry.simulated ? simulated : results;
      const signal = () => AbortSignal.timeout(opts.downloadTimeoutMs ?? 10 * 60_000);
      const kept = isImageResult(entry.result)
        ? await keepImages(entry, entry.result.images, folder, signal, opts.fetch)
        : await keepVideo(entry, folder, signal, opts.fetch);
      const record: EntryFile = { format: ENTRY_FORMAT, version: 1, ...kept };
      await writeFileAtomic(metaPath(folder, entry.key), `${JSON.stringify(record, null, 2)}\n`);
      return kept.entry;
    },

    async getUpload(hash: ContentHash) {
      const raw = await readJsonIfExists(metaPath(uploads, hash));
      return typeof raw === "object" && raw !== null && typeof (raw as { url?: unknown }).url === "string"
        ? (raw as { url: string }).url
        : undefined;
    },

    async putUpload(hash: ContentHash, url: string) {
      await writeFileAtomic(
        metaPath(uploads, hash),
        `${JSON.stringify({ url, createdAt: new Date().toISOString() })}\n`,
      );
    },

    async mediaPath(key) {
      const rec = await readEntry(key);
      return rec?.file ? join(results, rec.file) : undefined;
    },

    mediaPathOf(entry, image = 0) {
      if (entry.simulated) return undefined;
      const images = isImageResult(entry.result);
      if (images ? !entry.imageHashes?.[image] : !entry.mediaHash) return undefined;
      const path = join(results, images ? imageFileName(entry, image) : mediaFileName(entry));
      return existsSync(path) ? path : undefined;
    },

    async list() {
      let names: string[];
      try {
        names = await readdir(results);
      } catch {
        return [];
      }
      const out: CachedResult[] = [];
      for (const name of names.filter((n) => n.endsWith(".json"))) {
        const raw = await readJsonIfExists(join(results, name));
        if (isEntryFile(raw)) out.push(raw.entry);
      }
      return out;
    },
  };
}

type Kept = Pick<EntryFile, "entry" | "file" | "files">;
type Timeout = () => AbortSignal;

/** Downloads the video; the job was paid for, so a failed download keeps the metadata and says why. */
async function keepVideo(entry: CachedResult, folder: string, signal: Timeout, fetcher?: typeof fetch): Promise<Kept> {
  const file = mediaFileName(entry);
  try {
    const url = mediaFileOf(entry.result)?.url;
    if (url === undefined) throw new Error("the result holds no file");
    const { sha256 } = await downloadToFile(url, join(folder, file), { fetch: fetcher, signal: signal() });
    return { entry: { ...entry, mediaHash: contentHash(sha256), mediaError: null }, file };
  } catch (e) {
    return { entry: { ...entry, mediaHash: null, mediaError: `video not downloaded: ${messageOf(e)}` }, file: null };
  }
}

/** Downloads each image of a batch (one after another: they are small); one that fails leaves the others kept. */
async function keepImages(
  entry: CachedResult,
  images: readonly FalFile[],
  folder: string,
  signal: Timeout,
  fetcher?: typeof fetch,
): Promise<Kept> {
  const hashes: (ContentHash | null)[] = [];
  const files: (string | null)[] = [];
  const problems: string[] = [];
  for (const [i, image] of images.entries()) {
    const name = imageFileName(entry, i);
    try {
      const { sha256 } = await downloadToFile(image.url, join(folder, name), { fetch: fetcher, signal: signal() });
      hashes.push(contentHash(sha256));
      files.push(name);
    } catch (e) {
      hashes.push(null);
      files.push(null);
      problems.push(`image ${i + 1} of ${images.length} not downloaded: ${messageOf(e)}`);
    }
  }
  const kept = { ...entry, imageHashes: hashes, mediaHash: hashes[0] ?? null, mediaError: problems.join("; ") || null };
  return { entry: kept, file: files[0] ?? null, files };
}

function mediaFileName(entry: CachedResult): string {
  const file = mediaFileOf(entry.result);
  return `${fileStem(entry.key)}.${videoExtension(file?.url ?? "", file?.content_type)}`;
}

function imageFileName(entry: CachedResult, index: number): string {
  const file = mediaFileOf(entry.result, index);
  return `${fileStem(entry.key)}-${index}.${imageExtension(file?.url ?? "", file?.content_type)}`;
}

function isEntryFile(raw: unknown): raw is EntryFile {
  if (typeof raw !== "object" || raw === null) return false;
  const r = raw as Partial<EntryFile>;
  return (
    r.format === ENTRY_FORMAT && typeof r.entry === "object" && r.entry !== null && typeof r.entry.key === "string"
  );
}

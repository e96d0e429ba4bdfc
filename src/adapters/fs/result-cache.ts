import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { CacheKey, ContentHash } from "../../domain/ids";
import { contentHash } from "../../domain/ids";
import type { CachedResult, ResultCache } from "../../engine/ports";
import { readJsonIfExists, writeFileAtomic } from "./atomic-write";
import { downloadToFile, videoExtension } from "./download";
import { fileStem } from "./file-names";
import { messageOf } from "../../domain/message-of";
import { mediaFileOf } from "../../nodes/results";

/**
 * The CLI's result cache: one folder on disk (default `.reelflow/cache`).
 *
 *   results/<key>.json     metadata (the CachedResult and the name of the local video file)
 *   results/<key>.mp4      the video, downloaded beside its metadata
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
  /** Video file name inside the same folder, or null when it could not be downloaded. */
  file: string | null;
}

export interface FsResultCache extends ResultCache {
  readonly dir: string;
  /** Absolute path of the downloaded video of a cached result, if there is one. */
  mediaPath(key: CacheKey): Promise<string | undefined>;
  /** Same, from an entry in hand (as the engine's events carry it), without reading the metadata. */
  mediaPathOf(entry: CachedResult): string | undefined;
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
      const file = mediaFileName(entry);
      let stored: CachedResult;
      let storedFile: string | null = null;
      try {
        const signal = AbortSignal.timeout(opts.downloadTimeoutMs ?? 10 * 60_000);
        const url = mediaFileOf(entry.result)?.url;
        if (url === undefined) throw new Error("the result holds no file");
        const { sha256 } = await downloadToFile(url, join(folder, file), {
          fetch: opts.fetch,
          signal,
        });
        stored = { ...entry, mediaHash: contentHash(sha256), mediaError: null };
        storedFile = file;
      } catch (e) {
        // The job was paid for: keep its metadata and remote URL even when the file cannot be stored.
        stored = { ...entry, mediaHash: null, mediaError: `video not downloaded: ${messageOf(e)}` };
      }
      const record: EntryFile = { format: ENTRY_FORMAT, version: 1, entry: stored, file: storedFile };
      await writeFileAtomic(metaPath(folder, entry.key), `${JSON.stringify(record, null, 2)}\n`);
      return stored;
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

    mediaPathOf(entry) {
      if (!entry.mediaHash || entry.simulated) return undefined;
      const path = join(results, mediaFileName(entry));
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

function mediaFileName(entry: CachedResult): string {
  const file = mediaFileOf(entry.result);
  return `${fileStem(entry.key)}.${videoExtension(file?.url ?? "", file?.content_type)}`;
}

function isEntryFile(raw: unknown): raw is EntryFile {
  if (typeof raw !== "object" || raw === null) return false;
  const r = raw as Partial<EntryFile>;
  return (
    r.format === ENTRY_FORMAT && typeof r.entry === "object" && r.entry !== null && typeof r.entry.key === "string"
  );
}

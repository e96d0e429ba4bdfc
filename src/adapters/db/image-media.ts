import type { ContentHash } from "../../domain/ids";
import { messageOf } from "../../domain/message-of";
import { sha256Hex } from "../../engine/hash";
import type { CachedResult } from "../../engine/ports";
import { isImageResult } from "../../nodes/results";
import type { ImageResult } from "../../nodes/types";
import { putBlob } from "./blobs";
import type { CacheNamespace } from "../../domain/settings";
import { isQuotaError, type ReelflowDb } from "./database";

/**
 * The images of an image model's result, kept like a video's file: each image's bytes in `blobs` by content hash,
 * listed by index in the row's `imageHashes` (null where one could not be kept), image 0 also as `mediaHash` (what
 * shows when nothing else is asked, and what older readers of the row look at). An image that could not be
 * downloaded leaves its place null and says so in `mediaError`; the others are kept, and a retry fetches only
 * the missing ones.
 */

export type FetchImage = (url: string, signal: AbortSignal) => Promise<Blob>;

const STORAGE_FULL =
  "storage full: the images were not kept in this browser; they show from fal's URLs while those last. " +
  "Free space under Settings → Storage, then keep them again";

interface Downloaded {
  blobs: (Blob | null)[];
  problems: string[];
}

/** Downloads the images not yet kept (all of them on a first put), each on its own: one failure spares the rest. */
async function downloadMissing(
  result: ImageResult,
  known: readonly (ContentHash | null)[],
  fetchImage: FetchImage,
  timeoutMs: number,
): Promise<Downloaded> {
  const count = result.images.length;
  const problems: string[] = [];
  const blobs = await Promise.all(
    result.images.map(async (file, i) => {
      if (known[i]) return null;
      try {
        return await fetchImage(file.url, AbortSignal.timeout(timeoutMs));
      } catch (e) {
        problems.push(`image ${i + 1} of ${count} not downloaded: ${messageOf(e)}`);
        return null;
      }
    }),
  );
  return { blobs, problems };
}

/** Stores the downloaded bytes and points the row at them, in one transaction; returns the entry as stored. */
async function keepImages(
  db: ReelflowDb,
  namespace: CacheNamespace,
  entry: CachedResult,
  known: readonly (ContentHash | null)[],
  got: Downloaded,
): Promise<CachedResult> {
  try {
    const hashOf = async (b: Blob | null, i: number) => (b ? sha256Hex(b) : (known[i] ?? null));
    const hashes = await Promise.all(got.blobs.map(hashOf));
    const patch = {
      imageHashes: hashes,
      mediaHash: hashes[0] ?? null,
      mediaError: got.problems.length > 0 ? got.problems.join("; ") : null,
    };
    await db.transaction("rw", db.results, db.blobs, async () => {
      for (const [i, blob] of got.blobs.entries()) {
        const hash = hashes[i];
        if (blob && hash) await putBlob(db, hash, blob);
      }
      await db.results.update([namespace, entry.key], patch);
    });
    return { ...entry, ...patch };
  } catch (e) {
    const mediaError = isQuotaError(e) ? `${STORAGE_FULL} (${messageOf(e)})` : `images not stored: ${messageOf(e)}`;
    await db.results.update([namespace, entry.key], { mediaError }).catch(() => undefined);
    return { ...entry, mediaError };
  }
}

/**
 * Keeps an image result's images (`entry.imageHashes` says which are kept already); never throws, as a video's
 * download does not: the result is paid for and stays usable from fal's URLs.
 */
export async function downloadImages(
  db: ReelflowDb,
  namespace: CacheNamespace,
  entry: CachedResult & { result: ImageResult },
  fetchImage: FetchImage,
  timeoutMs: number,
): Promise<CachedResult> {
  const known = await stillStored(db, entry.imageHashes ?? []);
  const got = await downloadMissing(entry.result, known, fetchImage, timeoutMs);
  return keepImages(db, namespace, entry, known, got);
}

/** Hashes whose bytes are really there (space freed by hand may have taken some). */
async function stillStored(db: ReelflowDb, hashes: readonly (ContentHash | null)[]): Promise<(ContentHash | null)[]> {
  const wanted = hashes.filter((h): h is ContentHash => !!h);
  const rows = await db.blobs.bulkGet(wanted);
  const there = new Set(rows.flatMap((r) => (r ? [r.hash] : [])));
  return hashes.map((h) => (h && there.has(h) ? h : null));
}

/** Whether every image of an image result is kept. */
export function allImagesKept(entry: CachedResult): boolean {
  if (!isImageResult(entry.result)) return false;
  const hashes = entry.imageHashes ?? [];
  return entry.result.images.every((_, i) => !!hashes[i]);
}

/** The kept bytes of image `index` of a result, if any. */
export async function imageBlob(db: ReelflowDb, entry: CachedResult, index: number): Promise<Blob | undefined> {
  const hash = entry.imageHashes?.[index] ?? (index === 0 ? entry.mediaHash : null);
  return hash ? (await db.blobs.get(hash))?.blob : undefined;
}

/** Every content hash a result row holds bytes under: its video, or each of its images. */
export function hashesOf(entry: Pick<CachedResult, "mediaHash" | "imageHashes">): ContentHash[] {
  const all = [entry.mediaHash ?? null, ...(entry.imageHashes ?? [])];
  return [...new Set(all.filter((h): h is ContentHash => !!h))];
}

/**
 * Whether a result (other than one just deleted) or a dropped-in file still uses these bytes. Images are found by
 * a scan of the results (the index covers `mediaHash` only: image 0); a cleanup is a person's click, not a loop.
 */
export async function bytesStillUsed(db: ReelflowDb, hash: ContentHash): Promise<boolean> {
  if ((await db.results.where("mediaHash").equals(hash).count()) > 0) return true;
  if ((await db.assets.get(hash)) !== undefined) return true;
  return (await db.results.filter((r) => r.imageHashes?.includes(hash) === true).count()) > 0;
}

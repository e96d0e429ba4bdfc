import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";

/**
 * Stream a URL into a file without holding it in memory, hashing the bytes on the way. The file
 * appears under its final name only once complete, so a crash never leaves a truncated video
 * that a later run would take for a good one.
 */
export async function downloadToFile(
  url: string,
  path: string,
  opts: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<{ sha256: string; bytes: number }> {
  const res = await (opts.fetch ?? fetch)(url, opts.signal ? { signal: opts.signal } : {});
  if (!res.ok || !res.body) throw new Error(`download of ${url} failed: HTTP ${res.status}`);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.part`;
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as NodeWebReadableStream<Uint8Array>), tap, createWriteStream(tmp));
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { sha256: hash.digest("hex"), bytes };
}

const EXT_BY_TYPE: Record<string, string> = { "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov" };

const IMAGE_EXT_BY_TYPE: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** File extension for a fetched image: from its content type, else its URL, else png. */
export function imageExtension(url: string, contentType?: string | null): string {
  return extensionOf(url, contentType, IMAGE_EXT_BY_TYPE, "png");
}

/** File extension for a fetched video: from its content type, else its URL, else mp4 (what Sora makes). */
export function videoExtension(url: string, contentType?: string | null): string {
  return extensionOf(url, contentType, EXT_BY_TYPE, "mp4");
}

function extensionOf(
  url: string,
  contentType: string | null | undefined,
  byType: Record<string, string>,
  fallback: string,
): string {
  const typed = contentType ? byType[contentType.split(";")[0]?.trim().toLowerCase() ?? ""] : undefined;
  if (typed) return typed;
  try {
    const m = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname);
    if (m?.[1]) return m[1].toLowerCase();
  } catch {
    // not a URL we can read: fall through
  }
  return fallback;
}

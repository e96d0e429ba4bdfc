import type { CachedResult } from "../../../engine/ports";
import { isImageResult } from "../../../nodes/results";
import type { MakeThumbnail } from "../take-service";

/** Width of a stored thumbnail in pixels (the strip shows them at about half that, sharp on HiDPI). */
export const THUMB_WIDTH = 128;
const TIMEOUT_MS = 20_000;

function waitFor(el: HTMLMediaElement, event: "loadeddata" | "seeked", signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      el.removeEventListener(event, onEvent);
      el.removeEventListener("error", onError);
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    const onEvent = () => done(resolve);
    const onError = () =>
      done(() =>
        reject(new Error(el.error?.message || `the video could not be decoded (code ${el.error?.code ?? "?"})`)),
      );
    const onAbort = () => done(() => reject(new Error("the video took too long to load")));
    el.addEventListener(event, onEvent);
    el.addEventListener("error", onError);
    signal.addEventListener("abort", onAbort);
  });
}

/**
 * One frame of a video as a JPEG, drawn locally (canvas drawImage → toBlob). A little into the
 * video rather than at 0, where many clips fade in from black.
 */
export async function captureFrame(src: string, width = THUMB_WIDTH): Promise<Blob | null> {
  const video = document.createElement("video");
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  video.muted = true;
  video.playsInline = true;
  video.preload = "auto";
  // A remote file may only be drawn when its server allows it (else the canvas is tainted).
  video.crossOrigin = "anonymous";
  try {
    const loaded = waitFor(video, "loadeddata", signal);
    video.src = src;
    await loaded;
    const at = Number.isFinite(video.duration) && video.duration > 0 ? Math.min(0.5, video.duration / 3) : 0;
    if (at > 0) {
      const seeked = waitFor(video, "seeked", signal);
      video.currentTime = at;
      await seeked;
    }
    const w = width;
    const h =
      video.videoWidth > 0
        ? Math.max(1, Math.round((width * video.videoHeight) / video.videoWidth))
        : Math.round((width * 9) / 16);
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.drawImage(video, 0, 0, w, h);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
  } finally {
    video.removeAttribute("src");
    video.load();
  }
}

/** An image drawn `width` pixels wide as a JPEG (null where the browser cannot decode it). */
export async function scaleImage(source: Blob, width = THUMB_WIDTH): Promise<Blob | null> {
  const bitmap = await createImageBitmap(source);
  try {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = Math.max(1, Math.round((width * bitmap.height) / Math.max(1, bitmap.width)));
    const ctx = canvas.getContext("2d");
    if (!ctx) return null;
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.8));
  } finally {
    bitmap.close();
  }
}

/** The locally kept file of a result (its video, or image `image` of an image result). */
type LocalMedia = (result: CachedResult, image?: number) => Promise<Blob | undefined>;

async function download(url: string): Promise<Blob | null> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  return res.ok ? res.blob() : null;
}

/**
 * The thumbnail of image `image` of an image result: the image scaled down, from its local copy, else from its
 * URL. Always a copy of its own: the take store deletes a thumbnail nothing else uses, and a thumbnail that were
 * the image's own bytes would take the result's image with it.
 */
async function imageThumbnail(
  result: CachedResult,
  image: number,
  local: LocalMedia,
  scale: typeof scaleImage,
): Promise<Blob | null> {
  if (!isImageResult(result.result)) return null;
  const file = result.result.images[image];
  if (!file) return null;
  const source = (await local(result, image).catch(() => undefined)) ?? (file.url ? await download(file.url) : null);
  return source ? scale(source) : null;
}

/**
 * The browser's thumbnail maker: fal's thumbnail image when the result has one (downloaded, so it
 * outlives fal's URL), else a frame of the locally kept video (or of its remote URL); for an image result, the
 * take's own image scaled down.
 */
export function browserThumbnailMaker(localMedia: LocalMedia, scale = scaleImage): MakeThumbnail {
  return async (result, image) => {
    const made = result.result;
    if (isImageResult(made)) return imageThumbnail(result, image ?? 0, localMedia, scale);
    const remoteThumb = made.thumbnail?.url;
    if (remoteThumb) {
      try {
        const res = await fetch(remoteThumb, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        const blob = res.ok ? await res.blob() : null;
        if (blob && blob.size > 0 && (blob.type === "" || blob.type.startsWith("image/"))) return blob;
      } catch {
        // Expired or not allowed from this page: draw one from the video instead.
      }
    }
    const local = result.mediaHash ? await localMedia(result).catch(() => undefined) : undefined;
    if (local) {
      const url = URL.createObjectURL(local);
      try {
        return await captureFrame(url);
      } finally {
        URL.revokeObjectURL(url);
      }
    }
    return made.video.url ? captureFrame(made.video.url) : null;
  };
}

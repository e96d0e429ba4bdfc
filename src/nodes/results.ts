import type { FalFile, GenerationResult, ImageResult, VideoResult } from "./types";

/**
 * Telling results apart and reading their files, for every consumer (engine, caches, UI) in one place. A stored
 * result carries no kind tag (those from before image nodes have none): an image result is one with `images`.
 */

export const isImageResult = (r: GenerationResult): r is ImageResult => Array.isArray((r as ImageResult).images);

export const isVideoResult = (r: GenerationResult): r is VideoResult => !isImageResult(r);

/** Every media file of a result in order: the video, or each image (index i is the take of image i). */
export function mediaFilesOf(r: GenerationResult): FalFile[] {
  return isImageResult(r) ? r.images : [r.video];
}

/** The file a take shows: the video, or image `image` of a batch (undefined when there is no such image). */
export function mediaFileOf(r: GenerationResult, image = 0): FalFile | undefined {
  return isImageResult(r) ? r.images[image] : r.video;
}

/** Seconds of video a result holds, when known (an image result has none). */
export const durationOfResult = (r: GenerationResult): number | null => (isImageResult(r) ? null : r.durationSec);

import type { FalFile, VideoResult } from "../types";
import { readFalFile } from "../models/model-kit";
import { isRecord } from "./openapi";

/**
 * Reads the result of a catalogue endpoint: the `video` File (url, type, size, and width, height, fps and
 * duration when fal's VideoFile gives them), a thumbnail when there is one. What cannot be read is an Error
 * that quotes the start of the raw result (the engine keeps the whole of it).
 */

const QUOTE_CHARS = 300;

/** `askedSec`: the length the request asked for, used when the file does not say how long it is. */
export function readVideoResult(raw: unknown, label: string, askedSec: number | null): VideoResult {
  const video = isRecord(raw) ? readFalFile(raw.video) : null;
  if (!video) {
    throw new Error(`${label} returned a result Reelflow cannot read (no video file with a URL in it): ${quote(raw)}`);
  }
  const duration = positive(video.duration) ?? positive(askedSec);
  return { video, videoId: null, thumbnail: thumbnailOf(raw as Record<string, unknown>), durationSec: duration };
}

/** `thumbnail` as a File, or `thumbnail_url` as a bare URL string, as some fal video models answer. */
function thumbnailOf(raw: Record<string, unknown>): FalFile | null {
  const file = readFalFile(raw.thumbnail);
  if (file) return file;
  const url = raw.thumbnail_url;
  return typeof url === "string" && url !== "" ? { url } : null;
}

const positive = (n: number | null | undefined) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null);

function quote(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}

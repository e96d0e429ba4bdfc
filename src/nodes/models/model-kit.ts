import type { FalFile, ParamSpec, Params, ParamValue, Price, VideoResult } from "../types";

/**
 * Small pieces shared by the Veo 3.1, Kling O3 and Seedance 2.0 adapters. Each adapter file keeps its own
 * schema knowledge and price table; this file only knows how fal bodies and results are shaped in general.
 */

/**
 * The declared params with defaults filled in. Unknown keys are dropped, and an optional param that is unset
 * (or an empty text) is left out, because fal rejects `null` where it expects a value and applies its own
 * default when a field is absent.
 */
export function declaredParams(specs: readonly ParamSpec[], params: Params): Params {
  const out: Params = {};
  for (const spec of specs) {
    const given: ParamValue | undefined = params[spec.name];
    const value = given ?? spec.default;
    if (value === undefined) continue;
    if (spec.kind === "text" && (typeof value !== "string" || value.trim() === "")) continue;
    out[spec.name] = value;
  }
  return out;
}

/** A required port value, or an Error naming the model and the missing input. */
export function requirePort<T>(value: T | undefined | null, model: string, what: string): T {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    throw new Error(`${model} needs ${what}, but none arrived on its input.`);
  }
  return value;
}

export const roundUsd = (usd: number) => Math.round(usd * 10_000) / 10_000;

export const formatUsd = (usd: number) => `$${roundUsd(usd)}`;

/** The price of an endpoint whose fal page did not state one when checked: the app asks before spending. */
export function unknownPrice(checked: string): Price {
  return { usd: null, upperBound: false, basis: `price unknown (not found on the model's fal page, checked ${checked})` };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optString = (v: unknown): string | null => (typeof v === "string" ? v : null);
const optNumber = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Reads a fal `File`; only `url` is required, every other field may be missing or null. */
export function readFalFile(raw: unknown): FalFile | null {
  if (!isRecord(raw)) return null;
  const url = raw.url;
  if (typeof url !== "string" || url === "") return null;
  return {
    url,
    content_type: optString(raw.content_type),
    file_name: optString(raw.file_name),
    file_size: optNumber(raw.file_size),
    width: optNumber(raw.width),
    height: optNumber(raw.height),
    duration: optNumber(raw.duration),
    fps: optNumber(raw.fps),
  };
}

/**
 * Reads `{ video: File, ... }`, the result shape of every endpoint here. `requestedSec` is the length asked
 * for, used when the result does not say how long the video is.
 */
export function readVideoOutput(raw: unknown, model: string, requestedSec: number | null): VideoResult {
  const video = isRecord(raw) ? readFalFile(raw.video) : null;
  if (!video) throw new Error(`${model} returned no video URL in its result.`);
  return { video, videoId: null, thumbnail: null, durationSec: video.duration ?? requestedSec };
}

/** "8s" → 8, "5" → 5, 5 → 5; "auto" or anything else → null. */
export function secondsOf(value: ParamValue | undefined): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const m = /^(\d+(?:\.\d+)?)s?$/.exec(value.trim());
  return m?.[1] ? Number(m[1]) : null;
}

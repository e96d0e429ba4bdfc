import { priceFactOf } from "../catalogue/known";
import { inSpecForm } from "../params";
import type {
  FalFile,
  FieldIssue,
  ModelAdapter,
  ParamSpec,
  Params,
  ParamValue,
  PortValues,
  VideoResult,
} from "../types";

/**
 * Small pieces shared by the curated adapters (Veo 3.1, Kling O3, Seedance 2.0, Sora 2, FLUX.1 [dev], Nano Banana).
 * Each adapter file keeps its own schema knowledge, help texts and price table; this file only knows how fal
 * params, bodies and results are shaped in general.
 */

// ---- param specs fal's models have in common (each model passes its own choices and help) ----------------

/** fal's seeds are 32-bit signed integers. */
const MAX_SEED = 2_147_483_647;

const withHelp = (help: string | undefined) => (help === undefined ? {} : { help });

/** `seed`, behind "More": the same seed with the same params asks fal for the same output. */
export const seedSpec = (help?: string): ParamSpec => ({
  kind: "number",
  name: "seed",
  more: true,
  label: "Seed",
  min: 0,
  max: MAX_SEED,
  integer: true,
  ...withHelp(help),
});

/** `safety_tolerance`, fal's "1" (strictest) to "6" scale, default "4", behind "More". */
export const safetyToleranceSpec = (help: string): ParamSpec => ({
  kind: "enum",
  name: "safety_tolerance",
  more: true,
  label: "Safety tolerance",
  options: ["1", "2", "3", "4", "5", "6"],
  default: "4",
  help,
});

/** `aspect_ratio` with the model's own choices. */
export const aspectRatioSpec = (options: readonly string[], def: string, help?: string): ParamSpec => ({
  kind: "enum",
  name: "aspect_ratio",
  label: "Aspect ratio",
  options,
  default: def,
  ...withHelp(help),
});

/** `resolution` with the model's own choices. */
export const resolutionSpec = (options: readonly string[], def: string, help?: string): ParamSpec => ({
  kind: "enum",
  name: "resolution",
  label: "Resolution",
  options,
  default: def,
  ...withHelp(help),
});

/** `generate_audio`: whether a video model makes a sound track (some charge more for it). */
export const generateAudioSpec = (def: boolean, help: string): ParamSpec => ({
  kind: "boolean",
  name: "generate_audio",
  label: "Generate audio",
  default: def,
  help,
});

/** `output_format` of an image model, behind "More". */
export const outputFormatSpec = (options: readonly string[], def: string): ParamSpec => ({
  kind: "enum",
  name: "output_format",
  more: true,
  label: "Format",
  options,
  default: def,
});

// ---- video models' bodies, results and sources ------------------------------------------------------------

/**
 * The declared params with defaults filled in, each in its spec's form (`"5"` for a number param is 5: see
 * `inSpecForm`). Unknown keys are dropped, and an optional param that is unset (or an empty text) is left
 * out, because fal rejects `null` where it expects a value and applies its own default when a field is absent.
 */
export function declaredParams(specs: readonly ParamSpec[], params: Params): Params {
  const out: Params = {};
  for (const spec of specs) {
    const given: ParamValue | undefined = params[spec.name];
    const value = given === undefined || given === null ? spec.default : inSpecForm(spec, given);
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

/** What a video model works from besides its prompt: nothing more, a start image, or a video (edit, extend). */
export type VideoModelInput = "text" | "image" | "video";

/**
 * The ports' part of a video model's body: the prompt, and the start image or the video as fal's `image_url` or
 * `video_url`. `imageWhat` names the image in the error when none arrived ("a start image").
 */
export function promptAndMedia(
  label: string,
  input: VideoModelInput,
  ports: PortValues,
  imageWhat: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt: requirePort(ports.prompt, label, "a prompt") };
  if (input === "image") body.image_url = requirePort(ports.image, label, imageWhat).url;
  if (input === "video") body.video_url = requirePort(ports.video, label, "a video").url;
  return body;
}

/**
 * The seconds a request asks for, for reading its result. Null for a model that works on a video: an edit or
 * an extend is as long as its source plus what it adds, which the adapter does not see; fal's file may say.
 */
export function secondsAsked(input: VideoModelInput, specs: readonly ParamSpec[], params: Params): number | null {
  return input === "video" ? null : secondsOf(declaredParams(specs, params).duration);
}

/**
 * A `video_url` issue when the video on the input is known to be shorter than `min` or longer than `max`
 * seconds (a length not known, or not a number, is left to fal).
 */
export function videoLengthIssues(
  ports: PortValues,
  range: { min?: number; max: number },
  message: (sec: number) => string,
): FieldIssue[] {
  const sec = ports.video?.durationSec;
  const outside = typeof sec === "number" && (sec < (range.min ?? -Infinity) || sec > range.max);
  return outside ? [{ field: "video_url", message: message(sec) }] : [];
}

export const roundUsd = (usd: number) => Math.round(usd * 10_000) / 10_000;

export const formatUsd = (usd: number) => `$${roundUsd(usd)}`;

/** Where a curated price figure was read: the page or file, what it is, and the date the figure is from. */
export interface PriceSource {
  /** "fal page" or "fal model index": short, for a bill's basis. */
  name: string;
  url: string;
  /** ISO date of the figure: when the page was read, or when the index was captured. */
  asOf: string;
}

/** A model's own fal page (its Pricing section), read on `asOf`. */
export const falPage = (endpoint: string, asOf: string): PriceSource => ({
  name: "fal page",
  url: `https://fal.ai/models/${endpoint}`,
  asOf,
});

/**
 * fal's own model index (`https://fal.ai/api/models`, field `pricingInfoOverride`: the pricing text each model
 * page shows), as captured on 2026-09-16 in a public snapshot; read for Reelflow on 2026-12-05 for endpoints
 * whose pages had no Pricing section. Older than the live price, which fal's Pricing API gives.
 */
export const FAL_MODEL_INDEX: PriceSource = {
  name: "fal model index",
  url:
    "https://github.com/Jgomez25/hickeyfield/blob/b319c5d21136b5394fc7b5b93090c5ad00f83169/" +
    "crates/hickeyfield-core/vendor/fal-catalogue-snapshot.json",
  asOf: "2026-09-16",
};
/** When the model index figures were read into the tables (the `checked` of the adapters priced from it). */
export const FAL_MODEL_INDEX_READ = "2026-12-05";

/** Links to cite for a price: the model's own fal page always (it sends the user to the right page), then others. */
export const priceUrls = (endpoint: string, sources: readonly PriceSource[]): string[] => [
  ...new Set([`https://fal.ai/models/${endpoint}`, ...sources.map((s) => s.url)]),
];

/** fal-js's endpoint types at commit 381105e, where the Veo 3.1, Kling O3 and Seedance 2.0 schemas were read. */
export const FAL_JS_TYPES = {
  url: "https://github.com/fal-ai/fal-js/blob/381105e/libs/client/src/types/endpoints.ts",
  checked: "2026-11-25",
} as const;

/**
 * A curated video model's sources: fal-js's schema, the model's page and its price sources. Checked when its
 * figures were last read: the day the model index was read when a price comes from it, else the schema's day.
 */
export function schemaAndPriceSources(endpoint: string, prices: readonly PriceSource[]): ModelAdapter["sources"] {
  const checked = prices.includes(FAL_MODEL_INDEX) ? FAL_MODEL_INDEX_READ : FAL_JS_TYPES.checked;
  return { checked, urls: [FAL_JS_TYPES.url, ...priceUrls(endpoint, prices)] };
}

/** The one rate fal's Pricing API answers for a curated endpoint, as the curated table has it. */
export interface QuotedRate {
  /** fal's `unit` ("seconds", "units"). */
  unit: string;
  /**
   * The figures the table holds for that rate: one, or several when published sources disagree (then the
   * live price decides which is charged).
   */
  usd: readonly number[];
  /** Which tier of the table that is, in words ("720p/1080p, audio on"). */
  tier: string;
  /** The same rate by resolution (keys are `resolution` values), where the table has resolution tiers. */
  tiers?: Readonly<Record<string, number>>;
}

/** A live rate per second from fal's Pricing API, and the day it was read. */
export interface LiveRate {
  usdPerSec: number;
  date: string;
}

/**
 * fal's Pricing API rate per second for `endpoint`, when the catalogue has registered one (`source` "fal
 * pricing API", see PriceFact in ../catalogue/fal-api.ts). A figure read from public material is not live.
 */
export function liveRatePerSecond(endpoint: string): LiveRate | undefined {
  const fact = priceFactOf(endpoint);
  if (!fact || !/^fal pricing api/i.test(fact.source)) return undefined;
  if (fact.unit !== "seconds" || fact.currency !== "USD" || !(fact.unit_price > 0)) return undefined;
  return { usdPerSec: fact.unit_price, date: fact.fetchedAt.slice(0, 10) };
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

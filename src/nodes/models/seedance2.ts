import { endpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import type { ModelAdapter, ParamSpec, Params, PortValues, Price } from "../types";
import {
  FAL_JS_TYPES,
  aspectRatioSpec,
  declaredParams,
  formatUsd,
  generateAudioSpec,
  promptAndMedia,
  readVideoOutput,
  resolutionSpec,
  roundUsd,
  secondsAsked,
  secondsOf,
} from "./model-kit";

/**
 * ByteDance Seedance 2.0 on fal: text-to-video (Standard, Fast) and image-to-video (Standard).
 * Schemas: fal-ai/fal-js libs/client/src/types/endpoints.ts (commit 381105e), types Seedance2T2VInput,
 * Seedance2T2VFastInput, Seedance2I2VInput; results `{ seed, video: File }` (ModifyOutput).
 * `duration` is a string: "auto" or "4".."15". `end_image_url` and `end_user_id` are not offered.
 */
const CHECKED = "2026-11-25";

/**
 * fal bills Seedance 2.0 per 1,000 video tokens, tokens = height × width × seconds × 24 / 1024
 * (stated on the fast text-to-video page; the standard pages' "about $0.30/s at 720p" is the same formula at
 * $0.014). Prices checked 2026-11-25.
 */
interface SeedanceRate {
  usdPer1kTokens: number;
  page: string;
}
export const SEEDANCE2_PRICES: Readonly<Record<string, SeedanceRate>> = {
  "bytedance/seedance-2.0/text-to-video": {
    usdPer1kTokens: 0.014,
    page: "https://fal.ai/models/bytedance/seedance-2.0/text-to-video",
  },
  "bytedance/seedance-2.0/fast/text-to-video": {
    usdPer1kTokens: 0.0112,
    page: "https://fal.ai/models/bytedance/seedance-2.0/fast/text-to-video",
  },
  // The image-to-video page gives "about $0.30/s at 720p", which is the standard token rate.
  "bytedance/seedance-2.0/image-to-video": {
    usdPer1kTokens: 0.014,
    page: "https://fal.ai/models/bytedance/seedance-2.0/image-to-video",
  },
};

/**
 * Pixels per frame by resolution tier, taken at 16:9. The other aspect ratios keep roughly the same pixel
 * budget, so prices away from 16:9 are approximate (marked "≈").
 */
const PIXELS: Readonly<Record<string, number>> = {
  "480p": 854 * 480,
  "720p": 1280 * 720,
  "1080p": 1920 * 1080,
  "4k": 3840 * 2160,
};
const FPS = 24;
/** "auto" lets the model choose up to this many seconds; the price is then an upper bound. */
const MAX_SEC = 15;

const durationOptions = ["auto", ...Array.from({ length: MAX_SEC - 3 }, (_, i) => String(i + 4))] as const;

const duration: ParamSpec = {
  kind: "enum",
  name: "duration",
  label: "Duration",
  options: durationOptions,
  default: "auto",
  help: "4 to 15 seconds, or auto to let the model decide from the prompt.",
};
const resolutionFull = resolutionSpec(
  ["480p", "720p", "1080p", "4k"],
  "720p",
  "Priced by pixels: 1080p and 4k cost several times 720p.",
);
const resolutionFast = resolutionSpec(["480p", "720p"], "720p");
const aspect = aspectRatioSpec(
  ["auto", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"],
  "auto",
  "auto lets the model choose (image-to-video: follows the image).",
);
const generateAudio = generateAudioSpec(true, "Sound effects, ambience and lip-synced speech; same price either way.");
const bitrate: ParamSpec = {
  kind: "enum",
  name: "bitrate_mode",
  more: true,
  label: "Bitrate",
  options: ["standard", "high"],
  default: "standard",
  help: "high: a higher-quality, larger file.",
};

const T2V_PARAMS: readonly ParamSpec[] = [duration, resolutionFull, aspect, generateAudio, bitrate];
const FAST_T2V_PARAMS: readonly ParamSpec[] = [duration, resolutionFast, aspect, generateAudio, bitrate];
const I2V_PARAMS: readonly ParamSpec[] = [duration, resolutionFull, aspect, generateAudio, bitrate];

function seedancePrice(endpoint: string, params: Params, specs: readonly ParamSpec[]): Price {
  const rate = SEEDANCE2_PRICES[endpoint];
  const p = declaredParams(specs, params);
  const res = typeof p.resolution === "string" ? p.resolution : "720p";
  const pixels = PIXELS[res];
  if (!rate || pixels === undefined) {
    return { usd: null, upperBound: false, basis: `price unknown for ${endpoint} at ${res}` };
  }
  const asked = secondsOf(p.duration);
  const seconds = asked ?? MAX_SEC;
  const perSec = ((pixels * FPS) / 1024 / 1000) * rate.usdPer1kTokens;
  const approx = p.aspect_ratio === "16:9" ? "" : "≈";
  return {
    usd: roundUsd(seconds * perSec),
    upperBound: asked === null,
    basis:
      (asked === null ? `up to ${MAX_SEC} s (duration auto)` : `${seconds} s`) +
      ` × ${approx}${formatUsd(perSec)}/s (${res}, ${formatUsd(rate.usdPer1kTokens)} per 1k video tokens)`,
  };
}

interface SeedanceSpec {
  endpoint: string;
  kind: GenerationKind;
  variant: "Standard" | "Fast";
  label: string;
  params: readonly ParamSpec[];
  input: "text" | "image";
  typicalSeconds: number;
}

function seedanceAdapter(s: SeedanceSpec): ModelAdapter {
  return {
    endpoint: endpointId(s.endpoint),
    kind: s.kind,
    family: "Seedance 2.0",
    variant: s.variant,
    label: s.label,
    params: s.params,
    buildInput: (params: Params, ports: PortValues): Record<string, unknown> => ({
      ...promptAndMedia(s.label, s.input, ports, "a start image"),
      ...declaredParams(s.params, params),
    }),
    readResult: (raw: unknown, params: Params) =>
      readVideoOutput(raw, s.label, secondsAsked(s.input, s.params, params)),
    price: (params) => seedancePrice(s.endpoint, params, s.params),
    sources: {
      checked: CHECKED,
      urls: [FAL_JS_TYPES.url, SEEDANCE2_PRICES[s.endpoint]?.page ?? `https://fal.ai/models/${s.endpoint}`],
    },
    typicalSeconds: s.typicalSeconds,
  };
}

export const seedance2TextToVideo = seedanceAdapter({
  endpoint: "bytedance/seedance-2.0/text-to-video",
  kind: "text-to-video",
  variant: "Standard",
  label: "Seedance 2.0",
  params: T2V_PARAMS,
  input: "text",
  typicalSeconds: 120,
});
export const seedance2FastTextToVideo = seedanceAdapter({
  endpoint: "bytedance/seedance-2.0/fast/text-to-video",
  kind: "text-to-video",
  variant: "Fast",
  label: "Seedance 2.0 Fast",
  params: FAST_T2V_PARAMS,
  input: "text",
  typicalSeconds: 70,
});
export const seedance2ImageToVideo = seedanceAdapter({
  endpoint: "bytedance/seedance-2.0/image-to-video",
  kind: "image-to-video",
  variant: "Standard",
  label: "Seedance 2.0",
  params: I2V_PARAMS,
  input: "image",
  typicalSeconds: 120,
});

export const seedance2Adapters: readonly ModelAdapter[] = [
  seedance2TextToVideo,
  seedance2FastTextToVideo,
  seedance2ImageToVideo,
];

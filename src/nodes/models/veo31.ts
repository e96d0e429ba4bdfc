import { endpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import type { FieldIssue, ModelAdapter, ParamSpec, Params, PortValues, Price } from "../types";
import {
  FAL_MODEL_INDEX,
  aspectRatioSpec,
  declaredParams,
  falPage,
  formatUsd,
  generateAudioSpec,
  promptAndMedia,
  readVideoOutput,
  resolutionSpec,
  roundUsd,
  safetyToleranceSpec,
  schemaAndPriceSources,
  secondsAsked,
  secondsOf,
  seedSpec,
  videoLengthIssues,
  type PriceSource,
  type VideoModelInput,
} from "./model-kit";

/**
 * Google Veo 3.1 on fal: text-to-video, image-to-video (Standard and Fast) and extend-video.
 * Schemas: fal-ai/fal-js libs/client/src/types/endpoints.ts (commit 381105e), types Veo31Input,
 * Veo31ImageToVideoInput, Veo31ExtendVideoInput (the Fast endpoints alias the same types); results are
 * `{ video: File }`. Durations are strings ("8s"), not numbers.
 */

interface AudioRates {
  audioOff: number;
  audioOn: number;
}
/** USD per second of generated video, by audio on/off, at 720p/1080p ("hd") and at 4k (absent: no 4k). */
interface VeoRate {
  hd: AudioRates;
  uhd?: AudioRates;
  source: PriceSource;
}

/**
 * Per-second prices. fal prices the Fast endpoints differently from Standard, so each endpoint has its own
 * row. Veo 3.1 text-to-video is from its fal page (checked 2026-11-25). The other four pages had no Pricing
 * section when checked on 2026-11-25; their rows are fal's own model index (captured 2026-09-16, read
 * 2026-12-05), each in the index's words below. fal's Pricing API answers one rate per endpoint, the
 * audio-on rate at 720p/1080p: the drift test (tests/nodes/curated-drift.test.ts) holds `hd.audioOn` to it.
 */
const STANDARD = { hd: { audioOff: 0.2, audioOn: 0.4 }, uhd: { audioOff: 0.4, audioOn: 0.6 } } as const;
const FAST = { hd: { audioOff: 0.1, audioOn: 0.15 }, uhd: { audioOff: 0.3, audioOn: 0.35 } } as const;

export const VEO31_PRICES: Readonly<Record<string, VeoRate>> = {
  // "$0.20 without audio or $0.40 with audio for 720p or 1080p. At 4k, $0.40 … or $0.60 with."
  "fal-ai/veo3.1": { ...STANDARD, source: falPage("fal-ai/veo3.1", "2026-11-25") },
  // "$0.10 without audio or $0.15 with audio for 720p or 1080p. At 4k, … $0.30 … without audio, or $0.35 with."
  "fal-ai/veo3.1/fast": { ...FAST, source: FAL_MODEL_INDEX },
  // The same words as Veo 3.1 text-to-video: $0.20 / $0.40 at 720p or 1080p, $0.40 / $0.60 at 4k.
  "fal-ai/veo3.1/image-to-video": { ...STANDARD, source: FAL_MODEL_INDEX },
  // The same words as Veo 3.1 Fast: $0.10 / $0.15 at 720p or 1080p, $0.30 / $0.35 at 4k.
  "fal-ai/veo3.1/fast/image-to-video": { ...FAST, source: FAL_MODEL_INDEX },
  // "For every second of video you generated, … $0.20 (audio off) or $0.40 (audio on)": one rate, no 4k.
  "fal-ai/veo3.1/extend-video": { hd: { audioOff: 0.2, audioOn: 0.4 }, source: FAL_MODEL_INDEX },
};

const duration: ParamSpec = {
  kind: "enum",
  name: "duration",
  label: "Duration",
  options: ["4s", "6s", "8s"],
  default: "8s",
  help: "Length of the video; Veo takes 4, 6 or 8 seconds.",
};
const resolution = resolutionSpec(["720p", "1080p", "4k"], "720p", "4k costs more per second.");
// Text-to-video knows only 16:9 and 9:16; image-to-video and extend may follow the input's shape ("auto").
const t2vAspect = aspectRatioSpec(["16:9", "9:16"], "16:9");
const autoAspect = aspectRatioSpec(["auto", "16:9", "9:16"], "auto", "auto follows the input.");

/** What follows the aspect ratio on every Veo node; only auto-fix's default differs (on for text-to-video). */
const afterAspect = (autoFixDefault: boolean): ParamSpec[] => [
  generateAudioSpec(true, "Dialogue, ambience and effects; audio on costs more per second."),
  {
    kind: "text",
    name: "negative_prompt",
    more: true,
    label: "Negative prompt",
    multiline: true,
    help: "What the video should avoid.",
  },
  seedSpec("Leave empty for a random seed."),
  {
    kind: "boolean",
    name: "auto_fix",
    more: true,
    label: "Auto-fix prompt",
    default: autoFixDefault,
    help: "Let fal rewrite a prompt that fails the content policy instead of refusing it.",
  },
  safetyToleranceSpec("1 is the strictest moderation, 6 the least strict."),
];

const T2V_PARAMS: readonly ParamSpec[] = [duration, resolution, t2vAspect, ...afterAspect(true)];
const I2V_PARAMS: readonly ParamSpec[] = [duration, resolution, autoAspect, ...afterAspect(false)];
// fal documents extend's `duration` ("7s") and `resolution` ("720p") only as free strings with a default and
// no list of choices, so the node does not offer them: fal applies its defaults (the video grows by ~7 s).
const EXTEND_PARAMS: readonly ParamSpec[] = [autoAspect, ...afterAspect(false)];

/** The longest input fal's extend page accepts ("input videos up to 8 seconds in length"). */
const EXTEND_MAX_INPUT_SEC = 8;

/** Seconds extend adds: fal's default `duration` "7s" (the node does not offer it; fal documents no choices). */
const EXTEND_ADDS_SEC = 7;

function veoPrice(s: VeoSpec, params: Params): Price {
  const rate = VEO31_PRICES[s.endpoint];
  if (!rate) throw new Error(`Veo 3.1 has no price row for ${s.endpoint}`);
  const p = declaredParams(s.params, params);
  const extend = s.input === "video";
  const seconds = extend ? EXTEND_ADDS_SEC : (secondsOf(p.duration) ?? 8);
  const audio = p.generate_audio !== false;
  const is4k = p.resolution === "4k" && rate.uhd !== undefined;
  const perSec = ((is4k ? rate.uhd : undefined) ?? rate.hd)[audio ? "audioOn" : "audioOff"];
  const length = extend ? `${seconds} s added` : `${seconds} s`;
  return {
    usd: roundUsd(seconds * perSec),
    upperBound: false,
    basis: `${length} × ${formatUsd(perSec)}/s (${is4k ? "4k" : "720p/1080p"}, audio ${audio ? "on" : "off"})`,
  };
}

interface VeoSpec {
  endpoint: string;
  kind: GenerationKind;
  variant: "Standard" | "Fast";
  label: string;
  params: readonly ParamSpec[];
  input: VideoModelInput;
  typicalSeconds: number;
}

function veoAdapter(s: VeoSpec): ModelAdapter {
  const source = VEO31_PRICES[s.endpoint]?.source;
  const adapter: ModelAdapter = {
    endpoint: endpointId(s.endpoint),
    kind: s.kind,
    family: "Veo 3.1",
    variant: s.variant,
    label: s.label,
    params: s.params,
    buildInput: (params: Params, ports: PortValues): Record<string, unknown> => ({
      ...promptAndMedia(s.label, s.input, ports, "an image"),
      ...declaredParams(s.params, params),
    }),
    // Extend returns the longer video; its length is only known when fal reports it.
    readResult: (raw: unknown, params: Params) =>
      readVideoOutput(raw, s.label, secondsAsked(s.input, s.params, params)),
    price: (params) => veoPrice(s, params),
    sources: schemaAndPriceSources(s.endpoint, source ? [source] : []),
    typicalSeconds: s.typicalSeconds,
  };
  if (s.input === "video") {
    adapter.action = "extend";
    adapter.videoInput = {
      kind: "url",
      reason: "Veo 3.1 extend continues a video given by URL: 720p or 1080p, 16:9 or 9:16, up to 8 s long.",
    };
    adapter.validate = (_params: Params, ports: PortValues): FieldIssue[] =>
      videoLengthIssues(
        ports,
        { max: EXTEND_MAX_INPUT_SEC },
        (sec) => `Veo 3.1 extend takes videos up to ${EXTEND_MAX_INPUT_SEC} s long; this one is ${sec} s.`,
      );
  }
  return adapter;
}

export const veo31TextToVideo = veoAdapter({
  endpoint: "fal-ai/veo3.1",
  kind: "text-to-video",
  variant: "Standard",
  label: "Veo 3.1",
  params: T2V_PARAMS,
  input: "text",
  typicalSeconds: 90,
});
export const veo31FastTextToVideo = veoAdapter({
  endpoint: "fal-ai/veo3.1/fast",
  kind: "text-to-video",
  variant: "Fast",
  label: "Veo 3.1 Fast",
  params: T2V_PARAMS,
  input: "text",
  typicalSeconds: 60,
});
export const veo31ImageToVideo = veoAdapter({
  endpoint: "fal-ai/veo3.1/image-to-video",
  kind: "image-to-video",
  variant: "Standard",
  label: "Veo 3.1",
  params: I2V_PARAMS,
  input: "image",
  typicalSeconds: 90,
});
export const veo31FastImageToVideo = veoAdapter({
  endpoint: "fal-ai/veo3.1/fast/image-to-video",
  kind: "image-to-video",
  variant: "Fast",
  label: "Veo 3.1 Fast",
  params: I2V_PARAMS,
  input: "image",
  typicalSeconds: 60,
});
export const veo31ExtendVideo = veoAdapter({
  endpoint: "fal-ai/veo3.1/extend-video",
  kind: "remix",
  variant: "Standard",
  label: "Veo 3.1 Extend",
  params: EXTEND_PARAMS,
  input: "video",
  typicalSeconds: 90,
});

export const veo31Adapters: readonly ModelAdapter[] = [
  veo31FastTextToVideo,
  veo31TextToVideo,
  veo31FastImageToVideo,
  veo31ImageToVideo,
  veo31ExtendVideo,
];

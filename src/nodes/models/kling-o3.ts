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
  liveRatePerSecond,
  promptAndMedia,
  readVideoOutput,
  roundUsd,
  schemaAndPriceSources,
  secondsAsked,
  secondsOf,
  videoLengthIssues,
  type PriceSource,
  type VideoModelInput,
} from "./model-kit";

/**
 * Kling O3 on fal: text-to-video, image-to-video and video-to-video edit, each in Standard and Pro.
 * Schemas: fal-ai/fal-js libs/client/src/types/endpoints.ts (commit 381105e), types O3ProTextToVideoInput,
 * O3ProImageToVideoInput and O3ProEditVideoV2VInput (Standard aliases the same types); results `{ video: File }`.
 * fal wants `duration` as a string "3".."15"; the node shows it as a 3–15 s number range and sends fal's
 * string. A file may hold either form: "5" is read as 5 (src/nodes/params.ts `inSpecForm`), so both price,
 * key and send alike. The spec stays a number because cache keys hash the spec's form: files saved with
 * `duration: 5` must keep their keys, and so their cached results.
 * `multi_prompt`, `elements`, `image_urls` and `end_image_url` need inputs the node kinds do not have yet.
 */
/** One published per-second figure and where it was read. */
interface Figure {
  usdPerSec: number;
  source: PriceSource;
}

type KlingRate =
  /** Charged per second of generated video, more with audio on. */
  | { per: "generated-second"; audioOff: number; audioOn: number; source: PriceSource }
  /**
   * Edit: charged per second of video produced, which is as long as the source video. Several figures: the
   * published sources disagree, so fal's live price decides and, without one, the highest is an upper bound.
   */
  | { per: "source-second"; figures: readonly [Figure, ...Figure[]] };

/**
 * Per-second prices. Kling prices differ by tier and endpoint, so none is copied across. O3 Standard
 * image-to-video and the O3 Pro edit's $0.336 are from their fal pages (checked 2026-11-25); the other pages
 * had no Pricing section then, and their rows are fal's own model index (captured 2026-09-16, read
 * 2026-12-05), in its words below. fal's Pricing API answers one rate per endpoint (the audio-on one): the
 * drift test (tests/nodes/curated-drift.test.ts) holds `audioOn`, or an edit's figures, to it.
 */
export const KLING_O3_PRICES: Readonly<Record<string, KlingRate>> = {
  // "$0.084 (audio off) or $0.112 (audio on)" per second.
  "fal-ai/kling-video/o3/standard/text-to-video": {
    per: "generated-second",
    audioOff: 0.084,
    audioOn: 0.112,
    source: FAL_MODEL_INDEX,
  },
  // "$0.112 (audio off) or $0.14 (audio on)" per second.
  "fal-ai/kling-video/o3/pro/text-to-video": {
    per: "generated-second",
    audioOff: 0.112,
    audioOn: 0.14,
    source: FAL_MODEL_INDEX,
  },
  // "$0.084 (audio off) or $0.112 (audio on)" per second.
  "fal-ai/kling-video/o3/standard/image-to-video": {
    per: "generated-second",
    audioOff: 0.084,
    audioOn: 0.112,
    source: falPage("fal-ai/kling-video/o3/standard/image-to-video", "2026-11-25"),
  },
  // "$0.112 (audio off) or $0.14 (audio on)" per second.
  "fal-ai/kling-video/o3/pro/image-to-video": {
    per: "generated-second",
    audioOff: 0.112,
    audioOn: 0.14,
    source: FAL_MODEL_INDEX,
  },
  // "For every second of video you generated, you will be charged $0.126" (flat, audio or not).
  "fal-ai/kling-video/o3/standard/video-to-video/edit": {
    per: "source-second",
    figures: [{ usdPerSec: 0.126, source: FAL_MODEL_INDEX }],
  },
  // The page: "For every second of video you generated you will be charged $0.336"; the index: "… $0.168".
  "fal-ai/kling-video/o3/pro/video-to-video/edit": {
    per: "source-second",
    figures: [
      { usdPerSec: 0.336, source: falPage("fal-ai/kling-video/o3/pro/video-to-video/edit", "2026-11-25") },
      { usdPerSec: 0.168, source: FAL_MODEL_INDEX },
    ],
  },
};

const sourcesOf = (rate: KlingRate | undefined): PriceSource[] =>
  !rate ? [] : rate.per === "generated-second" ? [rate.source] : rate.figures.map((f) => f.source);

const MIN_SEC = 3;
const MAX_SEC = 15;

const duration: ParamSpec = {
  kind: "number",
  name: "duration",
  label: "Duration (s)",
  min: MIN_SEC,
  max: MAX_SEC,
  step: 1,
  integer: true,
  default: 5,
  help: "3 to 15 seconds.",
};
const generateAudio = generateAudioSpec(false, "Native audio; costs more per second.");
const shotType: ParamSpec = {
  kind: "enum",
  name: "shot_type",
  more: true,
  label: "Shot type",
  options: ["customize", "intelligent"],
  default: "customize",
  help: "intelligent lets the model decide the shot structure.",
};
const aspect = aspectRatioSpec(["16:9", "9:16", "1:1"], "16:9");
const keepAudio: ParamSpec = {
  kind: "boolean",
  name: "keep_audio",
  label: "Keep original audio",
  default: true,
  help: "Keep the source video's sound track.",
};

const T2V_PARAMS: readonly ParamSpec[] = [duration, aspect, generateAudio, shotType];
// The start image decides the shape, so image-to-video has no aspect ratio.
const I2V_PARAMS: readonly ParamSpec[] = [duration, generateAudio, shotType];
// Edit keeps the source's length; its `shot_type` is a free string in the schema with no choices, so it is left to fal.
const EDIT_PARAMS: readonly ParamSpec[] = [keepAudio];

function klingPrice(
  endpoint: string,
  params: Params,
  specs: readonly ParamSpec[],
  sourceSec: number | null | undefined,
): Price {
  const rate = KLING_O3_PRICES[endpoint];
  if (!rate) throw new Error(`Kling O3 has no price row for ${endpoint}`);
  switch (rate.per) {
    case "generated-second": {
      const p = declaredParams(specs, params);
      const seconds = secondsOf(p.duration) ?? 5;
      const audio = p.generate_audio === true;
      const perSec = audio ? rate.audioOn : rate.audioOff;
      return {
        usd: roundUsd(seconds * perSec),
        upperBound: false,
        basis: `${seconds} s × ${formatUsd(perSec)}/s (audio ${audio ? "on" : "off"})`,
      };
    }
    case "source-second":
      return sourceSecondPrice(endpoint, rate.figures, sourceSec);
    default: {
      const _: never = rate;
      return _;
    }
  }
}

/**
 * An edit, priced per second of its source. An unknown source length is priced at the longest video the
 * endpoint accepts. One published figure decides; when sources disagree, fal's live price decides, and
 * without one the highest figure is charged as an upper bound, the basis naming every figure and source.
 */
function sourceSecondPrice(
  endpoint: string,
  figures: readonly [Figure, ...Figure[]],
  sourceSec: number | null | undefined,
): Price {
  const known = typeof sourceSec === "number" && sourceSec > 0;
  const seconds = known ? sourceSec : MAX_SEC;
  const length = known ? `${seconds} s of source video` : `up to ${MAX_SEC} s of source video (source length unknown)`;
  const live = figures.length > 1 ? liveRatePerSecond(endpoint) : undefined;
  if (live) {
    return {
      usd: roundUsd(seconds * live.usdPerSec),
      upperBound: !known,
      basis: `${length} × ${formatUsd(live.usdPerSec)}/s (fal pricing API ${live.date})`,
    };
  }
  const highest = figures.reduce((a, b) => (b.usdPerSec > a.usdPerSec ? b : a));
  const usd = roundUsd(seconds * highest.usdPerSec);
  if (figures.length === 1) return { usd, upperBound: !known, basis: `${length} × ${formatUsd(highest.usdPerSec)}/s` };
  const named = figures.map((f) => `${f.source.name} ${f.source.asOf}: ${formatUsd(f.usdPerSec)}/s`).join("; ");
  const rate = `${formatUsd(highest.usdPerSec)}/s`;
  return {
    usd,
    upperBound: true,
    basis: `${length} × ${rate}, the highest of the published rates (${named}); fal's live price decides`,
  };
}

interface KlingSpec {
  endpoint: string;
  kind: GenerationKind;
  variant: "Standard" | "Pro";
  params: readonly ParamSpec[];
  input: VideoModelInput;
  typicalSeconds: number;
}

function klingAdapter(s: KlingSpec): ModelAdapter {
  const label = `Kling O3 ${s.variant}${s.input === "video" ? " Edit" : ""}`;
  const adapter: ModelAdapter = {
    endpoint: endpointId(s.endpoint),
    kind: s.kind,
    family: "Kling O3",
    variant: s.variant,
    label,
    params: s.params,
    buildInput(params: Params, ports: PortValues): Record<string, unknown> {
      const p = declaredParams(s.params, params);
      if (typeof p.duration === "number") p.duration = String(p.duration);
      return { ...promptAndMedia(label, s.input, ports, "a start image"), ...p };
    },
    readResult: (raw: unknown, params: Params) => readVideoOutput(raw, label, secondsAsked(s.input, s.params, params)),
    price: (params, ports) => klingPrice(s.endpoint, params, s.params, ports.sourceDurationSec),
    sources: schemaAndPriceSources(s.endpoint, sourcesOf(KLING_O3_PRICES[s.endpoint])),
    typicalSeconds: s.typicalSeconds,
  };
  if (s.input === "video") {
    adapter.action = "edit";
    adapter.videoInput = {
      kind: "url",
      reason: "Kling O3 edit works on any .mp4/.mov video given by URL, 3 to 15 s long, 720–3840 px.",
    };
    adapter.validate = (_params: Params, ports: PortValues): FieldIssue[] =>
      videoLengthIssues(
        ports,
        { min: MIN_SEC, max: MAX_SEC },
        (sec) => `${label} edits videos of ${MIN_SEC} to ${MAX_SEC} s; this one is ${sec} s.`,
      );
  }
  return adapter;
}

// Typical times from fal's O3 page: a 5 s Standard job took ~94 s, a comparable Pro job ~318 s.
export const klingO3StandardTextToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/standard/text-to-video",
  kind: "text-to-video",
  variant: "Standard",
  params: T2V_PARAMS,
  input: "text",
  typicalSeconds: 95,
});
export const klingO3ProTextToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/pro/text-to-video",
  kind: "text-to-video",
  variant: "Pro",
  params: T2V_PARAMS,
  input: "text",
  typicalSeconds: 320,
});
export const klingO3StandardImageToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
  kind: "image-to-video",
  variant: "Standard",
  params: I2V_PARAMS,
  input: "image",
  typicalSeconds: 95,
});
export const klingO3ProImageToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/pro/image-to-video",
  kind: "image-to-video",
  variant: "Pro",
  params: I2V_PARAMS,
  input: "image",
  typicalSeconds: 320,
});
export const klingO3StandardEdit = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit",
  kind: "remix",
  variant: "Standard",
  params: EDIT_PARAMS,
  input: "video",
  typicalSeconds: 120,
});
export const klingO3ProEdit = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/pro/video-to-video/edit",
  kind: "remix",
  variant: "Pro",
  params: EDIT_PARAMS,
  input: "video",
  typicalSeconds: 320,
});

export const klingO3Adapters: readonly ModelAdapter[] = [
  klingO3StandardTextToVideo,
  klingO3ProTextToVideo,
  klingO3StandardImageToVideo,
  klingO3ProImageToVideo,
  klingO3StandardEdit,
  klingO3ProEdit,
];

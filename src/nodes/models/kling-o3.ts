import { endpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import type { FieldIssue, ModelAdapter, ParamSpec, Params, PortValues, Price } from "../types";
import { declaredParams, formatUsd, readVideoOutput, requirePort, roundUsd, secondsOf, unknownPrice } from "./model-kit";

/**
 * Kling O3 on fal: text-to-video, image-to-video and video-to-video edit, each in Standard and Pro.
 * Schemas: fal-ai/fal-js libs/client/src/types/endpoints.ts (commit 381105e), types O3ProTextToVideoInput,
 * O3ProImageToVideoInput and O3ProEditVideoV2VInput (Standard aliases the same types); results `{ video: File }`.
 * fal wants `duration` as a string "3".."15"; the node shows it as a 3–15 s number range and converts.
 * `multi_prompt`, `elements`, `image_urls` and `end_image_url` need inputs the node kinds do not have yet.
 */
const CHECKED = "2026-11-25";
const SCHEMA_URL = "https://github.com/fal-ai/fal-js/blob/381105e/libs/client/src/types/endpoints.ts";

type KlingRate =
  /** Charged per second of generated video, more with audio on. */
  | { per: "generated-second"; audioOff: number; audioOn: number; page: string }
  /** Edit: charged per second of video produced, which is as long as the source video. */
  | { per: "source-second"; usdPerSec: number; page: string };

/**
 * Prices from each endpoint's fal page, checked 2026-11-25; `null`: its page gave no price when checked.
 * Re-checked 2026-11-25 for the four `null`s: the fal API-reference pages for O3 Standard/Pro text-to-video
 * and O3 Standard edit (fal.ai/docs/model-api-reference/video-generation-api/kling-video-o3-…) carry no
 * Pricing section, and no priced fal page was found for O3 Pro image-to-video. Kling prices differ by tier
 * and by endpoint (O3 Standard i2v $0.084 / $0.112 per s, O3 4K $0.42 flat, O3 Pro edit $0.336), so none is
 * copied across.
 */
export const KLING_O3_PRICES: Readonly<Record<string, KlingRate | null>> = {
  "fal-ai/kling-video/o3/standard/text-to-video": null,
  "fal-ai/kling-video/o3/pro/text-to-video": null,
  // "$0.084 (audio off) or $0.112 (audio on)" per second.
  "fal-ai/kling-video/o3/standard/image-to-video": {
    per: "generated-second", audioOff: 0.084, audioOn: 0.112,
    page: "https://fal.ai/models/fal-ai/kling-video/o3/standard/image-to-video",
  },
  "fal-ai/kling-video/o3/pro/image-to-video": null,
  "fal-ai/kling-video/o3/standard/video-to-video/edit": null,
  // "For every second of video you generated you will be charged $0.336".
  "fal-ai/kling-video/o3/pro/video-to-video/edit": {
    per: "source-second", usdPerSec: 0.336, page: "https://fal.ai/models/fal-ai/kling-video/o3/pro/video-to-video/edit",
  },
};

const MIN_SEC = 3;
const MAX_SEC = 15;

const duration: ParamSpec = {
  kind: "number", name: "duration", label: "Duration (s)", min: MIN_SEC, max: MAX_SEC, step: 1, integer: true, default: 5,
  help: "3 to 15 seconds.",
};
const generateAudio: ParamSpec = {
  kind: "boolean", name: "generate_audio", label: "Generate audio", default: false,
  help: "Native audio; costs more per second.",
};
const shotType: ParamSpec = {
  kind: "enum", name: "shot_type", label: "Shot type", options: ["customize", "intelligent"], default: "customize",
  help: "intelligent lets the model decide the shot structure.",
};
const aspect: ParamSpec = { kind: "enum", name: "aspect_ratio", label: "Aspect ratio", options: ["16:9", "9:16", "1:1"], default: "16:9" };
const keepAudio: ParamSpec = {
  kind: "boolean", name: "keep_audio", label: "Keep original audio", default: true,
  help: "Keep the source video's sound track.",
};

const T2V_PARAMS: readonly ParamSpec[] = [duration, aspect, generateAudio, shotType];
// The start image decides the shape, so image-to-video has no aspect ratio.
const I2V_PARAMS: readonly ParamSpec[] = [duration, generateAudio, shotType];
// Edit keeps the source's length; its `shot_type` is a free string in the schema with no choices, so it is left to fal.
const EDIT_PARAMS: readonly ParamSpec[] = [keepAudio];

function klingPrice(endpoint: string, params: Params, specs: readonly ParamSpec[], sourceSec: number | null | undefined): Price {
  const rate = KLING_O3_PRICES[endpoint];
  if (!rate) return unknownPrice(CHECKED);
  const p = declaredParams(specs, params);
  switch (rate.per) {
    case "generated-second": {
      const seconds = secondsOf(p.duration) ?? 5;
      const audio = p.generate_audio === true;
      const perSec = audio ? rate.audioOn : rate.audioOff;
      return { usd: roundUsd(seconds * perSec), upperBound: false, basis: `${seconds} s × ${formatUsd(perSec)}/s (audio ${audio ? "on" : "off"})` };
    }
    case "source-second": {
      // An unknown source length is priced at the longest video the endpoint accepts.
      const known = typeof sourceSec === "number" && sourceSec > 0;
      const seconds = known ? sourceSec : MAX_SEC;
      return {
        usd: roundUsd(seconds * rate.usdPerSec),
        upperBound: !known,
        basis: known
          ? `${seconds} s of source video × ${formatUsd(rate.usdPerSec)}/s`
          : `up to ${MAX_SEC} s of source video × ${formatUsd(rate.usdPerSec)}/s (source length unknown)`,
      };
    }
    default: {
      const _: never = rate;
      return _;
    }
  }
}

interface KlingSpec {
  endpoint: string;
  kind: GenerationKind;
  variant: "Standard" | "Pro";
  params: readonly ParamSpec[];
  input: "text" | "image" | "video";
  typicalSeconds: number;
}

function klingAdapter(s: KlingSpec): ModelAdapter {
  const label = `Kling O3 ${s.variant}${s.input === "video" ? " Edit" : ""}`;
  const rate = KLING_O3_PRICES[s.endpoint];
  const adapter: ModelAdapter = {
    endpoint: endpointId(s.endpoint),
    kind: s.kind,
    family: "Kling O3",
    variant: s.variant,
    label,
    params: s.params,
    buildInput(params: Params, ports: PortValues): Record<string, unknown> {
      const body: Record<string, unknown> = { prompt: requirePort(ports.prompt, label, "a prompt") };
      if (s.input === "image") body.image_url = requirePort(ports.image, label, "a start image").url;
      if (s.input === "video") body.video_url = requirePort(ports.video, label, "a video").url;
      const p = declaredParams(s.params, params);
      if (typeof p.duration === "number") p.duration = String(p.duration);
      return { ...body, ...p };
    },
    readResult(raw: unknown, params: Params) {
      // An edit is as long as its source, which the adapter does not see here; fal's file may say.
      const asked = s.input === "video" ? null : secondsOf(declaredParams(s.params, params).duration);
      return readVideoOutput(raw, label, asked);
    },
    price: (params, ports) => klingPrice(s.endpoint, params, s.params, ports.sourceDurationSec),
    sources: { checked: CHECKED, urls: [SCHEMA_URL, rate?.page ?? `https://fal.ai/models/${s.endpoint}`] },
    typicalSeconds: s.typicalSeconds,
  };
  if (s.input === "video") {
    adapter.videoInput = {
      kind: "url",
      reason: "Kling O3 edit works on any .mp4/.mov video given by URL, 3 to 15 s long, 720–3840 px.",
    };
    adapter.validate = (_params: Params, ports: PortValues): FieldIssue[] => {
      const sec = ports.video?.durationSec;
      return typeof sec === "number" && (sec < MIN_SEC || sec > MAX_SEC)
        ? [{ field: "video_url", message: `${label} edits videos of ${MIN_SEC} to ${MAX_SEC} s; this one is ${sec} s.` }]
        : [];
    };
  }
  return adapter;
}

// Typical times from fal's O3 page: a 5 s Standard job took ~94 s, a comparable Pro job ~318 s.
export const klingO3StandardTextToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/standard/text-to-video", kind: "text-to-video", variant: "Standard",
  params: T2V_PARAMS, input: "text", typicalSeconds: 95,
});
export const klingO3ProTextToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/pro/text-to-video", kind: "text-to-video", variant: "Pro",
  params: T2V_PARAMS, input: "text", typicalSeconds: 320,
});
export const klingO3StandardImageToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/standard/image-to-video", kind: "image-to-video", variant: "Standard",
  params: I2V_PARAMS, input: "image", typicalSeconds: 95,
});
export const klingO3ProImageToVideo = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/pro/image-to-video", kind: "image-to-video", variant: "Pro",
  params: I2V_PARAMS, input: "image", typicalSeconds: 320,
});
export const klingO3StandardEdit = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit", kind: "remix", variant: "Standard",
  params: EDIT_PARAMS, input: "video", typicalSeconds: 120,
});
export const klingO3ProEdit = klingAdapter({
  endpoint: "fal-ai/kling-video/o3/pro/video-to-video/edit", kind: "remix", variant: "Pro",
  params: EDIT_PARAMS, input: "video", typicalSeconds: 320,
});

export const klingO3Adapters: readonly ModelAdapter[] = [
  klingO3StandardTextToVideo,
  klingO3ProTextToVideo,
  klingO3StandardImageToVideo,
  klingO3ProImageToVideo,
  klingO3StandardEdit,
  klingO3ProEdit,
];

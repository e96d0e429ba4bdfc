import * as z from "zod/mini";
import { endpointId, type EndpointId } from "../../domain/ids";
import type { GenerationKind, Params } from "../../domain/workflow";
import { effectiveParams } from "../params";
import { aspectRatioSpec, resolutionSpec } from "./model-kit";
import type {
  BuildContext,
  FalFile,
  FieldIssue,
  ModelAdapter,
  ParamSpec,
  PortValues,
  Price,
  RetiredInfo,
  VideoResult,
} from "../types";

/**
 * OpenAI Sora 2 on fal: text-to-video and image-to-video (standard and pro) and remix.
 * Schemas from the fal model pages (kept in shared/seeds/sora-2-endpoints.md), checked
 * 2026-11-25. OpenAI retired Sora 2 on 2026-09-24; these adapters stay so that old
 * workflows keep opening, pricing and replaying their cached results.
 */

const CHECKED = "2026-11-25";
const FAMILY = "Sora 2";

export const SORA2_ENDPOINTS = {
  textToVideo: endpointId("fal-ai/sora-2/text-to-video"),
  textToVideoPro: endpointId("fal-ai/sora-2/text-to-video/pro"),
  imageToVideo: endpointId("fal-ai/sora-2/image-to-video"),
  imageToVideoPro: endpointId("fal-ai/sora-2/image-to-video/pro"),
  remix: endpointId("fal-ai/sora-2/video-to-video/remix"),
} as const;

// ---- prices: the one table -----------------------------------------------------------------

type Tier = "standard" | "pro";
/**
 * US cents per second of video (integers, so 12 s × 30 ¢ is exactly $3.60), from each
 * model's fal page. Standard makes 720p at most and has one rate; pro depends on the
 * resolution, and `auto` is estimated at the highest rate it could turn out to be.
 * Remix is billed like standard for the length of its source video.
 */
export const SORA2_PRICES = {
  checked: CHECKED,
  centsPerSecond: {
    standard: { "720p": 10 },
    pro: { "720p": 30, "1080p": 50 },
  },
} as const satisfies { checked: string; centsPerSecond: Record<Tier, Record<string, number>> };

/** Sora's longest clip: what a remix of a source of unknown length may cost at most. */
const MAX_SECONDS = 12;
const DURATIONS = [4, 8, 12] as const;

const usd = (cents: number) => cents / 100;
const dollars = (cents: number) => `$${usd(cents).toFixed(2)}`;

function rateFor(tier: Tier, resolution: unknown): { cents: number; note: string; upperBound: boolean } {
  const table: Record<string, number> = SORA2_PRICES.centsPerSecond[tier];
  const rates = Object.entries(table);
  const exact = typeof resolution === "string" ? table[resolution] : undefined;
  if (rates.length === 1) {
    const [res, cents] = rates[0] as [string, number];
    return { cents, note: res, upperBound: false };
  }
  if (exact !== undefined) return { cents: exact, note: String(resolution), upperBound: false };
  const [res, cents] = rates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { cents, note: `${String(resolution)}: priced as ${res}, the most it can cost`, upperBound: true };
}

function generationPrice(tier: Tier, params: Params): Price {
  const asked = params.duration ?? DURATIONS[0];
  const rate = rateFor(tier, params.resolution);
  const known = DURATIONS.some((d) => d === asked);
  const seconds = known ? (asked as number) : MAX_SECONDS;
  return {
    usd: usd(seconds * rate.cents),
    upperBound: rate.upperBound || !known,
    basis: `${known ? "" : "up to "}${seconds} s × ${dollars(rate.cents)}/s (${rate.note})`,
  };
}

function remixPrice(sourceDurationSec: number | null | undefined): Price {
  const rate = rateFor("standard", "720p");
  if (typeof sourceDurationSec === "number" && Number.isFinite(sourceDurationSec) && sourceDurationSec > 0) {
    return {
      usd: usd(Math.round(sourceDurationSec * rate.cents * 100) / 100),
      upperBound: false,
      basis: `${sourceDurationSec} s × ${dollars(rate.cents)}/s (length of the source video)`,
    };
  }
  return {
    usd: usd(MAX_SECONDS * rate.cents),
    upperBound: true,
    basis: `up to ${MAX_SECONDS} s × ${dollars(rate.cents)}/s (source length unknown)`,
  };
}

// ---- params --------------------------------------------------------------------------------

const duration: ParamSpec = {
  kind: "enum",
  name: "duration",
  label: "Duration (s)",
  options: DURATIONS,
  default: 4,
  help: "Length of the video in seconds",
};
const aspectFixed = aspectRatioSpec(["9:16", "16:9"], "16:9");
const aspectAuto = aspectRatioSpec(["auto", "9:16", "16:9"], "auto", "auto follows the image");

// ---- request bodies ------------------------------------------------------------------------

function promptOf(params: Params, ports: PortValues, label: string): string {
  const typed = params.prompt;
  const prompt = ports.prompt ?? (typeof typed === "string" ? typed : undefined);
  if (prompt === undefined || prompt.trim() === "")
    throw new Error(`${label} needs a prompt, but none arrived on its input or was typed into the node.`);
  return prompt;
}

/**
 * fal deletes a Sora video after delivering it unless told otherwise (`delete_video`,
 * default true); a deleted video cannot be remixed, so a generation feeding a remix keeps it.
 */
const keepForRemix = (ctx: BuildContext) => (ctx.feedsRemix ? { delete_video: false } : {});

// ---- results -------------------------------------------------------------------------------

// Everything but the url may be null, missing or (defensively) of another type.
const loose = <T extends z.ZodMiniType>(t: T) => z.catch(z.nullable(t), null);
const falFileSchema = z.object({
  url: z.string().check(z.minLength(1)),
  content_type: loose(z.string()),
  file_name: loose(z.string()),
  file_size: loose(z.number()),
  width: loose(z.number()),
  height: loose(z.number()),
  duration: loose(z.number()),
  fps: loose(z.number()),
});
const soraResultSchema = z.object({
  video: falFileSchema,
  video_id: z.string().check(z.minLength(1)),
  thumbnail: loose(falFileSchema),
});

function readSoraResult(raw: unknown, params: Params, label: string): VideoResult {
  const r = soraResultSchema.safeParse(raw);
  if (!r.success) {
    const missing = r.error.issues.map((i) => i.path.map(String).join(".") || "result");
    throw new Error(
      `${label} returned an unusable result: ${[...new Set(missing)].join(", ")} missing or not as expected.`,
    );
  }
  const video: FalFile = r.data.video;
  const thumbnail: FalFile | null = r.data.thumbnail ?? null;
  const asked = typeof params.duration === "number" ? params.duration : null;
  return { video, videoId: r.data.video_id, thumbnail, durationSec: video.duration ?? asked };
}

// ---- adapters ------------------------------------------------------------------------------

const retired = (successor: string, note: string): RetiredInfo => ({
  on: "2026-09-24",
  successor: endpointId(successor),
  note,
});
const RETIRED_NOTE = "OpenAI retired Sora 2 on 2026-09-24; fal no longer runs new jobs.";

const pageOf = (endpoint: EndpointId) => `https://fal.ai/models/${endpoint}`;

interface GenerationSpec {
  endpoint: EndpointId;
  kind: Exclude<GenerationKind, "remix">;
  tier: Tier;
  /** The resolutions this endpoint offers; the aspect ratio and duration follow from the kind. */
  resolution: ParamSpec;
  successor: string;
}

/** Seconds a typical job takes, by tier: pro jobs took about twice as long as standard ones. */
const TYPICAL_SECONDS: Readonly<Record<Tier, number>> = { standard: 120, pro: 240 };

function soraGeneration(spec: GenerationSpec): ModelAdapter {
  const variant = spec.tier === "pro" ? "Pro" : "Standard";
  const label = spec.tier === "pro" ? "Sora 2 Pro" : "Sora 2";
  const adapter: ModelAdapter = {
    endpoint: spec.endpoint,
    kind: spec.kind,
    family: FAMILY,
    variant,
    label,
    // Only image-to-video can follow its input's shape ("auto").
    params: [spec.resolution, spec.kind === "image-to-video" ? aspectAuto : aspectFixed, duration],
    buildInput(params, ports, ctx) {
      const prompt = promptOf(params, ports, label);
      const imageUrl = spec.kind === "image-to-video" ? ports.image?.url : undefined;
      if (spec.kind === "image-to-video" && !imageUrl)
        throw new Error(`${label} image-to-video needs an image, but none arrived on its input.`);
      return {
        prompt,
        ...(imageUrl ? { image_url: imageUrl } : {}),
        ...effectiveParams(adapter, params),
        ...keepForRemix(ctx),
      };
    },
    readResult: (raw, params) => readSoraResult(raw, params, `${label} (${spec.endpoint})`),
    price: (params) => generationPrice(spec.tier, effectiveParams(adapter, params)),
    retired: retired(spec.successor, `${RETIRED_NOTE} Suggested instead: ${spec.successor}.`),
    sources: { checked: CHECKED, urls: [pageOf(spec.endpoint), `${pageOf(spec.endpoint)}/api`] },
    typicalSeconds: TYPICAL_SECONDS[spec.tier],
  };
  return adapter;
}

const remixNeed = { kind: "sora-video-id", reason: "Remix needs a video made by Sora 2" } as const;

export const sora2Remix: ModelAdapter = {
  endpoint: SORA2_ENDPOINTS.remix,
  kind: "remix",
  family: FAMILY,
  variant: "Standard",
  label: "Sora 2 Remix",
  params: [],
  videoInput: remixNeed,
  // A remix changes the clip as its prompt says, keeping its length.
  action: "edit",
  validate(_params, ports): FieldIssue[] {
    const video = ports.video;
    if (video && !video.videoId)
      return [{ field: "video_id", message: `${remixNeed.reason}; this video has no Sora video id` }];
    return [];
  },
  buildInput(params, ports, ctx) {
    const videoId = ports.video?.videoId;
    if (!videoId) throw new Error(`${remixNeed.reason}; the video on its input has no Sora video id.`);
    return { video_id: videoId, prompt: promptOf(params, ports, "Sora 2 Remix"), ...keepForRemix(ctx) };
  },
  readResult: (raw, params) => readSoraResult(raw, params, `Sora 2 Remix (${SORA2_ENDPOINTS.remix})`),
  price: (_params, ports) => remixPrice(ports.sourceDurationSec),
  // Kling O3 edit changes any video as a prompt says, as Sora remix did; Veo 3.1 extend only continues one.
  retired: retired(
    "fal-ai/kling-video/o3/standard/video-to-video/edit",
    `${RETIRED_NOTE} Kling O3 edit can change any video, including Sora videos you kept.`,
  ),
  sources: { checked: CHECKED, urls: [pageOf(SORA2_ENDPOINTS.remix), `${pageOf(SORA2_ENDPOINTS.remix)}/api`] },
  typicalSeconds: 120,
};

export const sora2TextToVideo = soraGeneration({
  endpoint: SORA2_ENDPOINTS.textToVideo,
  kind: "text-to-video",
  tier: "standard",
  resolution: resolutionSpec(["720p"], "720p"),
  successor: "fal-ai/veo3.1/fast",
});

export const sora2TextToVideoPro = soraGeneration({
  endpoint: SORA2_ENDPOINTS.textToVideoPro,
  kind: "text-to-video",
  tier: "pro",
  resolution: resolutionSpec(["720p", "1080p"], "1080p"),
  successor: "fal-ai/veo3.1",
});

export const sora2ImageToVideo = soraGeneration({
  endpoint: SORA2_ENDPOINTS.imageToVideo,
  kind: "image-to-video",
  tier: "standard",
  resolution: resolutionSpec(["auto", "720p"], "auto"),
  successor: "fal-ai/veo3.1/fast/image-to-video",
});

export const sora2ImageToVideoPro = soraGeneration({
  endpoint: SORA2_ENDPOINTS.imageToVideoPro,
  kind: "image-to-video",
  tier: "pro",
  resolution: resolutionSpec(["auto", "720p", "1080p"], "auto"),
  successor: "fal-ai/veo3.1/image-to-video",
});

/** Standard before pro within each kind: the first of a kind is what a file without an endpoint means. */
export const sora2Adapters: readonly ModelAdapter[] = [
  sora2TextToVideo,
  sora2TextToVideoPro,
  sora2ImageToVideo,
  sora2ImageToVideoPro,
  sora2Remix,
];

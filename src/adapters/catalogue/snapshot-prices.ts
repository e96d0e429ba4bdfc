import { NANO_BANANA_PRICES } from "../../nodes/models/nano-banana";

/**
 * The prices of the first, public-material snapshot, as published on fal's pages and gathered in
 * ../shared/reference/fal-video-prices.md (copied here row by row, with that file's sources and dates), and the
 * curated image models' checked figures (FLUX.1 [dev]: fal's pricing record in ../shared/reference/
 * fal-platform-api.md; Nano Banana: the curated table, read from fal's model index). Every other image model has
 * no checked price, so it has no row: its price stays unknown.
 * Read only by scripts/catalog-from-fal-js.ts, which turns each row into a PriceFact per endpoint; the app reads
 * the snapshot, never this file. A snapshot made by `npm run catalog:update` takes fal's Pricing API instead.
 *
 * Rates are the audio-ON figures where a page gives an on/off pair: fal's Pricing API answers one rate per
 * endpoint, and for Veo 3.1 it answered the audio-on one. The off rate is kept in `note`.
 */

/** fal's Pricing API units ("image" as its record for fal-ai/flux/dev writes it). */
export type PublishedUnit = "seconds" | "units" | "video segments" | "image";

interface PublishedRowBase {
  endpoints: readonly string[];
  unit: PublishedUnit;
  /** Where the figure was read: "M: …" (fal's model index) or "P: …" (the model's page). */
  source: string;
  /** The date the source was checked (ISO). */
  checked: string;
  note?: string;
}

/** One figure for every resolution. */
export interface FlatPrice extends PublishedRowBase {
  rate: number;
}

/**
 * Rates by resolution (keys as the page writes them, which are the values of the model's `resolution` param).
 * The quoted `unit_price` is the rate at the model's default resolution; `assumedTier` is used when the model's
 * schema names none (the model is not in fal-js, or its default is "auto").
 */
export interface TieredPrice extends PublishedRowBase {
  tiers: Readonly<Record<string, number>>;
  assumedTier: string;
}

export type PublishedPrice = FlatPrice | TieredPrice;

const CHECKED_PAGES = "2026-11-25";
const CHECKED_INDEX = "2026-12-05";
// Short, because a bill line quotes it. Source M is fal's model index (https://fal.ai/api/models, field
// pricingInfoOverride) as captured on 2026-09-16 in a public snapshot (GitHub Jgomez25/hickeyfield,
// crates/hickeyfield-core/vendor/fal-catalogue-snapshot.json); source P is the model's fal page (Pricing section).
const M = "fal's model index of 2026-09-16";
const page = (_endpoint: string) => "fal's model page";
const variants = (prefix: string, kinds: readonly string[], suffix = "") => kinds.map((k) => `${prefix}${k}${suffix}`);
const T_I_R = ["text", "image", "reference"] as const;

/** The Nano Banana family's rows from the curated table: per image, tiers by `resolution` where it has them. */
function nanoBananaRows(): PublishedPrice[] {
  return Object.entries(NANO_BANANA_PRICES).map(([endpoint, table]): PublishedPrice => {
    const base = { endpoints: [endpoint], unit: "image" as const, source: M, checked: CHECKED_INDEX };
    if (!table.byResolution) return { ...base, rate: table.usdPerImage };
    const tiers = Object.fromEntries(
      Object.entries(table.byResolution).map(([res, factor]) => [
        res,
        Math.round(table.usdPerImage * factor * 1e6) / 1e6,
      ]),
    );
    return { ...base, tiers, assumedTier: "1K", note: "Per image, by size." };
  });
}

const VEO_TIERS = { "720p": 0.4, "1080p": 0.4, "4k": 0.6 };
const VEO_FAST_TIERS = { "720p": 0.15, "1080p": 0.15, "4k": 0.35 };
const VEO_LITE_TIERS = { "720p": 0.05, "1080p": 0.08 };

export const PUBLISHED_PRICES: readonly PublishedPrice[] = [
  // --- image models (issue 19): the curated ones only ---
  {
    endpoints: ["fal-ai/flux/dev"],
    unit: "image",
    rate: 0.025,
    source: "fal's pricing docs",
    checked: CHECKED_INDEX,
    note: "The record fal's Pricing API docs show for this endpoint.",
  },
  ...nanoBananaRows(),

  // --- fal model pages, checked 2026-11-25 ---
  ...["fal-ai/sora-2/text-to-video", "fal-ai/sora-2/image-to-video"].map((id) => ({
    endpoints: [id],
    unit: "seconds" as const,
    rate: 0.1,
    source: page(id),
    checked: CHECKED_PAGES,
    note: "Retired upstream on 2026-09-24.",
  })),
  ...["fal-ai/sora-2/text-to-video/pro", "fal-ai/sora-2/image-to-video/pro"].map((id) => ({
    endpoints: [id],
    unit: "seconds" as const,
    tiers: { "720p": 0.3, "1080p": 0.5 },
    assumedTier: "720p",
    source: page(id),
    checked: CHECKED_PAGES,
    note: "Retired upstream on 2026-09-24.",
  })),
  {
    endpoints: ["fal-ai/veo3.1"],
    unit: "seconds",
    tiers: VEO_TIERS,
    assumedTier: "720p",
    source: page("fal-ai/veo3.1"),
    checked: CHECKED_PAGES,
    note: "Audio on; audio off $0.20/s (720p–1080p), $0.40/s at 4k.",
  },
  {
    endpoints: ["fal-ai/veo3/image-to-video"],
    unit: "seconds",
    rate: 0.4,
    source: page("fal-ai/veo3/image-to-video"),
    checked: CHECKED_PAGES,
    note: "Audio on; audio off $0.20/s.",
  },
  {
    endpoints: ["fal-ai/veo3/fast"],
    unit: "seconds",
    rate: 0.15,
    source: page("fal-ai/veo3/fast"),
    checked: CHECKED_PAGES,
    note: "Audio on; audio off $0.10/s.",
  },
  {
    endpoints: ["fal-ai/veo3.1/fast/first-last-frame-to-video"],
    unit: "seconds",
    tiers: VEO_FAST_TIERS,
    assumedTier: "720p",
    source: page("fal-ai/veo3.1/fast/first-last-frame-to-video"),
    checked: CHECKED_PAGES,
    note: "Audio on; audio off $0.10/s, $0.30/s at 4k.",
  },
  {
    endpoints: ["fal-ai/veo3.1/lite"],
    unit: "seconds",
    tiers: VEO_LITE_TIERS,
    assumedTier: "720p",
    source: page("fal-ai/veo3.1/lite"),
    checked: CHECKED_PAGES,
    note: "Audio on; audio off $0.03/s at 720p, $0.05/s at 1080p.",
  },
  {
    endpoints: ["fal-ai/kling-video/o3/standard/image-to-video"],
    unit: "seconds",
    rate: 0.112,
    source: page("fal-ai/kling-video/o3/standard/image-to-video"),
    checked: CHECKED_PAGES,
    note: "Audio on; audio off $0.084/s.",
  },
  {
    endpoints: ["fal-ai/kling-video/o3/pro/video-to-video/edit"],
    unit: "seconds",
    rate: 0.336,
    source: page("fal-ai/kling-video/o3/pro/video-to-video/edit"),
    checked: CHECKED_PAGES,
    note:
      "Per second of the source video. M (fal's model index, 2026-09-16) says $0.168/s: the two disagree, " +
      "the higher figure is kept until fal's live price decides.",
  },
  {
    endpoints: ["bytedance/seedance-2.0/text-to-video"],
    unit: "units",
    rate: 0.014,
    source: page("bytedance/seedance-2.0/text-to-video"),
    checked: CHECKED_PAGES,
    note:
      "$0.014 per 1,000 video tokens (tokens = height × width × seconds × 24 / 1024; $0.008 per 1,000 at 4k; " +
      "reference-to-video with video inputs × 0.6). About $0.30/s at 720p, $0.68/s at 1080p (M).",
  },
  {
    endpoints: ["bytedance/seedance-2.0/fast/text-to-video"],
    unit: "units",
    rate: 0.0112,
    source: page("bytedance/seedance-2.0/fast/text-to-video"),
    checked: CHECKED_PAGES,
    note: "$0.0112 per 1,000 video tokens; about $0.24/s at 720p.",
  },
  {
    endpoints: ["bytedance/seedance-2.0/image-to-video"],
    unit: "units",
    rate: 0.014,
    source: page("bytedance/seedance-2.0/image-to-video"),
    checked: CHECKED_PAGES,
    note: "The page gives about $0.30/s at 720p; the token rate is the family's ($0.014 per 1,000 tokens, M).",
  },

  // --- checked 2026-12-05: M (fal's model index), P (the model's page) ---
  {
    endpoints: ["fal-ai/veo3.1/fast", "fal-ai/veo3.1/fast/image-to-video"],
    unit: "seconds",
    tiers: VEO_FAST_TIERS,
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.10/s, $0.30/s at 4k.",
  },
  {
    endpoints: ["fal-ai/veo3.1/image-to-video"],
    unit: "seconds",
    tiers: VEO_TIERS,
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.20/s, $0.40/s at 4k.",
  },
  {
    endpoints: ["fal-ai/veo3.1/extend-video"],
    unit: "seconds",
    rate: 0.4,
    source: M,
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.20/s. One rate; input clip up to 8 s, 720p/1080p.",
  },
  {
    endpoints: ["fal-ai/veo3.1/fast/extend-video"],
    unit: "seconds",
    rate: 0.15,
    source: page("fal-ai/veo3.1/fast/extend-video"),
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.10/s.",
  },
  {
    endpoints: ["fal-ai/kling-video/o3/standard/text-to-video", "fal-ai/kling-video/o3/standard/reference-to-video"],
    unit: "seconds",
    rate: 0.112,
    source: M,
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.084/s.",
  },
  {
    endpoints: [
      "fal-ai/kling-video/o3/pro/text-to-video",
      "fal-ai/kling-video/o3/pro/image-to-video",
      "fal-ai/kling-video/o3/pro/reference-to-video",
    ],
    unit: "seconds",
    rate: 0.14,
    source: M,
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.112/s.",
  },
  {
    endpoints: ["fal-ai/kling-video/o3/standard/video-to-video/edit"],
    unit: "seconds",
    rate: 0.126,
    source: M,
    checked: CHECKED_INDEX,
    note: "Flat.",
  },
  {
    endpoints: variants("fal-ai/kling-video/o3/4k/", ["text-to-video", "image-to-video", "reference-to-video"]),
    unit: "seconds",
    rate: 0.42,
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: ["fal-ai/veo3.1/lite/image-to-video", "fal-ai/veo3.1/lite/first-last-frame-to-video"],
    unit: "seconds",
    tiers: VEO_LITE_TIERS,
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
    note: "Audio on; audio off $0.03/s at 720p, $0.05/s at 1080p.",
  },
  {
    endpoints: variants("alibaba/wan-3.0/", T_I_R, "-to-video"),
    unit: "seconds",
    tiers: { "480p": 0.05, "720p": 0.1, "1080p": 0.2 },
    assumedTier: "480p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: variants("alibaba/wan-3.0-prime/", T_I_R, "-to-video"),
    unit: "seconds",
    tiers: { "480p": 0.068, "720p": 0.14, "1080p": 0.28 },
    assumedTier: "480p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: variants("fal-ai/wan/v2.7/", ["text-to-video", "image-to-video", "reference-to-video", "edit-video"]),
    unit: "seconds",
    tiers: { "720p": 0.1, "1080p": 0.15 },
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: variants("alibaba/happy-horse/v1.1/", T_I_R, "-to-video"),
    unit: "seconds",
    tiers: { "720p": 0.14, "1080p": 0.18 },
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: ["alibaba/happy-horse/video-edit"],
    unit: "seconds",
    tiers: { "720p": 0.28, "1080p": 0.56 },
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
    note: "At 720p $0.14 per input second plus $0.14 per output second.",
  },
  {
    endpoints: variants("bytedance/seedance-2.0/mini/", T_I_R, "-to-video"),
    unit: "seconds",
    tiers: { "480p": 0.072, "720p": 0.155 },
    assumedTier: "480p",
    source: M,
    checked: CHECKED_INDEX,
    note: "About (token-billed upstream).",
  },
  {
    endpoints: variants("minimax/h3/", T_I_R, "-to-video"),
    unit: "seconds",
    tiers: { "480p": 0.05, "768p": 0.06, "2K": 0.13, "4K": 0.16 },
    assumedTier: "480p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: variants("xai/grok-imagine-video/v1.5/", T_I_R, "-to-video"),
    unit: "seconds",
    tiers: { "480p": 0.08, "720p": 0.14, "1080p": 0.25 },
    assumedTier: "480p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: variants("lightricks/ltx-2.5/", ["text-to-video", "image-to-video"], "/pro"),
    unit: "seconds",
    tiers: { "720p": 0.12, "1080p": 0.17 },
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
  },
  {
    endpoints: variants("lightricks/ltx-2.5/", ["text-to-video", "image-to-video"], "/fast"),
    unit: "seconds",
    rate: 0.09,
    source: M,
    checked: CHECKED_INDEX,
    note: "$0.09–$0.30/s by resolution, up to 4k; the tiers are not given, so this is the lowest figure.",
  },
  {
    endpoints: ["luma/agent/ray/v3.2/text-to-video"],
    unit: "video segments",
    tiers: { "540p": 0.5, "720p": 1, "1080p": 2 },
    assumedTier: "540p",
    source: M,
    checked: CHECKED_INDEX,
    note: "Per 5 s clip.",
  },
  {
    endpoints: variants("blackforestlabs/flux-3/", ["text-to-video", "image-to-video", "edit-video"]),
    unit: "seconds",
    tiers: { "720p": 0.17, "1080p": 0.29 },
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
    note: "M also names a fast edit at $0.03/s.",
  },
  {
    endpoints: ["blackforestlabs/flux-3/extend-video"],
    unit: "seconds",
    tiers: { "720p": 0.41, "1080p": 0.53 },
    assumedTier: "720p",
    source: M,
    checked: CHECKED_INDEX,
  },
];

import { fluxDev } from "./flux-dev";
import { KLING_O3_PRICES } from "./kling-o3";
import { roundUsd, type QuotedRate } from "./model-kit";
import { NANO_BANANA_PRICES } from "./nano-banana";
import { SEEDANCE2_PRICES } from "./seedance2";
import { SORA2_ENDPOINTS, SORA2_PRICES } from "./sora2";
import { VEO31_PRICES } from "./veo31";

export type { QuotedRate };

/**
 * The tier of a curated price table that fal's Pricing API answers as its one `unit_price` (for Veo 3.1 and
 * Kling O3 the audio-on rate at 720p/1080p), for checking the table against a live or snapshot price.
 * Seedance 2.0 is quoted per 1,000 video tokens (fal's unit "units"); the image models per image (fal's unit
 * "image", as its Pricing API record for FLUX.1 [dev] writes it). Apart from the model files because only
 * the drift check (loaded on demand) reads it: the model files are in the app's first load.
 */
export const falQuotedRate = (endpoint: string): QuotedRate | undefined =>
  veo31QuotedRate(endpoint) ??
  klingO3QuotedRate(endpoint) ??
  seedance2QuotedRate(endpoint) ??
  sora2QuotedRate(endpoint) ??
  fluxDevQuotedRate(endpoint) ??
  nanoBananaQuotedRate(endpoint);

/** Veo 3.1: audio on at 720p/1080p. */
function veo31QuotedRate(endpoint: string): QuotedRate | undefined {
  const rate = VEO31_PRICES[endpoint];
  if (!rate) return undefined;
  const tiers = { "720p": rate.hd.audioOn, "1080p": rate.hd.audioOn, ...(rate.uhd ? { "4k": rate.uhd.audioOn } : {}) };
  return { unit: "seconds", usd: [rate.hd.audioOn], tier: "720p/1080p, audio on", tiers };
}

/** Kling O3: audio on, or an edit's per-second figures. */
function klingO3QuotedRate(endpoint: string): QuotedRate | undefined {
  const rate = KLING_O3_PRICES[endpoint];
  if (!rate) return undefined;
  switch (rate.per) {
    case "generated-second":
      return { unit: "seconds", usd: [rate.audioOn], tier: "audio on" };
    case "source-second":
      return { unit: "seconds", usd: rate.figures.map((f) => f.usdPerSec), tier: "per second of the source video" };
    default: {
      const _: never = rate;
      return _;
    }
  }
}

/** Seedance 2.0: USD per 1,000 video tokens (unit "units"). */
function seedance2QuotedRate(endpoint: string): QuotedRate | undefined {
  const rate = SEEDANCE2_PRICES[endpoint];
  return rate && { unit: "units", usd: [rate.usdPer1kTokens], tier: "per 1,000 video tokens" };
}

/**
 * Sora 2: standard's only rate, pro's at 720p (the published figures are per resolution; which one a price API
 * would answer is not known).
 */
function sora2QuotedRate(endpoint: string): QuotedRate | undefined {
  const pro = endpoint === SORA2_ENDPOINTS.textToVideoPro || endpoint === SORA2_ENDPOINTS.imageToVideoPro;
  const tier = pro ? "pro" : Object.values(SORA2_ENDPOINTS).some((e) => e === endpoint) ? "standard" : undefined;
  if (!tier) return undefined;
  const table: Record<string, number> = SORA2_PRICES.centsPerSecond[tier];
  const tiers = Object.fromEntries(Object.entries(table).map(([res, cents]) => [res, cents / 100]));
  return { unit: "seconds", usd: [(table["720p"] ?? 0) / 100], tier: "720p", tiers };
}

const PER_IMAGE = "per image";

/** FLUX.1 [dev]: its one rate, as the adapter prices one image (the figure lives in the model file alone). */
function fluxDevQuotedRate(endpoint: string): QuotedRate | undefined {
  if (endpoint !== fluxDev.endpoint) return undefined;
  const usd = fluxDev.price({ num_images: 1 }, {}).usd;
  return usd === null ? undefined : { unit: "image", usd: [usd], tier: PER_IMAGE };
}

/** Nano Banana: the 1K rate (what one `unit_price` answers), and the rate at each size where the table has sizes. */
function nanoBananaQuotedRate(endpoint: string): QuotedRate | undefined {
  const table = NANO_BANANA_PRICES[endpoint];
  if (!table) return undefined;
  const quote: QuotedRate = { unit: "image", usd: [table.usdPerImage], tier: PER_IMAGE };
  if (!table.byResolution) return quote;
  const byRes = Object.entries(table.byResolution).map(([res, factor]): [string, number] => [
    res,
    roundUsd(table.usdPerImage * factor),
  ]);
  return { ...quote, tiers: Object.fromEntries(byRes) };
}

import type { ModelAdapter } from "../types";
import { klingO3Adapters, klingO3QuotedRate } from "./kling-o3";
import type { QuotedRate } from "./model-kit";
import { seedance2Adapters, seedance2QuotedRate } from "./seedance2";
import { sora2Adapters, sora2QuotedRate } from "./sora2";
import { veo31Adapters, veo31ExtendVideo, veo31QuotedRate } from "./veo31";

export type { QuotedRate };

/**
 * Every model Reelflow can run, one file per family. Within a node kind, order matters:
 * the first current (non-retired) adapter is what new nodes get.
 */
export const modelAdapters: ModelAdapter[] = [
  ...sora2Adapters,
  // Current models. New nodes get the first current one whose price is known (registry.defaultAdapter);
  // among remix models the edit ones come before Veo 3.1 extend because they change any video.
  ...veo31Adapters.filter((a) => a !== veo31ExtendVideo),
  ...klingO3Adapters,
  ...seedance2Adapters,
  veo31ExtendVideo,
];

/**
 * The tier of a curated price table that fal's Pricing API answers as its one `unit_price` (for Veo 3.1 and
 * Kling O3 the audio-on rate at 720p/1080p), for checking the table against a live or snapshot price.
 * Seedance 2.0 is quoted per 1,000 video tokens (fal's unit "units").
 */
export const falQuotedRate = (endpoint: string): QuotedRate | undefined =>
  veo31QuotedRate(endpoint) ??
  klingO3QuotedRate(endpoint) ??
  seedance2QuotedRate(endpoint) ??
  sora2QuotedRate(endpoint);

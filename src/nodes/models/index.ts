import type { ModelAdapter } from "../types";
import { fluxAdapters } from "./flux-dev";
import { klingO3Adapters } from "./kling-o3";
import { nanoBananaAdapters } from "./nano-banana";
import { seedance2Adapters } from "./seedance2";
import { sora2Adapters } from "./sora2";
import { veo31Adapters, veo31ExtendVideo } from "./veo31";

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
  // Image models (issue 19): FLUX.1 [dev] is what new Text-to-Image nodes get, Nano Banana edit new Image Edit ones.
  ...fluxAdapters,
  ...nanoBananaAdapters,
];

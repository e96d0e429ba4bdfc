import type { ModelAdapter } from "../types";
import { klingO3Adapters } from "./kling-o3";
import { seedance2Adapters } from "./seedance2";
import { sora2Adapters } from "./sora2";
import { veo31Adapters, veo31ExtendVideo } from "./veo31";

/**
 * Every model Reelflow can run, one file per family. Within a node kind, order matters:
 * the first current (non-retired) adapter is what new nodes get.
 */
export const modelAdapters: ModelAdapter[] = [
  ...sora2Adapters,
  // Current models. Veo 3.1 Fast leads text- and image-to-video (Sora's suggested successor there);
  // for remix, Kling O3 Standard edit leads because it edits any video, and Veo 3.1 extend comes after it.
  ...veo31Adapters.filter((a) => a !== veo31ExtendVideo),
  ...klingO3Adapters,
  ...seedance2Adapters,
  veo31ExtendVideo,
];

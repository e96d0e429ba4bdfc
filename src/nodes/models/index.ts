import type { ModelAdapter } from "../types";
import { sora2Adapters } from "./sora2";

/**
 * Every model Reelflow can run, one file per family. Within a node kind, order matters:
 * the first current (non-retired) adapter is what new nodes get.
 */
export const modelAdapters: ModelAdapter[] = [...sora2Adapters];

import type { RunState } from "./run-state";

/** No run yet (see run-state.ts; apart so the app's first screen gets it without the reducer). */
export const initialRunState: RunState = {
  phase: "idle",
  nodes: {},
  totals: { submitted: 0, cached: 0, failed: 0, costUsd: 0 },
};

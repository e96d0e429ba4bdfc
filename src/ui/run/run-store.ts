import { createStore } from "zustand/vanilla";
import type { CacheKey, NodeId } from "../../domain/ids";
import type { Plan, PlanError } from "../../engine/plan";
import type { CachedResult } from "../../engine/ports";
import type { RunState } from "../../engine/run-state";
import { initialRunState } from "../../engine/run-state-types";

/** What "Run" would do now: shown on the Run button before it is pressed. */
export interface RunPreview {
  paid: number;
  cached: number;
  usd: number;
  upperBound: boolean;
  /** Nodes whose price is unknown (the bill says so rather than guessing $0). */
  unknownPrice: number;
  simulated: boolean;
}

/**
 * Run side of the browser state: the current run folded with reduceRun, the plan of the open
 * workflow (for keys and the bill), and the cache hits of the current keys. Kept apart from the
 * document store so a run event never re-renders the canvas, only the node it concerns.
 */
export interface RunStoreState {
  run: RunState;
  /** Cache key of each node of the current run when it started: its outcome holds while the key is unchanged. */
  keysAtRun: Readonly<Record<string, CacheKey>>;
  /** Plan of the whole open workflow (null until the first planning finished). */
  plan: Plan | null;
  planErrors: readonly PlanError[];
  /** Cache key of every node the last successful plan covered. */
  keys: Readonly<Record<string, CacheKey>>;
  /** Results the cache holds for the current keys. */
  stored: Readonly<Record<string, CachedResult>>;
  preview: RunPreview | null;
  /** True while a run is in flight (Stop is enabled). */
  busy: boolean;
  /**
   * True from the press of a run button until that run has ended or was not sent: while its models, plan, proxy
   * check and questions are on their way, no second run may start beside it.
   */
  starting: boolean;
  /** Node whose logs the logs panel shows. */
  logsFor: NodeId | null;
}

export const createRunStore = () =>
  createStore<RunStoreState>()(() => ({
    run: initialRunState,
    keysAtRun: {},
    plan: null,
    planErrors: [],
    keys: {},
    stored: {},
    preview: null,
    busy: false,
    starting: false,
    logsFor: null,
  }));
export type RunStore = ReturnType<typeof createRunStore>;

/** What the run buttons ask: is a run being prepared or in flight (then they are disabled)? */
export const isRunBusy = (s: RunStoreState) => s.busy || s.starting;

/**
 * Does `work` as the one run of this store, from the press to its end; answers `refused()` without doing it when
 * another run is being prepared or in flight (a press during the first one's plan, proxy check or questions).
 */
export async function asTheOneRun<T>(runs: RunStore, refused: () => T, work: () => Promise<T>): Promise<T> {
  if (isRunBusy(runs.getState())) return refused();
  runs.setState({ starting: true });
  try {
    return await work();
  } finally {
    runs.setState({ starting: false });
  }
}

/**
 * Another workflow was opened: what the store says of nodes (their run, keys at run, keys and cached results) was
 * said of the last one's. Forgotten at once, so a node that shares an id with one of the last workflow never shows
 * that node's outcome or video until the new plan comes; the plan and preview are replaced by the next planning.
 */
export function forgetOtherWorkflow(runs: RunStore): void {
  const s = runs.getState();
  runs.setState({ keysAtRun: {}, keys: {}, stored: {}, preview: null, run: { ...s.run, nodes: {} } });
}

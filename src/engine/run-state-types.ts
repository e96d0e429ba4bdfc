import type { EndpointId, NodeId, RequestId } from "../domain/ids";
import type { NodeError } from "./errors";
import type { CachedResult, LogLine } from "./ports";

/**
 * What a UI or CLI shows about a run, folded from the executor's events. Pure: the same events
 * always give the same state, so a UI can replay them and tests need no executor.
 */

export type NodeStatus = "idle" | "queued" | "running" | "succeeded" | "cached" | "failed" | "skipped" | "cancelled";

export interface NodeRunState {
  status: NodeStatus;
  /** True between the ledger write and fal's answer: the request is on its way. */
  submitting?: boolean;
  endpoint?: EndpointId;
  requestId?: RequestId;
  queuePosition?: number | null;
  startedAt?: number;
  finishedAt?: number;
  /** Most recent lines only (see MAX_LOG_LINES); `droppedLogLines` counts the rest. */
  logs: LogLine[];
  droppedLogLines?: number;
  result?: CachedResult;
  error?: NodeError;
  /** The node whose failure caused this one to be skipped. */
  skippedBecause?: NodeId;
  /** Re-attached to a job submitted earlier (reload, restart) instead of submitting again. */
  resumed?: boolean;
}

export interface RunTotals {
  /** Jobs sent to fal in this run (resumed jobs were sent earlier and are not counted). */
  submitted: number;
  cached: number;
  failed: number;
  /** Estimated cost of results produced by this run (fresh or resumed); cache hits cost nothing. */
  costUsd: number;
}

export interface RunState {
  phase: "idle" | "running" | "finished";
  startedAt?: number;
  finishedAt?: number;
  nodes: Readonly<Record<NodeId, NodeRunState>>;
  totals: RunTotals;
}

/** No run yet. */
export const initialRunState: RunState = {
  phase: "idle",
  nodes: {},
  totals: { submitted: 0, cached: 0, failed: 0, costUsd: 0 },
};

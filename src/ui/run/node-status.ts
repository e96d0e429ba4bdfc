import type { CacheKey } from "../../domain/ids";
import type { NodeError } from "../../engine/errors";
import type { CachedResult, LogLine } from "../../engine/ports";
import type { NodeRunState } from "../../engine/run-state";

/** The statuses the UI shows (and `data-status` carries); the test contract names exactly these. */
export type DisplayStatus = "idle" | "queued" | "running" | "succeeded" | "cached" | "failed" | "skipped";

export interface NodeDisplay {
  status: DisplayStatus;
  /** Extra word when the status alone would mislead ("cancelled" shows as failed, "submitting" as queued). */
  detail: "cancelled" | "submitting" | "resumed" | null;
  queuePosition: number | null;
  startedAt: number | null;
  result: CachedResult | null;
  error: NodeError | null;
  logs: readonly LogLine[];
  skippedBecause: string | null;
  /** The shown result belongs to an earlier version of this node (its inputs or params changed since). */
  stale: boolean;
}

const IDLE: NodeDisplay = {
  status: "idle",
  detail: null,
  queuePosition: null,
  startedAt: null,
  result: null,
  error: null,
  logs: [],
  skippedBecause: null,
  stale: false,
};

/**
 * What a node shows, from (a) the current run's state of it, (b) the cache key it had when that run
 * started, (c) its cache key now and (d) what the result cache holds for that key. A finished run's
 * outcome only counts while the node is unchanged; after an edit the node shows the cached result of
 * its new key if there is one, otherwise idle.
 */
export function displayOf(
  run: NodeRunState | undefined,
  keyNow: CacheKey | undefined,
  keyAtRun: CacheKey | undefined,
  stored: CachedResult | undefined,
): NodeDisplay {
  if (run && (run.status === "queued" || run.status === "running")) {
    return {
      ...IDLE,
      status: run.status,
      detail: run.submitting ? "submitting" : run.resumed ? "resumed" : null,
      queuePosition: run.queuePosition ?? null,
      startedAt: run.startedAt ?? null,
      logs: run.logs,
    };
  }
  const sameNode =
    run !== undefined &&
    run.status !== "idle" &&
    (keyNow === undefined || keyAtRun === undefined || keyAtRun === keyNow);
  if (run && sameNode) {
    const base: NodeDisplay = {
      ...IDLE,
      logs: run.logs,
      startedAt: run.startedAt ?? null,
      result: run.result ?? stored ?? null,
      error: run.error ?? null,
      skippedBecause: run.skippedBecause ?? null,
    };
    switch (run.status) {
      case "succeeded":
      case "cached":
      case "failed":
      case "skipped":
        return { ...base, status: run.status };
      case "idle":
      case "queued":
      case "running":
        return { ...base, status: run.status };
      case "cancelled":
        return {
          ...base,
          status: "failed",
          detail: "cancelled",
          error: run.error ?? { code: "cancelled", message: "Cancelled: Stop was pressed.", mayHaveBeenCharged: false },
        };
      default: {
        const _: never = run.status;
        return _;
      }
    }
  }
  if (stored) return { ...IDLE, status: "cached", result: stored, logs: run?.logs ?? [] };
  return run?.result ? { ...IDLE, result: run.result, stale: true, logs: run.logs } : IDLE;
}

import type { CacheNamespace } from "../../domain/settings";
import type { KeptJobLog } from "../../engine/ports";
import type { NodeId } from "../../domain/ids";
import type { NodeRunState, NodeStatus } from "../../engine/run-state";
import type { RunStore } from "./run-store";

/** A job's end, as far as its log goes: fal has nothing more to say about it. */
const ENDED: readonly NodeStatus[] = ["succeeded", "failed", "cancelled"];
type Ended = KeptJobLog["status"];
const hasEnded = (s: NodeStatus): s is Ended => ENDED.includes(s);

export interface LogKeeperDeps {
  runs: RunStore;
  /** Stores one job's log under its result's key (the store bounds it). */
  keep(namespace: CacheNamespace, log: KeptJobLog): Promise<void>;
  /** The mode now: where a failed job's log goes (a result says its own: simulated or not). */
  namespaceNow(): CacheNamespace;
  onError?(e: unknown): void;
}

/**
 * Keeps each job's log when its node ends (succeeded, failed, cancelled) with fal's lines, under the key it ran
 * with, so the Logs panel can show it after a reload. Watches the run store: the engine and run code stay as they
 * are. Returns the unsubscribe.
 */
export function keepJobLogs(deps: LogKeeperDeps): () => void {
  return deps.runs.subscribe((st, prev) => {
    if (st.run.nodes === prev.run.nodes) return;
    for (const [id, n] of Object.entries(st.run.nodes) as [NodeId, NodeRunState][]) {
      const before = prev.run.nodes[id];
      if (n === before || !hasEnded(n.status) || before?.status === n.status || n.logs.length === 0) continue;
      const key = n.result?.key ?? st.keysAtRun[id];
      if (!key) continue;
      const namespace = n.result ? (n.result.simulated ? "demo" : "paid") : deps.namespaceNow();
      const log: KeptJobLog = {
        key,
        nodeId: id,
        status: n.status,
        requestId: n.requestId ?? null,
        lines: n.logs,
        droppedLines: n.droppedLogLines ?? 0,
        endedAt: new Date(n.finishedAt ?? Date.now()).toISOString(),
      };
      deps.keep(namespace, log).catch((e: unknown) => deps.onError?.(e));
    }
  });
}

import type { NodeId } from "../domain/ids";
import type { RunEvent } from "../engine/events";
import type { Plan } from "../engine/plan";
import type { FsSpendLedger, SpendOutcome } from "../adapters/fs/spend-ledger";
import type { OrphanOutcome } from "./resume-orphans";

/**
 * Turns a run's events into spend ledger rows: one per job that reached fal (submitted in this
 * run, resumed from an earlier one, or whose submit may have arrived), written when it ends.
 * Cache hits and requests fal refused outright cost nothing and are not spend.
 */
export function createSpendRecorder(plan: Plan, ledger: FsSpendLedger, onError: (message: string) => void) {
  const sent = new Map<NodeId, { requestId: string | null; confirmed: boolean }>();
  const writes: Promise<void>[] = [];

  const record = (nodeId: NodeId, outcome: SpendOutcome, seconds: number | null) => {
    const node = plan.nodes.get(nodeId);
    if (node?.role !== "generation") return;
    const job = sent.get(nodeId);
    writes.push(
      ledger
        .append({
          time: new Date().toISOString(),
          workflow: plan.workflowName,
          node: nodeId,
          endpoint: node.endpoint,
          seconds: seconds ?? node.durationSec,
          estimatedCostUsd: node.price.usd,
          outcome,
          requestId: job?.requestId ?? null,
          cacheKey: node.key,
          source: "cli",
        })
        .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e))),
    );
  };

  return {
    onEvent(ev: RunEvent): void {
      switch (ev.type) {
        case "submitting":
          sent.set(ev.nodeId, { requestId: null, confirmed: false });
          return;
        case "submitted":
        case "resumed":
          sent.set(ev.nodeId, { requestId: ev.requestId, confirmed: true });
          return;
        case "succeeded":
          if (sent.has(ev.nodeId)) record(ev.nodeId, "succeeded", ev.result.result.durationSec);
          return;
        case "failed": {
          const job = sent.get(ev.nodeId);
          if (!job) return;
          // A submit fal refused (422, 401…) queued nothing; one whose answer was lost may have.
          if (job.confirmed) record(ev.nodeId, "failed", null);
          else if (ev.error.mayHaveBeenCharged) record(ev.nodeId, "unknown", null);
          return;
        }
        case "cancelled":
          if (sent.get(ev.nodeId)?.confirmed) record(ev.nodeId, "cancelled", null);
          return;
        case "run-started":
        case "queued":
        case "queue-position":
        case "running":
        case "logs":
        case "cached":
        case "skipped":
        case "run-finished":
          return;
        default: {
          const _: never = ev;
          return _;
        }
      }
    },
    /** A job of an earlier run collected outside the plan (see resume-orphans.ts). */
    onOrphan(o: OrphanOutcome): void {
      const outcome: SpendOutcome = o.status === "stored" ? "succeeded" : o.status;
      const seconds = typeof o.job.params?.duration === "number" ? o.job.params.duration : null;
      writes.push(
        ledger
          .append({
            time: new Date().toISOString(),
            workflow: o.job.workflowName,
            node: o.job.nodeId,
            endpoint: o.job.endpoint,
            seconds,
            estimatedCostUsd: o.job.estimatedCostUsd,
            outcome,
            requestId: o.job.requestId,
            cacheKey: o.job.key,
            source: "cli",
          })
          .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e))),
      );
    },
    /** Wait for every row to be written. */
    async flush(): Promise<void> {
      await Promise.all(writes);
    },
  };
}

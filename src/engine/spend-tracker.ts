import type { NodeId } from "../domain/ids";
import { durationOfResult } from "../nodes/results";
import type { SpendOutcome, SpendRecord } from "../domain/spend";
import type { RunEvent } from "./events";
import type { Plan } from "./plan";
import type { Job } from "./ports";
import { sweepNote, sweptNodeOf, type SweepOfPlan } from "./sweep";

/**
 * Turns a run's events into spend records: one per job that reached fal (submitted in this run,
 * resumed from an earlier one, or whose submit may have arrived), made when the job ends. Cache
 * hits and requests fal refused outright cost nothing and are not spend. The CLI (file ledger)
 * and the browser (IndexedDB ledger) both use it, so they count the same jobs the same way.
 */
export interface SpendTracker {
  /** The record of the job this event ended, if it is spend. */
  onEvent(ev: RunEvent): SpendRecord | undefined;
}

/**
 * `sweep`: the plan is a sweep's (src/engine/sweep.ts): its clones' rows name the swept node, not
 * the clone, with the value in the note, so the ledger reads as the user's own nodes.
 */
export function createSpendTracker(
  plan: Plan,
  opts: { source: string; now?: () => Date; sweep?: SweepOfPlan },
): SpendTracker {
  const sent = new Map<NodeId, { requestId: string | null; confirmed: boolean }>();
  const now = opts.now ?? (() => new Date());

  const record = (nodeId: NodeId, outcome: SpendOutcome, seconds: number | null): SpendRecord | undefined => {
    const node = plan.nodes.get(nodeId);
    if (node?.role !== "generation") return undefined;
    const job = sent.get(nodeId);
    sent.delete(nodeId); // one row per job, even if a later event repeats the end
    const swept = sweptNodeOf(nodeId);
    const value = swept ? opts.sweep?.valueOf(nodeId) : undefined;
    return {
      time: now().toISOString(),
      workflow: plan.workflowName,
      node: swept ?? nodeId,
      endpoint: node.endpoint,
      seconds: seconds ?? node.durationSec,
      estimatedCostUsd: node.price.usd,
      outcome,
      requestId: job?.requestId ?? null,
      cacheKey: node.key,
      source: opts.source,
      ...(swept && opts.sweep && value !== undefined ? { note: sweepNote(opts.sweep.param, value) } : {}),
    };
  };

  return {
    onEvent(ev) {
      switch (ev.type) {
        case "submitting":
          sent.set(ev.nodeId, { requestId: null, confirmed: false });
          return undefined;
        case "submitted":
        case "resumed":
          sent.set(ev.nodeId, { requestId: ev.requestId, confirmed: true });
          return undefined;
        case "succeeded":
          return sent.has(ev.nodeId) ? record(ev.nodeId, "succeeded", durationOfResult(ev.result.result)) : undefined;
        case "failed": {
          const job = sent.get(ev.nodeId);
          if (!job) return undefined;
          // A submit fal refused (422, 401…) queued nothing; one whose answer was lost may have.
          if (job.confirmed) return record(ev.nodeId, "failed", null);
          if (ev.error.mayHaveBeenCharged) return record(ev.nodeId, "unknown", null);
          sent.delete(ev.nodeId);
          return undefined;
        }
        case "cancelled":
          if (sent.get(ev.nodeId)?.confirmed) return record(ev.nodeId, "cancelled", null);
          sent.delete(ev.nodeId);
          return undefined;
        case "run-started":
        case "queued":
        case "queue-position":
        case "running":
        case "logs":
        case "cached":
        case "skipped":
        case "run-finished":
          return undefined;
        default: {
          const _: never = ev;
          return _;
        }
      }
    },
  };
}

/**
 * The record of a job that ended outside a plan: one an earlier run (or an earlier page load)
 * sent, followed to its end at start-up by request id (see resume.ts). The ledger row holds what
 * the plan would have: its estimate and the seconds it asked for.
 */
export function spendRecordOfJob(
  job: Job,
  outcome: SpendOutcome,
  opts: { source: string; now?: () => Date; seconds?: number | null },
): SpendRecord {
  const asked = typeof job.params?.duration === "number" ? job.params.duration : null;
  // A sweep clone's job: the swept node, and the value from the take the app wrote into the row.
  const sweep = job.take?.sweep;
  return {
    time: (opts.now ?? (() => new Date()))().toISOString(),
    workflow: job.workflowName,
    node: job.take?.nodeId ?? sweptNodeOf(job.nodeId) ?? job.nodeId,
    endpoint: job.endpoint,
    seconds: opts.seconds ?? asked,
    estimatedCostUsd: job.estimatedCostUsd,
    outcome,
    requestId: job.requestId,
    cacheKey: job.key,
    source: opts.source,
    ...(sweep ? { note: sweepNote(sweep.param, sweep.value) } : {}),
  };
}

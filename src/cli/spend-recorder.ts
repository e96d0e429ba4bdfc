import type { RunEvent } from "../engine/events";
import type { Plan } from "../engine/plan";
import { createSpendTracker } from "../engine/spend-tracker";
import type { FsSpendLedger, SpendOutcome } from "../adapters/fs/spend-ledger";
import type { OrphanOutcome } from "./resume-orphans";
import { messageOf } from "../domain/message-of";

/**
 * Turns a run's events into spend ledger rows: one per job that reached fal (submitted in this
 * run, resumed from an earlier one, or whose submit may have arrived), written when it ends.
 * Cache hits and requests fal refused outright cost nothing and are not spend.
 */
export function createSpendRecorder(plan: Plan, ledger: FsSpendLedger, onError: (message: string) => void) {
  // Which events are spend is decided once for the CLI and the browser (src/engine/spend-tracker.ts).
  const tracker = createSpendTracker(plan, { source: "cli" });
  const writes: Promise<void>[] = [];

  return {
    onEvent(ev: RunEvent): void {
      const row = tracker.onEvent(ev);
      if (row) writes.push(ledger.append(row).catch((e: unknown) => onError(messageOf(e))));
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
          .catch((e: unknown) => onError(messageOf(e))),
      );
    },
    /** Wait for every row to be written. */
    async flush(): Promise<void> {
      await Promise.all(writes);
    },
  };
}

import type { CacheKey } from "../domain/ids";
import { followJob } from "../engine/job";
import type { Plan } from "../engine/plan";
import type { EnginePorts, Job, JobLedger } from "../engine/ports";
import { findAdapter } from "../nodes/registry";

/**
 * Jobs an interrupted earlier run of this workflow left on fal whose node is no longer in the
 * plan (the file was edited since). The executor re-attaches jobs of planned nodes by itself;
 * these would otherwise be paid for and never collected, so they are followed to their end and
 * their results stored in the cache (a later undo of the edit then costs nothing).
 */
const ATTACHABLE = new Set<Job["state"]>(["queued", "running", "completed"]);

export type OrphanOutcome = { job: Job; status: "stored" | "failed" | "cancelled"; message?: string };

export async function resumeOrphanJobs(
  plan: Plan,
  ledger: JobLedger,
  ports: EnginePorts,
  opts: { signal?: AbortSignal; onStart?: (job: Job) => void },
): Promise<OrphanOutcome[]> {
  const planned = new Set<CacheKey>([...plan.nodes.values()].map((n) => n.key));
  const orphans = (await ledger.unfinished()).filter(
    (j) =>
      j.workflowName === plan.workflowName && !planned.has(j.key) && j.requestId !== null && ATTACHABLE.has(j.state),
  );
  return Promise.all(
    orphans.map(async (job): Promise<OrphanOutcome> => {
      const adapter = findAdapter(job.endpoint);
      if (!adapter || job.requestId === null)
        return { job, status: "failed", message: `no model adapter for ${job.endpoint}` };
      opts.onStart?.(job);
      const outcome = await followJob(
        { key: job.key, adapter, params: job.params ?? {}, estimatedCostUsd: job.estimatedCostUsd },
        job.endpoint,
        job.requestId,
        { ports: { ...ports, ledger }, signal: opts.signal, now: () => Date.now(), emit: () => undefined },
        job.state,
      );
      switch (outcome.status) {
        case "succeeded":
          return { job, status: "stored" };
        case "failed":
          return { job, status: "failed", message: outcome.error.message };
        case "cancelled":
          return { job, status: "cancelled" };
        default: {
          const _: never = outcome;
          return _;
        }
      }
    }),
  );
}

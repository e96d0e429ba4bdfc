import type { NodeId } from "../domain/ids";
import { findAdapter } from "../nodes/registry";
import type { RunEvent } from "./events";
import { shareJob } from "./in-flight";
import type { JobContext, JobOutcome } from "./job";
import { followJob } from "./job";
import { underLease } from "./lease";
import { Limiter } from "./limiter";
import type { EnginePorts, Job } from "./ports";

/**
 * Start-up recovery: every job the ledger says fal has (or may have) and whose result is not
 * stored yet. Jobs with a request id are followed to their end and stored, never submitted
 * again; jobs whose submit outcome was lost are marked `unknown` and reported, so the user
 * decides (the node offers "Submit again"). Run this when the app or CLI starts, before or
 * alongside `execute`: a run that needs the same key waits for the resumed job.
 */

export interface ResumeOptions {
  onEvent: (e: RunEvent) => void;
  signal?: AbortSignal;
  concurrency?: number;
}

export interface ResumeSummary {
  /** Jobs followed by request id. */
  resumed: Job[];
  /** Jobs whose submit outcome is unknown: not sent again. */
  unknown: Job[];
  outcomes: Map<NodeId, JobOutcome["status"]>;
}

export async function resumeUnfinished(ports: EnginePorts, opts: ResumeOptions): Promise<ResumeSummary> {
  const summary: ResumeSummary = { resumed: [], unknown: [], outcomes: new Map() };
  const ledger = ports.ledger;
  if (!ledger) return summary;
  const jobs = await ledger.unfinished();
  if (jobs.length === 0) return summary;

  const now = () => ports.clock?.now() ?? Date.now();
  const limiter = new Limiter(opts.concurrency ?? 4);
  opts.onEvent({ type: "run-started", at: now(), nodeIds: jobs.map((j) => j.nodeId) });

  await Promise.all(
    jobs.map(async (job) => {
      const outcome = await resumeOne(job);
      summary.outcomes.set(job.nodeId, outcome.status);
      switch (outcome.status) {
        case "succeeded":
          opts.onEvent({
            type: outcome.reused ? "cached" : "succeeded",
            nodeId: job.nodeId,
            result: outcome.result,
            at: now(),
          });
          return;
        case "failed":
          opts.onEvent({ type: "failed", nodeId: job.nodeId, error: outcome.error, at: now() });
          return;
        case "cancelled":
          opts.onEvent({ type: "cancelled", nodeId: job.nodeId, at: now() });
          return;
        default: {
          const _: never = outcome;
          return _;
        }
      }
    }),
  );
  opts.onEvent({ type: "run-finished", at: now() });
  return summary;

  async function resumeOne(job: Job): Promise<JobOutcome> {
    if (!ports.leases) return resumeRow(job, false);
    // An unfinished row may belong to a job another tab is working on right now (not orphaned, just
    // busy there): wait for its lease, then act on the row as it is by then.
    return shareJob(ports.cache, job.key, () =>
      underLease(
        ports,
        job.key,
        opts.signal,
        () => true,
        async () => resumeRow((await ledger?.get(job.key)) ?? job, true),
      ),
    );
  }

  async function resumeRow(job: Job, leased: boolean): Promise<JobOutcome> {
    switch (job.state) {
      case "stored":
        return {
          status: "failed",
          error: {
            code: "storage",
            message: `The result of request ${job.requestId ?? "?"} was stored by another tab but is not in this browser's cache`,
            mayHaveBeenCharged: true,
          },
        };
      case "failed":
        return {
          status: "failed",
          error: { code: "internal", message: job.error ?? "The job failed in another tab", mayHaveBeenCharged: true },
        };
      case "cancelled":
        return { status: "cancelled" };
      case "submitting":
      case "queued":
      case "running":
      case "completed":
      case "unknown":
        break;
      default: {
        const _: never = job.state;
        return _;
      }
    }
    const adapter = findAdapter(job.endpoint);
    if (!job.requestId || job.state === "submitting" || job.state === "unknown") {
      summary.unknown.push(job);
      if (job.state !== "unknown")
        await ledger?.update(job.key, { state: "unknown", updatedAt: new Date(now()).toISOString() });
      return {
        status: "failed",
        error: {
          code: "submit-unknown",
          message: `A job sent on ${job.createdAt} lost its answer, so fal may have it and may charge for it. Check your fal requests, then choose "Submit again" to send it anew.`,
          mayHaveBeenCharged: true,
        },
      };
    }
    if (!adapter) {
      return {
        status: "failed",
        error: {
          code: "internal",
          message: `This Reelflow does not know the model ${job.endpoint}, so it cannot read the result of request ${job.requestId}`,
          mayHaveBeenCharged: true,
        },
      };
    }
    summary.resumed.push(job);
    const requestId = job.requestId;
    const follow = async (): Promise<JobOutcome> => {
      // A result stored meanwhile (another tab, an earlier crash after the cache write) ends it.
      const stored = await ports.cache.get(job.key);
      if (stored) {
        await ledger?.update(job.key, { state: "stored", updatedAt: new Date(now()).toISOString() });
        return { status: "succeeded", result: stored };
      }
      const release = await limiter.acquire(opts.signal);
      if (!release) return { status: "cancelled" };
      try {
        const ctx: JobContext = {
          ports,
          signal: opts.signal,
          now,
          emit: (e) => opts.onEvent({ ...e, nodeId: job.nodeId, at: now() }),
        };
        ctx.emit({ type: "resumed", requestId, endpoint: job.endpoint });
        return await followJob(
          { key: job.key, adapter, params: job.params ?? {}, estimatedCostUsd: job.estimatedCostUsd },
          job.endpoint,
          requestId,
          ctx,
          job.state,
        );
      } finally {
        release();
      }
    };
    // Under a lease the caller already registered this key's in-flight job.
    return leased ? follow() : shareJob(ports.cache, job.key, follow);
  }
}

import type { CacheKey } from "../../domain/ids";
import type { Job, JobLedger, JobState } from "../../engine/ports";
import type { CacheNamespace } from "../../domain/settings";
import type { JobRow, ReelflowDb } from "./database";

/** States after which nothing more will happen to a job; every other one is re-attached on start. */
export const UNFINISHED_JOB_STATES: readonly JobState[] = ["submitting", "queued", "running", "completed", "unknown"];

export interface DexieJobLedger extends JobLedger {
  /** Every job of this namespace, oldest first (for a history view and tests). */
  all(): Promise<Job[]>;
}

function toJob(row: JobRow): Job {
  const { namespace: _namespace, ...job } = row;
  return job;
}

/**
 * The job ledger on IndexedDB. A row is written before the request leaves (state
 * `submitting`) and updated as fal answers, so a reloaded tab finds every job that may be
 * billed and re-attaches to it by request id instead of submitting again. Each update is a
 * read-modify-write inside one transaction, so two patches to one job never lose each other.
 */
export function createDexieJobLedger(db: ReelflowDb, opts: { namespace?: CacheNamespace } = {}): DexieJobLedger {
  const namespace = opts.namespace ?? "paid";
  const id = (key: CacheKey): [CacheNamespace, CacheKey] => [namespace, key];

  return {
    async open(job) {
      await db.jobs.put({ ...job, namespace });
    },

    async update(key, patch) {
      await db.transaction("rw", db.jobs, async () => {
        const row = await db.jobs.get(id(key));
        if (!row) throw new Error(`job ledger: no job for cache key ${key} to update`);
        await db.jobs.put({ ...row, ...patch, key, namespace, updatedAt: patch.updatedAt ?? new Date().toISOString() });
      });
    },

    async get(key) {
      const row = await db.jobs.get(id(key));
      return row ? toJob(row) : undefined;
    },

    async unfinished() {
      const rows = await db.jobs
        .where("[namespace+state]")
        .anyOf(UNFINISHED_JOB_STATES.map((s) => [namespace, s]))
        .toArray();
      return rows.map(toJob).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async all() {
      const rows = await db.jobs.where("[namespace+state]").between([namespace, ""], [namespace, "\uffff"]).toArray();
      return rows.map(toJob).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}

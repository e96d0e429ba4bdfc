import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { CacheKey } from "../../domain/ids";
import type { Job, JobLedger, JobState } from "../../engine/ports";
import { readJsonIfExists, writeFileAtomic } from "./atomic-write";
import { fileStem } from "./file-names";

/**
 * The CLI's job ledger: one JSON file per job under `<cache dir>/jobs/`, replaced atomically on
 * every change. One file per job (rather than one shared file) means two jobs updating at once
 * never overwrite each other, and a process killed at any instant leaves every job either in its
 * previous state or its new one; the next run reads them back and re-attaches by request id.
 */

const FINISHED: ReadonlySet<JobState> = new Set<JobState>(["stored", "failed", "cancelled"]);
export const isFinishedJob = (j: Job): boolean => FINISHED.has(j.state);

export interface FsJobLedger extends JobLedger {
  readonly dir: string;
  /** Every job on file, finished or not (oldest first). */
  all(): Promise<Job[]>;
}

export function createFsJobLedger(cacheDir: string): FsJobLedger {
  const dir = join(cacheDir, "jobs");
  const pathOf = (key: CacheKey) => join(dir, `${fileStem(key)}.json`);
  // Updates to one key are chained so a read-merge-write never loses a concurrent patch.
  const chains = new Map<CacheKey, Promise<unknown>>();
  const serial = <T>(key: CacheKey, f: () => Promise<T>): Promise<T> => {
    const next = (chains.get(key) ?? Promise.resolve()).then(f, f);
    const settled = next.catch(() => undefined);
    chains.set(key, settled);
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return next;
  };
  const write = (job: Job) => writeFileAtomic(pathOf(job.key), `${JSON.stringify(job, null, 2)}\n`);
  const read = async (key: CacheKey): Promise<Job | undefined> => {
    const raw = await readJsonIfExists(pathOf(key));
    return isJob(raw) ? raw : undefined;
  };

  async function all(): Promise<Job[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const jobs: Job[] = [];
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const raw = await readJsonIfExists(join(dir, name));
      if (isJob(raw)) jobs.push(raw);
    }
    return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  return {
    dir,
    open: (job) => serial(job.key, () => write(job)),
    update: (key, patch) =>
      serial(key, async () => {
        const job = await read(key);
        if (!job) throw new Error(`job ledger: no job for cache key ${key} to update`);
        await write({ ...job, ...patch, key, updatedAt: patch.updatedAt ?? new Date().toISOString() });
      }),
    get: (key) => serial(key, () => read(key)),
    unfinished: async () => (await all()).filter((j) => !isFinishedJob(j)),
    all,
  };
}

function isJob(raw: unknown): raw is Job {
  if (typeof raw !== "object" || raw === null) return false;
  const j = raw as Partial<Job>;
  return typeof j.key === "string" && typeof j.nodeId === "string" && typeof j.endpoint === "string" && typeof j.state === "string";
}

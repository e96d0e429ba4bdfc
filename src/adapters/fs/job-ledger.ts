import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { CacheKey } from "../../domain/ids";
import type { Job, JobLedger, JobState } from "../../engine/ports";
import { readJsonIfExists, writeFileAtomic } from "./atomic-write";
import { fileStem } from "./file-names";

/**
 * The CLI's job ledger: one JSON file per job under `<cache dir>/jobs/`, replaced atomically on
 * every change. One file per job (rather than one shared file) means two jobs updating at once
 * never overwrite each other, and a process killed at any instant leaves every job either in its
 * previous state or its new one; the next run reads them back and re-attaches by request id.
 *
 * Two CLI processes may share a cache dir (two terminals, one file). Each job file names the
 * process that last moved it, so:
 * - `open` never starts a second copy of a job another live process is sending or following
 *   (creating the file is exclusive; losing that race is an error on the node, not a second bill);
 * - `get` waits while another live process is between "submitting" and fal's answer, and then
 *   returns the job with its request id, so the engine follows that job instead of calling it lost.
 */

const FINISHED: ReadonlySet<JobState> = new Set<JobState>(["stored", "failed", "cancelled"]);
/** fal has (or is being sent) this job and nobody has stored its result yet. */
const ACTIVE: ReadonlySet<JobState> = new Set<JobState>(["submitting", "queued", "running", "completed"]);
export const isFinishedJob = (j: Job): boolean => FINISHED.has(j.state);

export interface Owner {
  pid: number;
  host: string;
}
type JobFile = Job & { owner?: Owner };

export interface FsJobLedgerOptions {
  /** Longest `get` waits for another process's submit to be answered (default 2 min). */
  waitForOtherSubmitMs?: number;
  /** A job of another machine (shared folder) counts as live this long after its last update. */
  foreignOwnerTtlMs?: number;
  /** Who this ledger writes as (default: this process on this host); tests play two processes with it. */
  owner?: Owner;
}

export interface FsJobLedger extends JobLedger {
  readonly dir: string;
  /** Every job on file, finished or not (oldest first). */
  all(): Promise<Job[]>;
}

export function createFsJobLedger(cacheDir: string, opts: FsJobLedgerOptions = {}): FsJobLedger {
  const dir = join(cacheDir, "jobs");
  const me: Owner = opts.owner ?? { pid: process.pid, host: hostname() };
  const waitMs = opts.waitForOtherSubmitMs ?? 120_000;
  const foreignTtl = opts.foreignOwnerTtlMs ?? 120_000;
  const pathOf = (key: CacheKey) => join(dir, `${fileStem(key)}.json`);

  // Operations on one key are chained so a read-merge-write never loses a concurrent patch.
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

  const text = (job: Job) => `${JSON.stringify({ ...job, owner: me } satisfies JobFile, null, 2)}\n`;
  const readFile = async (key: CacheKey): Promise<JobFile | undefined> => {
    const raw = await readJsonIfExists(pathOf(key));
    return isJob(raw) ? raw : undefined;
  };

  /** Another process that is still alive (or, on another machine, recently active) owns this job. */
  const ownedElsewhere = (j: JobFile): boolean => {
    const o = j.owner;
    if (!o || (o.pid === me.pid && o.host === me.host)) return false;
    if (o.host === me.host) return isAlive(o.pid);
    return Date.now() - Date.parse(j.updatedAt) < foreignTtl;
  };
  const busy = (j: JobFile) =>
    new Error(
      `another Reelflow run (process ${j.owner?.pid ?? "?"}${j.owner && j.owner.host !== me.host ? ` on ${j.owner.host}` : ""}) is already ` +
        `${j.state === "submitting" ? "sending" : "following"} this job${j.requestId ? ` (request ${j.requestId})` : ""}; ` +
        "it was not sent twice. Its result lands in the same cache: run again when that run is done.",
    );

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
      if (isJob(raw)) jobs.push(withoutOwner(raw));
    }
    return jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  return {
    dir,
    open: (job) =>
      serial(job.key, async () => {
        const path = pathOf(job.key);
        const existing = await readFile(job.key);
        if (existing && ACTIVE.has(existing.state) && ownedElsewhere(existing)) throw busy(existing);
        if (existing) return writeFileAtomic(path, text(job));
        if (await createExclusive(path, text(job))) return;
        // Another process created it between our read and our write: its job, not ours.
        const winner = await readFile(job.key);
        if (winner && ownedElsewhere(winner)) throw busy(winner);
        await writeFileAtomic(path, text(job));
      }),
    update: (key, patch) =>
      serial(key, async () => {
        const job = await readFile(key);
        if (!job) throw new Error(`job ledger: no job for cache key ${key} to update`);
        await writeFileAtomic(
          pathOf(key),
          text({ ...withoutOwner(job), ...patch, key, updatedAt: patch.updatedAt ?? new Date().toISOString() }),
        );
      }),
    get: (key) =>
      serial(key, async () => {
        let job = await readFile(key);
        const deadline = Date.now() + waitMs;
        while (job?.state === "submitting" && ownedElsewhere(job) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          job = await readFile(key);
        }
        return job && withoutOwner(job);
      }),
    unfinished: async () => (await all()).filter((j) => !isFinishedJob(j)),
    all,
  };
}

/** Create a file only if it does not exist, with its full content at once (link is atomic and exclusive). */
async function createExclusive(path: string, data: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(tmp, data);
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    if ((e as { code?: unknown }).code === "EEXIST") return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as { code?: unknown }).code === "EPERM";
  }
}

function withoutOwner(j: JobFile): Job {
  const { owner: _owner, ...job } = j;
  return job;
}

function isJob(raw: unknown): raw is Job {
  if (typeof raw !== "object" || raw === null) return false;
  const j = raw as Partial<Job>;
  return (
    typeof j.key === "string" &&
    typeof j.nodeId === "string" &&
    typeof j.endpoint === "string" &&
    typeof j.state === "string"
  );
}

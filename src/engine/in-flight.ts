import type { CacheKey } from "../domain/ids";
import type { JobOutcome } from "./job";
import type { ResultCache } from "./ports";

/**
 * Jobs being followed in this process, per result cache. Whoever asks for a key already being
 * worked on (a second run, identical nodes, the start-up resume) waits for that job instead of
 * starting another: one fal job per key, however many callers want it.
 */
const jobs = new WeakMap<ResultCache, Map<CacheKey, Promise<JobOutcome>>>();

export function shareJob(cache: ResultCache, key: CacheKey, start: () => Promise<JobOutcome>): Promise<JobOutcome> {
  let perCache = jobs.get(cache);
  if (!perCache) jobs.set(cache, (perCache = new Map<CacheKey, Promise<JobOutcome>>()));
  const running = perCache.get(key);
  if (running) return running;
  const job = start();
  const table = perCache;
  table.set(key, job);
  void job.finally(() => {
    if (table.get(key) === job) table.delete(key);
  });
  return job;
}

import type { CacheKey } from "../domain/ids";
import type { JobOutcome } from "./job";
import type { CachedResult, EnginePorts } from "./ports";

/**
 * Runs one job under the key's cross-process lease (ports.leases), so a key is worked on by one
 * holder at a time. Whoever gets the lease looks at the cache first: a result another holder stored
 * while we waited (or just before we asked) is taken as it is, never paid for again.
 */
export async function underLease(
  ports: EnginePorts,
  key: CacheKey,
  signal: AbortSignal | undefined,
  accept: (stored: CachedResult) => boolean,
  work: () => Promise<JobOutcome>,
): Promise<JobOutcome> {
  const leases = ports.leases;
  if (!leases) return work();
  try {
    return await leases.withLease(
      key,
      async (): Promise<JobOutcome> => {
        const stored = await ports.cache.get(key);
        if (stored && accept(stored)) return { status: "succeeded", result: stored, reused: true };
        return work();
      },
      signal,
    );
  } catch (e) {
    // Stop while waiting for another holder: nothing was sent by us.
    if (signal?.aborted) return { status: "cancelled" };
    throw e;
  }
}

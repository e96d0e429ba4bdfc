import type { CacheKey } from "../../domain/ids";
import type { JobLeases } from "../../engine/ports";
import type { JobAnnouncer } from "./announcer";

/** The part of the Web Locks API (navigator.locks) the leases use. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal; mode?: "exclusive" },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

export interface WebLockLeasesOptions {
  /** navigator.locks by default. */
  locks?: LockManagerLike;
  /** Lock name prefix: one name space per cache namespace (paid and demo jobs never block each other). */
  prefix?: string;
  /** Another holder (tab) works on this key: called once before waiting, so the node can say so. */
  onWait?(key: CacheKey): void;
  /** Tells other tabs when a key's work ended (their views look the result up again). */
  announcer?: JobAnnouncer;
}

const NOT_AVAILABLE = Symbol("lease held elsewhere");

export function webLocksAvailable(
  nav: unknown = (globalThis as { navigator?: unknown }).navigator,
): LockManagerLike | undefined {
  const locks = (nav as { locks?: LockManagerLike } | undefined)?.locks;
  return locks && typeof locks.request === "function" ? locks : undefined;
}

/**
 * Job leases on the Web Locks API: one exclusive lock per cache key, shared by every tab of the
 * origin. The browser releases a lock when its tab closes or crashes, so a dead tab never keeps a
 * job forever: the next holder finds the ledger row and re-attaches to the job by its request id.
 * Exclusive waiting (not `steal`) on purpose: stealing would let two tabs follow one paid job.
 */
export function createWebLockLeases(opts: WebLockLeasesOptions = {}): JobLeases {
  const locks = opts.locks ?? webLocksAvailable();
  if (!locks)
    throw new Error("This browser has no Web Locks (navigator.locks): jobs cannot be shared safely between tabs.");
  const prefix = opts.prefix ?? "reelflow-job:";

  return {
    async withLease<T>(key: CacheKey, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const name = `${prefix}${key}`;
      const run = async (): Promise<T> => {
        try {
          return await work();
        } finally {
          opts.announcer?.settled(key);
        }
      };
      signal?.throwIfAborted();
      // Ask without waiting first, so a wait is known (and shown) before it starts.
      const first = await locks.request<{ v: T } | typeof NOT_AVAILABLE>(name, { ifAvailable: true }, (lock) =>
        lock ? run().then((v) => ({ v })) : NOT_AVAILABLE,
      );
      if (typeof first === "object") return first.v;
      opts.onWait?.(key);
      return locks.request(name, signal ? { signal } : {}, () => run());
    },
  };
}

import type { LockManagerLike } from "../../../src/adapters/locks/web-locks";

/**
 * The Web Locks API's exclusive mode as the spec describes it, for Node (which has no
 * navigator.locks): one holder per name, waiters served first come first served, `ifAvailable`
 * calls back with null instead of waiting, an aborted waiter rejects with an AbortError, and the
 * lock is released when the callback's promise settles. Several "tabs" share one instance.
 */
export class MemoryLockManager implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();
  readonly requests: { name: string; ifAvailable: boolean }[] = [];

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  async request<T>(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T> {
    this.requests.push({ name, ifAvailable: options.ifAvailable === true });
    if (options.signal?.aborted) throw new DOMException("The request was aborted.", "AbortError");
    if (this.held.has(name)) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>((resolve, reject) => {
        const queue = this.queues.get(name) ?? [];
        this.queues.set(name, queue);
        const grant = () => {
          options.signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = queue.indexOf(grant);
          if (i >= 0) queue.splice(i, 1);
          reject(new DOMException("The request was aborted.", "AbortError"));
        };
        options.signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(grant);
      });
    } else {
      this.held.add(name);
    }
    try {
      return await callback({ name, mode: "exclusive" });
    } finally {
      const next = this.queues.get(name)?.shift();
      // Handing over without releasing: nobody can slip in between (as in the spec's queue).
      if (next) next();
      else this.held.delete(name);
    }
  }
}

/**
 * A counting semaphore: at most `limit` holders at once. Waiters with a higher priority are
 * served first (ties first come, first served): the executor gives nodes with the longest work
 * still below them the highest priority, so a long chain is not left to run alone at the end.
 * Used so no more than `concurrency` fal jobs are in flight, whatever the graph's shape.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<{ priority: number; seq: number; grant: () => void }> = [];
  private seq = 0;
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a whole number of at least 1 (got ${limit})`);
  }

  /** Resolves with a release function, or with undefined when `signal` aborts first. */
  acquire(signal?: AbortSignal, priority = 0): Promise<(() => void) | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const entry = {
        priority,
        seq: this.seq++,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          this.active++;
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(undefined);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      // Keep the queue sorted: highest priority first, then arrival order.
      let at = this.waiting.length;
      while (at > 0 && this.waiting[at - 1]!.priority < priority) at--;
      this.waiting.splice(at, 0, entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.grant();
    };
  }
}

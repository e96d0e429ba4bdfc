import { describe, expect, it } from "vitest";
import { createJobAnnouncer } from "../../../src/adapters/locks/announcer";
import { createWebLockLeases, webLocksAvailable } from "../../../src/adapters/locks/web-locks";
import type { CacheKey } from "../../../src/domain/ids";
import { MemoryLockManager } from "./memory-lock-manager";

const K = "key-1" as CacheKey;

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("web lock leases", () => {
  it("lets one holder work on a key at a time; the second is told it waits, then runs after the first", async () => {
    const locks = new MemoryLockManager();
    const waits: string[] = [];
    const tabA = createWebLockLeases({ locks });
    const tabB = createWebLockLeases({ locks, onWait: (k) => waits.push(k) });
    const order: string[] = [];
    const gate = deferred();
    const a = tabA.withLease(K, async () => {
      order.push("a start");
      await gate.promise;
      order.push("a end");
      return "a";
    });
    await Promise.resolve();
    const b = tabB.withLease(K, async () => {
      order.push("b start");
      return "b";
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(waits).toEqual([K]);
    expect(order).toEqual(["a start"]);
    gate.resolve();
    expect(await Promise.all([a, b])).toEqual(["a", "b"]);
    expect(order).toEqual(["a start", "a end", "b start"]);
    expect(locks.isHeld(`reelflow-job:${K}`)).toBe(false);
  });

  it("does not block other keys, and a different prefix is a different lease", async () => {
    const locks = new MemoryLockManager();
    const leases = createWebLockLeases({ locks });
    const demo = createWebLockLeases({ locks, prefix: "reelflow-demo-job:" });
    const gate = deferred();
    const held = leases.withLease(K, () => gate.promise);
    await expect(leases.withLease("key-2" as CacheKey, async () => 2)).resolves.toBe(2);
    await expect(demo.withLease(K, async () => 3)).resolves.toBe(3);
    gate.resolve();
    await held;
  });

  it("stops waiting when the signal aborts, without running the work", async () => {
    const locks = new MemoryLockManager();
    const leases = createWebLockLeases({ locks });
    const gate = deferred();
    const held = leases.withLease(K, () => gate.promise);
    const ac = new AbortController();
    let ran = false;
    const waiting = leases.withLease(
      K,
      async () => {
        ran = true;
      },
      ac.signal,
    );
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    gate.resolve();
    await held;
    expect(ran).toBe(false);
  });

  it("releases the lease when the work throws", async () => {
    const locks = new MemoryLockManager();
    const leases = createWebLockLeases({ locks });
    await expect(leases.withLease(K, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(leases.withLease(K, async () => "again")).resolves.toBe("again");
  });

  it("announces the end of a key's work to other tabs over a BroadcastChannel", async () => {
    const name = `reelflow-jobs-test-${process.pid}`;
    const a = createJobAnnouncer(name);
    const b = createJobAnnouncer(name);
    const heard = deferred<CacheKey>();
    const off = b.onSettled((k) => heard.resolve(k));
    const leases = createWebLockLeases({ locks: new MemoryLockManager(), announcer: a });
    await leases.withLease(K, async () => undefined);
    expect(await heard.promise).toBe(K);
    off();
    a.close();
    b.close();
  });

  it("refuses to start without Web Locks rather than silently sharing nothing", () => {
    expect(webLocksAvailable({})).toBeUndefined();
    expect(() => createWebLockLeases({ locks: webLocksAvailable({}) })).toThrow(/Web Locks/);
  });
});

import { describe, expect, it } from "vitest";
import { Limiter } from "../../src/engine/limiter";

describe("Limiter", () => {
  it("holds at most `limit`, then serves waiters by priority, ties in arrival order", async () => {
    const limiter = new Limiter(1);
    const first = await limiter.acquire();
    const order: string[] = [];
    const wait = (name: string, priority: number) =>
      limiter.acquire(undefined, priority).then((release) => {
        order.push(name);
        return release;
      });
    const low = wait("low", 1);
    const highA = wait("highA", 10);
    const mid = wait("mid", 5);
    const highB = wait("highB", 10);
    first?.();
    for (const p of [highA, highB, mid, low]) (await p)?.();
    expect(order).toEqual(["highA", "highB", "mid", "low"]);
  });

  it("a waiter whose signal aborts leaves the queue and gets undefined", async () => {
    const limiter = new Limiter(1);
    const held = await limiter.acquire();
    const ac = new AbortController();
    const aborted = limiter.acquire(ac.signal, 100);
    const next = limiter.acquire(undefined, 1);
    ac.abort();
    expect(await aborted).toBeUndefined();
    held?.();
    expect(typeof (await next)).toBe("function");
  });
});

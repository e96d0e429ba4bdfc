import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDexieJobLedger, createDexieResultCache, type ReelflowDb } from "../../../src/adapters/db";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { createWebLockLeases } from "../../../src/adapters/locks/web-locks";
import type { CacheKey } from "../../../src/domain/ids";
import { contentHash, nodeId } from "../../../src/domain/ids";
import type { RunEvent } from "../../../src/engine/events";
import { execute } from "../../../src/engine/executor";
import type { EnginePorts, JobLeases, JobLedger } from "../../../src/engine/ports";
import { resumeUnfinished } from "../../../src/engine/resume";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { freshDb } from "../db/helpers";
import { gen, keyOf, planOk, t2v, workflow } from "../../engine/helpers/workflow";
import { MemoryLockManager } from "./memory-lock-manager";

// Two browser tabs, minus the browser: one IndexedDB (fake-indexeddb), one lock manager, and per
// tab its own cache and ledger handles, its own fal client (the real @fal-ai/client against the
// fake fal) and its own executor. They must never submit the same key twice.

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 50, runMs: 150, queuePositionStart: 0, streamIntervalMs: 20 } });
});
afterAll(async () => {
  await fal.close();
});
beforeEach(() => fal.reset());

function tab(
  db: ReelflowDb,
  locks: MemoryLockManager,
  waits: CacheKey[],
): EnginePorts & { leases: JobLeases; ledger: JobLedger } {
  return {
    client: createFalInferenceClient({ proxyUrl: fal.url, pollIntervalMs: 30 }),
    cache: createDexieResultCache(db, { namespace: "paid" }),
    ledger: createDexieJobLedger(db, { namespace: "paid" }),
    leases: createWebLockLeases({ locks, onWait: (k) => waits.push(k) }),
  };
}

const finals = (events: RunEvent[]) =>
  Object.fromEntries(
    events
      .filter((e) => e.type === "succeeded" || e.type === "cached" || e.type === "failed" || e.type === "cancelled")
      .map((e) => ["nodeId" in e ? e.nodeId : "", e.type]),
  );

describe("two tabs on one graph", () => {
  it("submits each key once: the second tab waits and shows the first tab's stored result", async () => {
    const db = freshDb();
    const locks = new MemoryLockManager();
    const waitsB: CacheKey[] = [];
    const a = tab(db, locks, []);
    const b = tab(db, locks, waitsB);
    const plan = await planOk(
      workflow([t2v("v1", { prompt: "two tabs, one job" }), t2v("v2", { prompt: "second branch" })], []),
    );
    const evA: RunEvent[] = [];
    const evB: RunEvent[] = [];
    const runA = execute(plan, a, { onEvent: (e) => evA.push(e) });
    // B starts once A's first job is on its way, as a second tab pressing Run a moment later.
    await expect.poll(() => fal.submittedCount(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const runB = execute(plan, b, { onEvent: (e) => evB.push(e) });
    const [sa, sb] = await Promise.all([runA, runB]);

    expect(fal.submittedCount()).toBe(2);
    expect(fal.requestsOf("submit").length).toBe(2);
    expect(sa.ok && sb.ok).toBe(true);
    expect(finals(evA)).toEqual({ v1: "succeeded", v2: "succeeded" });
    expect(finals(evB)).toEqual({ v1: "cached", v2: "cached" });
    expect(waitsB).toContain(keyOf(plan, "v1"));
    // B shows A's result: same fal request, nothing charged to B's run.
    const resultOf = (evs: RunEvent[], id: string) =>
      evs.find((e) => (e.type === "succeeded" || e.type === "cached") && e.nodeId === id);
    expect(resultOf(evB, "v1")).toMatchObject({
      result: { requestId: (resultOf(evA, "v1") as { result: { requestId: string } }).result.requestId },
    });
    expect(sb.totals.submitted).toBe(0);
    expect(sb.totals.costUsd).toBe(0);
    expect((await a.ledger.get(keyOf(plan, "v1")))?.state).toBe("stored");
  });

  it("a tab starting up waits for a job another tab is submitting, and takes it over by request id when that tab closes", async () => {
    const db = freshDb();
    const locks = new MemoryLockManager();
    const waitsB: CacheKey[] = [];
    const a = tab(db, locks, []);
    const b = tab(db, locks, waitsB);
    const plan = await planOk(workflow([t2v("v1", { prompt: "mid-submit in tab A" })], []));
    const node = gen(plan, "v1");
    const key = node.key;
    const input = node.adapter.buildInput(node.params, { prompt: "mid-submit in tab A" }, { feedsRemix: false });

    // Tab A holds the lease and has written its ledger row; its submit answer is not back yet.
    let letGo!: () => void;
    const tabClosed = new Promise<void>((r) => (letGo = r));
    let submitted!: () => void;
    const rowWritten = new Promise<void>((r) => (submitted = r));
    const tabA = a.leases.withLease(key, async () => {
      const now = new Date().toISOString();
      await a.ledger.open({
        key,
        nodeId: nodeId("v1"),
        workflowName: "test",
        endpoint: node.endpoint,
        inputHash: contentHash("h"),
        state: "submitting",
        requestId: null,
        estimatedCostUsd: node.price.usd,
        createdAt: now,
        updatedAt: now,
        params: node.params,
      });
      submitted();
      await tabClosed;
      // fal answers; A records the request id, then the tab goes away (the browser drops its lock).
      const id = await a.client.submit(node.endpoint, input);
      await a.ledger.update(key, { state: "queued", requestId: id, updatedAt: new Date().toISOString() });
    });
    await rowWritten;

    const evB: RunEvent[] = [];
    const resumeB = resumeUnfinished(b, { onEvent: (e) => evB.push(e) });
    await expect.poll(() => waitsB.length).toBe(1);
    // While A owns it, B leaves the row alone: it is not "unknown", it is in flight elsewhere.
    expect((await b.ledger.get(key))?.state).toBe("submitting");
    letGo();
    await tabA;
    const summary = await resumeB;

    expect(fal.submittedCount()).toBe(1);
    expect(evB.some((e) => e.type === "failed")).toBe(false);
    expect(evB.filter((e) => e.type === "resumed")).toHaveLength(1);
    expect(finals(evB)).toEqual({ v1: "succeeded" });
    expect(summary.unknown).toEqual([]);
    expect((await b.ledger.get(key))?.state).toBe("stored");
    expect((await b.cache.get(key))?.requestId).toBe(fal.jobs[0]?.requestId);
  });
});

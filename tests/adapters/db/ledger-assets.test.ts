import { describe, expect, it } from "vitest";
import { cacheKey, contentHash, endpointId, nodeId, requestId } from "../../../src/domain/ids";
import { createDexieAssetStore, createDexieJobLedger, createDexieResultCache } from "../../../src/adapters/db";
import { sha256Hex } from "../../../src/engine/hash";
import type { Job, JobState } from "../../../src/engine/ports";
import { freshDb, sampleEntry } from "./helpers";

const job = (key: string, state: JobState, createdAt: string): Job => ({
  key: cacheKey(key),
  nodeId: nodeId("t2v-1"),
  workflowName: "Test",
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  inputHash: contentHash("abc"),
  state,
  requestId: null,
  estimatedCostUsd: 0.4,
  createdAt,
  updatedAt: createdAt,
});

describe("Dexie job ledger", () => {
  it("lists every job that is not stored, failed or cancelled, oldest first", async () => {
    const db = freshDb();
    const ledger = createDexieJobLedger(db);
    const states: JobState[] = [
      "stored",
      "submitting",
      "failed",
      "queued",
      "cancelled",
      "running",
      "completed",
      "unknown",
    ];
    for (const [i, state] of states.entries())
      await ledger.open(job(`k${i}`, state, `2026-01-0${i + 1}T00:00:00.000Z`));
    const open = await ledger.unfinished();
    expect(open.map((j) => [j.key, j.state])).toEqual([
      ["k1", "submitting"],
      ["k3", "queued"],
      ["k5", "running"],
      ["k6", "completed"],
      ["k7", "unknown"],
    ]);
    expect((await ledger.all()).length).toBe(states.length);
    db.close();
  });

  it("records the request id and later states; a stored job leaves the unfinished list", async () => {
    const db = freshDb();
    const ledger = createDexieJobLedger(db);
    await ledger.open(job("k", "submitting", "2026-01-01T00:00:00.000Z"));
    await ledger.update(cacheKey("k"), { state: "queued", requestId: requestId("req-9") });
    // A fresh handle, as after a reload: the request id is there to re-attach with.
    const reloaded = createDexieJobLedger(db);
    expect(await reloaded.unfinished()).toEqual([
      expect.objectContaining({ key: "k", state: "queued", requestId: "req-9" }),
    ]);
    const updatedAt = (await reloaded.get(cacheKey("k")))!.updatedAt;
    expect(updatedAt > "2026-01-01T00:00:00.000Z").toBe(true);
    await reloaded.update(cacheKey("k"), { state: "stored" });
    expect(await reloaded.unfinished()).toEqual([]);
    expect((await reloaded.get(cacheKey("k")))?.requestId).toBe("req-9");
    await expect(reloaded.update(cacheKey("nope"), { state: "failed" })).rejects.toThrow(/no job for cache key nope/);
    db.close();
  });

  it("concurrent patches to one job both land", async () => {
    const db = freshDb();
    const ledger = createDexieJobLedger(db);
    await ledger.open(job("k", "submitting", "2026-01-01T00:00:00.000Z"));
    await Promise.all([
      ledger.update(cacheKey("k"), { requestId: requestId("r") }),
      ledger.update(cacheKey("k"), { error: "slow" }),
    ]);
    expect(await ledger.get(cacheKey("k"))).toMatchObject({ requestId: "r", error: "slow" });
    db.close();
  });

  it("keeps demo jobs apart from paid ones", async () => {
    const db = freshDb();
    await createDexieJobLedger(db, { namespace: "demo" }).open(job("k", "running", "2026-01-01T00:00:00.000Z"));
    expect(await createDexieJobLedger(db).unfinished()).toEqual([]);
    expect(await createDexieJobLedger(db).get(cacheKey("k"))).toBeUndefined();
    db.close();
  });
});

describe("Dexie asset store", () => {
  it("keeps a dropped file by content hash, once, sharing bytes with results", async () => {
    const db = freshDb();
    const assets = createDexieAssetStore(db);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const file = new Blob([bytes], { type: "image/png" });
    const hash = await assets.add(file, "cat.png");
    expect(hash).toBe(await sha256Hex(bytes));
    expect(await assets.add(new Blob([bytes], { type: "image/png" }), "again.png")).toBe(hash);
    expect(await db.blobs.count()).toBe(1);
    expect(await assets.info(hash)).toMatchObject({ name: "cat.png", type: "image/png", size: bytes.length });
    const back = await assets.get(hash);
    expect(new Uint8Array(await back!.arrayBuffer())).toEqual(bytes);
    expect(await assets.get(contentHash("missing"))).toBeUndefined();

    // A result that happens to have the same bytes is removed without taking the asset's bytes with it.
    const cache = createDexieResultCache(db, { namespace: "paid" });
    await cache.putWithMedia(sampleEntry("r", "https://example.invalid/v.mp4"), new Blob([bytes]));
    await cache.remove(cacheKey("r"));
    expect(await assets.get(hash)).toBeDefined();
    db.close();
  });
});

import { describe, expect, it } from "vitest";
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { cacheKey, endpointId, nodeId, requestId, workflowId, type CacheKey } from "../../../src/domain/ids";
import type { Take } from "../../../src/domain/take";
import {
  createDexieResultCache,
  createDexieTakeStore,
  createWorkflowRepository,
  openReelflowDb,
} from "../../../src/adapters/db";
import { sha256Hex } from "../../../src/engine/hash";
import { freshDb, sampleEntry } from "./helpers";
import { oldReelflowDb } from "./old-schemas";

const W = workflowId("wf-1");
const N = nodeId("t2v-1");

function take(key: string, extra: Partial<Take> = {}): Take {
  return {
    workflowId: W,
    nodeId: N,
    key: cacheKey(key),
    variant: "",
    endpoint: endpointId("fal-ai/sora-2/text-to-video"),
    params: { duration: 4, aspect_ratio: "16:9" },
    prompt: "A cat on a skateboard",
    inputs: [
      {
        port: "prompt",
        nodeId: nodeId("prompt-1"),
        key: cacheKey("text-key"),
        kind: "prompt",
        text: "A cat on a skateboard",
      },
    ],
    costUsd: 0.4,
    requestId: requestId("req-1"),
    createdAt: "2026-11-25T10:00:00.000Z",
    sweep: null,
    ...extra,
  };
}

const png = (byte: number) => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, byte])], { type: "image/png" });

describe("Dexie take store", () => {
  it("files a take once per (workflow, node, key) and lists a node's takes oldest first", async () => {
    const db = freshDb();
    const takes = createDexieTakeStore(db, { namespace: "paid" });
    const second = await takes.record(take("k2", { createdAt: "2026-11-25T10:05:00.000Z", variant: "nonce-1" }));
    const first = await takes.record(take("k1"));
    expect(second.added).toBe(true);
    expect(first.added).toBe(true);
    expect(first.take.thumbnailHash).toBeNull();

    // Seen again (e.g. served from the cache later): the first record stays as it was.
    const again = await takes.record(take("k1", { costUsd: 0, createdAt: "2026-11-25T11:00:00.000Z" }));
    expect(again.added).toBe(false);
    expect(again.take.costUsd).toBe(0.4);

    // Another node and another workflow keep their own takes of the same key.
    await takes.record(take("k1", { nodeId: nodeId("t2v-2") }));
    await takes.record(take("k1", { workflowId: workflowId("wf-2") }));

    const list = await takes.list(W, N);
    expect(list.map((t) => [t.key, t.variant, t.createdAt])).toEqual([
      ["k1", "", "2026-11-25T10:00:00.000Z"],
      ["k2", "nonce-1", "2026-11-25T10:05:00.000Z"],
    ]);
    expect(list[0]).toEqual({ ...take("k1"), thumbnailHash: null });
    expect((await takes.listWorkflow(W)).map((t) => `${t.nodeId}/${t.key}`)).toEqual([
      "t2v-1/k1",
      "t2v-2/k1",
      "t2v-1/k2",
    ]);
    expect(await takes.get({ workflowId: W, nodeId: N, key: cacheKey("k2") })).toMatchObject({ variant: "nonce-1" });
    expect(await takes.get({ workflowId: W, nodeId: N, key: cacheKey("nope") })).toBeUndefined();
    db.close();
  });

  it("keeps demo takes apart from paid ones", async () => {
    const db = freshDb();
    const paid = createDexieTakeStore(db, { namespace: "paid" });
    const demo = createDexieTakeStore(db, { namespace: "demo" });
    await demo.record(take("k1", { costUsd: 0 }));
    expect(await paid.list(W, N)).toEqual([]);
    // The same content run for real later is a take of its own, not "already filed".
    expect((await paid.record(take("k1"))).added).toBe(true);
    expect((await demo.list(W, N)).map((t) => t.costUsd)).toEqual([0]);
    expect((await paid.list(W, N)).map((t) => t.costUsd)).toEqual([0.4]);
    db.close();
  });

  it("stores a thumbnail once, as a Blob in `blobs`, and reads it back", async () => {
    const db = freshDb();
    const takes = createDexieTakeStore(db, { namespace: "paid" });
    const ref = { workflowId: W, nodeId: N, key: cacheKey("k1") };
    expect(await takes.setThumbnail(ref, png(1))).toBeNull();
    await takes.record(take("k1"));

    const hash = await takes.setThumbnail(ref, png(1));
    expect(hash).toBe(await sha256Hex(png(1)));
    // A second capture (another tab, a re-render) does not replace the first.
    expect(await takes.setThumbnail(ref, png(2))).toBe(hash);
    const blob = await takes.thumbnail(ref);
    expect(blob).toBeInstanceOf(Blob);
    expect(blob!.type).toBe("image/png");
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array(await png(1).arrayBuffer()));
    expect(await db.blobs.count()).toBe(1);
    expect((await takes.get(ref))?.thumbnailHash).toBe(hash);
    // After a reload (a new handle) the take still knows its thumbnail.
    expect(await createDexieTakeStore(db, { namespace: "paid" }).thumbnail(ref)).toBeInstanceOf(Blob);
    db.close();
  });

  it("forgets a purged workflow's takes and the thumbnails nothing else uses", async () => {
    const db = freshDb();
    const takes = createDexieTakeStore(db, { namespace: "paid" });
    const cache = createDexieResultCache(db, { namespace: "paid" });
    await takes.record(take("k1"));
    await takes.record(take("k2", { createdAt: "2026-11-25T10:01:00.000Z" }));
    await takes.record(take("k1", { workflowId: workflowId("wf-2") }));
    const shared = await takes.setThumbnail({ workflowId: W, nodeId: N, key: cacheKey("k1") }, png(1));
    await takes.setThumbnail({ workflowId: workflowId("wf-2"), nodeId: N, key: cacheKey("k1") }, png(1));
    const own = await takes.setThumbnail({ workflowId: W, nodeId: N, key: cacheKey("k2") }, png(2));
    // A video result in the cache is not touched.
    await cache.putWithMedia(
      sampleEntry("k1", "https://fal.media/v.mp4"),
      new Blob([new Uint8Array([1, 2, 3])], { type: "video/mp4" }),
    );

    await takes.removeWorkflow(W);
    expect(await takes.list(W, N)).toEqual([]);
    expect(await takes.list(workflowId("wf-2"), N)).toHaveLength(1);
    expect(await db.blobs.get(shared!)).toBeDefined();
    expect(await db.blobs.get(own!)).toBeUndefined();
    expect(await cache.getMedia(cacheKey("k1"))).toBeInstanceOf(Blob);
    db.close();
  });

  it("upgrades a version 2 database without losing what it held", async () => {
    const name = `reelflow-upgrade-${process.pid}`;
    // The schema as version 2 shipped it (issue 8).
    const old = oldReelflowDb(name, 2, { indexedDB, IDBKeyRange });
    await old.table("results").put({ ...sampleEntry("k1", "https://fal.media/v.mp4"), namespace: "paid" });
    await old.table("budgets").put({ workflowId: "wf-1", usd: 5, updatedAt: "2026-11-01T00:00:00.000Z" });
    old.close();

    const db = openReelflowDb(name, { indexedDB, IDBKeyRange });
    const cache = createDexieResultCache(db, { namespace: "paid" });
    expect((await cache.get(cacheKey("k1")))?.costUsd).toBe(0.4);
    expect(db.isOpen() && db.verno).toBe(4);
    expect((await db.budgets.get(workflowId("wf-1")))?.usd).toBe(5);
    const takes = createDexieTakeStore(db, { namespace: "paid" });
    expect((await takes.record(take("k1"))).added).toBe(true);
    expect((await takes.list(W, N)).map((t) => t.key)).toEqual(["k1" as CacheKey]);
    db.close();
  });

  it("a duplicated workflow keeps its takes; a purged one takes them along", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db);
    const wf = await repo.create({ name: "Kites" });
    const paid = createDexieTakeStore(db, { namespace: "paid" });
    const demo = createDexieTakeStore(db, { namespace: "demo" });
    await paid.record(take("k1", { workflowId: wf.id }));
    await demo.record(take("k2", { workflowId: wf.id, costUsd: 0 }));
    await paid.setThumbnail({ workflowId: wf.id, nodeId: N, key: cacheKey("k1") }, png(1));

    const copy = await repo.duplicate(wf.id);
    expect((await paid.list(copy.id, N)).map((t) => [t.workflowId, t.key, !!t.thumbnailHash])).toEqual([
      [copy.id, "k1", true],
    ]);
    expect((await demo.list(copy.id, N)).map((t) => t.key)).toEqual(["k2"]);

    await repo.softDelete(wf.id);
    expect(await paid.list(wf.id, N)).toHaveLength(1); // still restorable
    await repo.purge(wf.id);
    expect(await paid.list(wf.id, N)).toEqual([]);
    expect(await demo.list(wf.id, N)).toEqual([]);
    // The copy's takes and their shared thumbnail stay.
    expect(await paid.thumbnail({ workflowId: copy.id, nodeId: N, key: cacheKey("k1") })).toBeInstanceOf(Blob);
    db.close();
  });
});

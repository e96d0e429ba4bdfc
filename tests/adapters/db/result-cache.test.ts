import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaFileOf } from "../../../src/nodes/results";
import { cacheKey, contentHash } from "../../../src/domain/ids";
import { createDexieResultCache } from "../../../src/adapters/db";
import { sha256Hex } from "../../../src/engine/hash";
import { TINY_MP4, failWritesWithQuota, freshDb, sampleEntry, startMediaServer } from "./helpers";

let media: Awaited<ReturnType<typeof startMediaServer>>;
beforeAll(async () => {
  media = await startMediaServer();
});
afterAll(async () => {
  await media.close();
});

describe("Dexie result cache", () => {
  it("stores the metadata and the downloaded video, and reads both back", async () => {
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "paid" });
    const stored = await cache.put(sampleEntry("k1", `${media.url}/video.mp4`));
    const expectedHash = await sha256Hex(new Uint8Array(TINY_MP4));
    expect(stored.mediaHash).toBe(expectedHash);
    expect(stored.mediaError).toBeNull();

    // A second handle on the same database, as after a reload.
    const again = createDexieResultCache(db, { namespace: "paid" });
    expect(await again.get(cacheKey("k1"))).toEqual(stored);
    const blob = await again.getMedia(cacheKey("k1"));
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array(TINY_MP4));
    expect(blob!.type).toBe("video/mp4");
    expect(await again.get(cacheKey("other"))).toBeUndefined();
    db.close();
  });

  it("writes the metadata before the download starts (a crash mid-download keeps the paid result)", async () => {
    const db = freshDb();
    let seenDuringDownload: unknown = "not called";
    const cache = createDexieResultCache(db, {
      namespace: "paid",
      fetchMedia: async () => {
        seenDuringDownload = await createDexieResultCache(db, { namespace: "paid" }).get(cacheKey("early"));
        return new Blob([new Uint8Array(TINY_MP4)], { type: "video/mp4" });
      },
    });
    await cache.put(sampleEntry("early", "https://fal.example/video.mp4"));
    expect(seenDuringDownload).toMatchObject({ key: "early", requestId: "req-1", mediaHash: null });
    expect((await cache.get(cacheKey("early")))?.mediaHash).toMatch(/^[0-9a-f]{64}$/);
    db.close();
  });

  it("stores one copy of a video shared by two results, and removes it only when unused", async () => {
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "paid" });
    await cache.put(sampleEntry("a", `${media.url}/video.mp4`));
    await cache.put(sampleEntry("b", `${media.url}/video.mp4`));
    expect(await db.blobs.count()).toBe(1);
    const listed = await cache.list();
    expect(listed.map((r) => r.mediaSize)).toEqual([TINY_MP4.length, TINY_MP4.length]);
    await cache.remove(cacheKey("a"));
    expect(await db.blobs.count()).toBe(1);
    await cache.remove(cacheKey("b"));
    expect(await db.blobs.count()).toBe(0);
    expect(await cache.list()).toEqual([]);
    db.close();
  });

  it("keeps demo and paid results apart", async () => {
    const db = freshDb();
    const paid = createDexieResultCache(db, { namespace: "paid" });
    const demo = createDexieResultCache(db, { namespace: "demo" });
    const clip = new Blob([new Uint8Array([1, 2, 3])], { type: "video/webm" });
    const d = await demo.putWithMedia(sampleEntry("same-key", "blob:demo-clip", { simulated: true, costUsd: 0 }), clip);
    expect(d.simulated).toBe(true);
    expect(await paid.get(cacheKey("same-key"))).toBeUndefined();
    expect(await demo.get(cacheKey("same-key"))).toMatchObject({ simulated: true, costUsd: 0 });

    const p = await paid.put(sampleEntry("same-key", `${media.url}/video.mp4`));
    expect(p.simulated).toBeUndefined();
    expect((await demo.get(cacheKey("same-key")))?.costUsd).toBe(0);
    expect((await paid.get(cacheKey("same-key")))?.costUsd).toBe(0.4);
    expect((await paid.list()).map((r) => r.entry.simulated)).toEqual([undefined]);

    // A simulated result can never be written into the paid namespace.
    await expect(paid.put(sampleEntry("x", "blob:x", { simulated: true }))).rejects.toThrow(/simulated/);

    await demo.putUpload(contentHash("h1"), "https://demo.invalid/h1");
    expect(await paid.getUpload(contentHash("h1"))).toBeUndefined();
    await paid.putUpload(contentHash("h1"), "https://v3.fal.media/h1");
    expect(await paid.getUpload(contentHash("h1"))).toBe("https://v3.fal.media/h1");
    expect(await demo.getUpload(contentHash("h1"))).toBe("https://demo.invalid/h1");
    db.close();
  });

  it("on a full disk keeps the metadata and remote URL, says why, and does not throw", async () => {
    const db = freshDb();
    failWritesWithQuota(db, "blobs");
    const cache = createDexieResultCache(db, { namespace: "paid" });
    const url = `${media.url}/video.mp4`;
    const stored = await cache.put(sampleEntry("full", url));
    expect(stored.mediaHash).toBeNull();
    expect(stored.mediaError).toMatch(/^storage full: /);
    const back = await cache.get(cacheKey("full"));
    expect(back).toMatchObject({
      key: "full",
      requestId: "req-1",
      mediaHash: null,
      mediaError: expect.stringMatching(/^storage full/),
    });
    expect(back && mediaFileOf(back.result)?.url).toBe(url);
    expect(await cache.getMedia(cacheKey("full"))).toBeUndefined();
    db.close();
  });

  it("keeps the entry when the download fails, and retryMedia keeps the video later", async () => {
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "paid" });
    const stored = await cache.put(sampleEntry("gone", `${media.url}/missing.mp4`));
    expect(stored.mediaError).toMatch(/video not downloaded: HTTP 404/);
    expect(await cache.get(cacheKey("gone"))).toMatchObject({ mediaError: expect.stringMatching(/HTTP 404/) });

    const flaky = createDexieResultCache(db, {
      namespace: "paid",
      fetchMedia: async () => new Blob([new Uint8Array(TINY_MP4)], { type: "video/mp4" }),
    });
    const retried = await flaky.retryMedia(cacheKey("gone"));
    expect(retried?.mediaError).toBeNull();
    expect((await cache.getMedia(cacheKey("gone")))?.size).toBe(TINY_MP4.length);
    db.close();
  });

  it("reads data: URLs through the default fetch (demo clips and inline media)", async () => {
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "demo" });
    const dataUrl = `data:video/mp4;base64,${Buffer.from(TINY_MP4).toString("base64")}`;
    const stored = await cache.put(sampleEntry("inline", dataUrl, { simulated: true }));
    expect(stored.mediaError).toBeNull();
    expect((await cache.getMedia(cacheKey("inline")))?.size).toBe(TINY_MP4.length);
    db.close();
  });

  it("reads several results in one call, in the order asked, undefined for a miss and for another namespace's key", async () => {
    const db = freshDb();
    const paid = createDexieResultCache(db, { namespace: "paid" });
    const demo = createDexieResultCache(db, { namespace: "demo" });
    const a = await paid.put(sampleEntry("a", `${media.url}/video.mp4`));
    const b = await paid.put(sampleEntry("b", `${media.url}/missing.mp4`));
    await demo.put(sampleEntry("d", `${media.url}/video.mp4`, { simulated: true }));
    const got = await paid.getMany([cacheKey("b"), cacheKey("nope"), cacheKey("a"), cacheKey("d")]);
    expect(got).toEqual([b, undefined, a, undefined]);
    expect(await paid.getMany([])).toEqual([]);
    db.close();
  });

  it("reads a result's video by the hash it carries, and by its row when the entry at hand has no hash yet", async () => {
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "paid" });
    const stored = await cache.put(sampleEntry("m", `${media.url}/video.mp4`));
    expect((await cache.getMediaOf(stored))?.size).toBe(TINY_MP4.length);
    // An entry read before its download finished: the row now knows the hash.
    expect((await cache.getMediaOf({ ...stored, mediaHash: null }))?.size).toBe(TINY_MP4.length);
    const failed = await cache.put(sampleEntry("n", `${media.url}/missing.mp4`));
    expect(failed.mediaHash).toBeNull();
    expect(await cache.getMediaOf(failed)).toBeUndefined();
    db.close();
  });
});

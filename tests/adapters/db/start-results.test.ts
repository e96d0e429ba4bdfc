// @vitest-environment node
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { createDexieResultCache, createDexieTakeStore, openReelflowDb } from "../../../src/adapters/db";
import { readStartResults } from "../../../src/adapters/db/start-results";
import { cacheKey, nodeId, requestId, workflowId, type ContentHash } from "../../../src/domain/ids";
import type { Take } from "../../../src/domain/take";
import { kiteTake } from "../../fixtures/kite-take";
import { sampleEntry, TINY_MP4 } from "./helpers";

let n = 0;
const freshName = () => `reelflow-start-results-${process.pid}-${++n}`;
const exists = async (name: string) => (await indexedDB.databases()).some((d) => d.name === name);
const bytes = async (b: Blob | undefined) => (b ? [...new Uint8Array(await b.arrayBuffer())] : null);
const video = (marker: number) => new Blob([TINY_MP4, new Uint8Array([marker])], { type: "video/mp4" });
const png = (marker: number) => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, marker])], { type: "image/png" });
const noDownload = async (): Promise<Blob> => {
  throw new Error("offline");
};

function take(wf: string, node: string, key: string, createdAt: string): Take {
  const where = { workflowId: workflowId(wf), nodeId: nodeId(node), key: cacheKey(key) };
  return kiteTake({ ...where, requestId: requestId("req-1"), createdAt, sweep: null });
}

describe("start results (plain IndexedDB, before Dexie is loaded)", () => {
  it("reads the results, videos, takes and thumbnails the real Dexie stores wrote, as those stores read them", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const paid = createDexieResultCache(db, { namespace: "paid", fetchMedia: noDownload });
    const demo = createDexieResultCache(db, { namespace: "demo" });
    await paid.putWithMedia(sampleEntry("k-video", "https://fal.media/a.mp4"), video(1));
    // Kept without its video (the download failed): its row says so.
    await paid.put(sampleEntry("k-remote", "https://fal.media/b.mp4"));
    // The same key in the other mode is another world: never read for this one.
    await demo.putWithMedia(sampleEntry("k-demo-only", "https://fal.media/c.mp4", { simulated: true }), video(2));
    const takes = createDexieTakeStore(db, { namespace: "paid" });
    await takes.record(take("wf-a", "v2", "k-remote", "2026-11-25T10:00:02.000Z"));
    await takes.record(take("wf-a", "v1", "k-video", "2026-11-25T10:00:01.000Z"));
    await takes.record(take("wf-b", "v1", "k-video", "2026-11-25T10:00:00.000Z"));
    const thumb = await takes.setThumbnail(
      { workflowId: workflowId("wf-a"), nodeId: nodeId("v1"), key: cacheKey("k-video") },
      png(7),
    );
    await createDexieTakeStore(db, { namespace: "demo" }).record(
      take("wf-a", "v3", "k-demo-only", "2026-11-25T10:00:03.000Z"),
    );

    const keys = ["k-video", "k-remote", "k-demo-only", "k-never"].map(cacheKey);
    const read = await readStartResults("paid", keys, { workflowId: workflowId("wf-a"), name });
    if (!read) throw new Error("the database exists");
    // Each key: what the Dexie cache answers, or null for a miss (as the run controller records it).
    expect([...read.found.keys()]).toEqual(keys);
    expect(read.found.get(cacheKey("k-video"))).toEqual(await paid.get(cacheKey("k-video")));
    expect(read.found.get(cacheKey("k-remote"))).toEqual(await paid.get(cacheKey("k-remote")));
    expect(read.found.get(cacheKey("k-remote"))?.mediaError).toMatch(/offline/);
    expect(read.found.get(cacheKey("k-demo-only"))).toBeNull();
    expect(read.found.get(cacheKey("k-never"))).toBeNull();
    // The video and the thumbnail, byte for byte, by content hash.
    const videoHash = read.found.get(cacheKey("k-video"))?.mediaHash as ContentHash;
    expect([...read.media.keys()].sort()).toEqual([videoHash, thumb].sort());
    expect(await bytes(read.media.get(videoHash))).toEqual(await bytes(await paid.getMedia(cacheKey("k-video"))));
    expect(await bytes(read.media.get(thumb as ContentHash))).toEqual(await bytes(png(7)));
    // This workflow's takes in this mode, oldest first: what the take store lists.
    expect(read.takes).toEqual(await takes.listWorkflow(workflowId("wf-a")));
    expect(read.takes.map((t) => t.nodeId)).toEqual(["v1", "v2"]);
    db.close();
  });

  it("reads at most `mediaLimit` videos (the first results'), and no takes unless a workflow is named", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const cache = createDexieResultCache(db, { namespace: "demo" });
    const a = await cache.putWithMedia(sampleEntry("k-a", "https://x/a.mp4", { simulated: true }), video(3));
    await cache.putWithMedia(sampleEntry("k-b", "https://x/b.mp4", { simulated: true }), video(4));
    await createDexieTakeStore(db, { namespace: "demo" }).record(take("wf-a", "v1", "k-a", "2026-11-25T10:00:00.000Z"));
    db.close();
    const read = await readStartResults("demo", [cacheKey("k-a"), cacheKey("k-b")], { mediaLimit: 1, name });
    expect(read?.found.size).toBe(2);
    expect([...(read?.media.keys() ?? [])]).toEqual([a.mediaHash]);
    expect(read?.takes).toEqual([]);
  });

  it("answers null for a database that does not exist, and does not create it", async () => {
    const name = freshName();
    expect(await readStartResults("paid", [cacheKey("k")], { name })).toBeNull();
    expect(await exists(name)).toBe(false);
  });
});

describe("start results with image results (issue 19)", () => {
  it("hands every image of a reopened image node at start, so its images show in the first frame", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const images = ["one", "two"];
    const cache = createDexieResultCache(db, {
      namespace: "paid",
      fetchMedia: async (url) => png(images.indexOf(url.split("/").pop() ?? "") + 1),
    });
    const stored = await cache.put({
      ...sampleEntry("k-images", ""),
      result: { images: images.map((i) => ({ url: `https://fal.media/${i}` })), seed: 1 },
    });
    db.close();
    const read = await readStartResults("paid", [cacheKey("k-images")], { name });
    const hashes = stored.imageHashes ?? [];
    expect(hashes).toHaveLength(2);
    expect(await bytes(read?.media.get(hashes[1] as ContentHash))).toEqual(await bytes(png(2)));
    expect(await bytes(read?.media.get(hashes[0] as ContentHash))).toEqual(await bytes(png(1)));
  });
});

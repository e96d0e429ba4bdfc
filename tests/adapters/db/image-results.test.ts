import { describe, expect, it } from "vitest";
import { createDexieResultCache } from "../../../src/adapters/db";
import { cacheKey, endpointId, requestId } from "../../../src/domain/ids";
import { sha256Hex } from "../../../src/engine/hash";
import type { CachedResult } from "../../../src/engine/ports";
import { freshDb } from "./helpers";

// Issue 19: an image model's result (fal's images[], several for a batch) is kept like a video: every image's
// bytes in `blobs` by content hash, each found again after a reload, counted, cleaned up and retried.

const png = (text: string) => new Blob([new TextEncoder().encode(`\x89PNG ${text}`)], { type: "image/png" });

function imageEntry(key: string, urls: string[], extra: Partial<CachedResult> = {}): CachedResult {
  return {
    key: cacheKey(key),
    endpoint: endpointId("fal-ai/flux/dev"),
    result: { images: urls.map((url) => ({ url, content_type: "image/png", width: 512, height: 512 })), seed: 7 },
    requestId: requestId("req-img"),
    costUsd: 0.075,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

/** A fetch that serves `https://fal.example/<name>` as a PNG of that name, and refuses names in `broken`. */
function servedImages(broken: Set<string> = new Set()) {
  const asked: string[] = [];
  const fetchMedia = async (url: string) => {
    asked.push(url);
    const name = url.split("/").pop() ?? "";
    if (broken.has(name)) throw new Error("HTTP 404 from fal.example");
    return png(name);
  };
  return { asked, fetchMedia };
}

const text = async (blob: Blob | undefined) => (blob ? new TextDecoder().decode(await blob.arrayBuffer()) : null);

describe("image results in the Dexie result cache", () => {
  it("downloads every image of a batch and reads each back by its index after a reload", async () => {
    const db = freshDb();
    const served = servedImages();
    const cache = createDexieResultCache(db, { namespace: "paid", fetchMedia: served.fetchMedia });
    const urls = ["a.png", "b.png", "c.png"].map((n) => `https://fal.example/${n}`);
    const stored = await cache.put(imageEntry("batch", urls));
    expect(served.asked).toEqual(urls);
    const hashes = await Promise.all(["a.png", "b.png", "c.png"].map(async (n) => sha256Hex(png(n))));
    expect(stored.imageHashes).toEqual(hashes);
    // Image 0 is the result's media, as a video is: what shows when nothing else is asked.
    expect(stored.mediaHash).toBe(hashes[0]);
    expect(stored.mediaError).toBeNull();

    const again = createDexieResultCache(db, { namespace: "paid" });
    expect(await again.get(cacheKey("batch"))).toEqual(stored);
    expect(await text(await again.getImage(cacheKey("batch"), 1))).toMatch(/b\.png$/);
    expect(await text(await again.getMediaOf(stored, 2))).toMatch(/c\.png$/);
    expect(await text(await again.getMedia(cacheKey("batch")))).toMatch(/a\.png$/);
    expect(await again.getImage(cacheKey("batch"), 3)).toBeUndefined();
    expect((await again.getImage(cacheKey("batch"), 1))?.type).toBe("image/png");
    db.close();
  });

  it("keeps the images it could download and says which it could not; a retry fetches only those", async () => {
    const db = freshDb();
    const broken = new Set(["b.png"]);
    const served = servedImages(broken);
    const cache = createDexieResultCache(db, { namespace: "paid", fetchMedia: served.fetchMedia });
    const urls = ["a.png", "b.png"].map((n) => `https://fal.example/${n}`);
    const stored = await cache.put(imageEntry("half", urls));
    expect(stored.imageHashes?.[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.imageHashes?.[1]).toBeNull();
    expect(stored.mediaError).toMatch(/image 2 of 2 not downloaded: HTTP 404/);
    expect(await cache.getImage(cacheKey("half"), 1)).toBeUndefined();

    broken.clear();
    served.asked.length = 0;
    const retried = await cache.retryMedia(cacheKey("half"));
    expect(served.asked).toEqual(["https://fal.example/b.png"]);
    expect(retried?.imageHashes?.every((h) => h !== null)).toBe(true);
    expect(retried?.mediaError).toBeNull();
    expect(await text(await cache.getImage(cacheKey("half"), 1))).toMatch(/b\.png$/);
    db.close();
  });

  it("counts all of a result's images, and removes them only when no other result or file uses them", async () => {
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "paid", fetchMedia: servedImages().fetchMedia });
    await cache.put(imageEntry("one", ["https://fal.example/a.png", "https://fal.example/b.png"]));
    // Another result shares its second image (the same bytes): one copy is kept.
    await cache.put(imageEntry("two", ["https://fal.example/b.png"]));
    expect(await db.blobs.count()).toBe(2);
    const sizes = Object.fromEntries((await cache.list()).map((r) => [r.entry.key, r.mediaSize]));
    expect(sizes).toEqual({ one: png("a.png").size + png("b.png").size, two: png("b.png").size });

    await cache.remove(cacheKey("one"));
    expect(await db.blobs.count()).toBe(1);
    expect(await text(await cache.getImage(cacheKey("two"), 0))).toMatch(/b\.png$/);
    await cache.remove(cacheKey("two"));
    expect(await db.blobs.count()).toBe(0);
    db.close();
  });

  it("stores simulated images of Demo mode in the demo namespace only, from their blob: URLs", async () => {
    const db = freshDb();
    const served = servedImages();
    const demo = createDexieResultCache(db, { namespace: "demo", fetchMedia: served.fetchMedia });
    const paid = createDexieResultCache(db, { namespace: "paid", fetchMedia: served.fetchMedia });
    const stored = await demo.put(imageEntry("sim", ["blob:demo/1", "blob:demo/2"], { simulated: true, costUsd: 0 }));
    expect(stored).toMatchObject({ simulated: true, costUsd: 0 });
    expect(stored.imageHashes).toHaveLength(2);
    expect(await paid.get(cacheKey("sim"))).toBeUndefined();
    db.close();
  });
});

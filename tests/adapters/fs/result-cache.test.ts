import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFsResultCache } from "../../../src/adapters/fs/result-cache";
import { cacheKey, contentHash, endpointId, requestId } from "../../../src/domain/ids";
import type { CachedResult } from "../../../src/engine/ports";

// A real HTTP server on 127.0.0.1 serves the "video" so the download path is the one the CLI uses.
/** Each image URL serves bytes of its own, so a file saved under the wrong index would be seen. */
const imageBytes = (url: string) => Buffer.from(`png bytes of ${url}`);
const VIDEO = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256));
let server: Server;
let base = "";
let hits = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === "/v.mp4") {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": VIDEO.length });
      res.end(VIDEO);
    } else if (req.url?.startsWith("/img-")) {
      const body = imageBytes(req.url);
      res.writeHead(200, { "content-type": "image/png", "content-length": body.length });
      res.end(body);
    } else {
      res.writeHead(404).end("gone");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reelflow-cache-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (key: string, url: string, extra: Partial<CachedResult> = {}): CachedResult => ({
  key: cacheKey(key),
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  result: { video: { url, content_type: "video/mp4" }, videoId: "video_123", thumbnail: null, durationSec: 4 },
  requestId: requestId("req-1"),
  costUsd: 0.4,
  createdAt: "2026-11-25T10:00:00.000Z",
  ...extra,
});

const imageEntry = (key: string, urls: string[]): CachedResult => ({
  ...entry(key, ""),
  endpoint: endpointId("fal-ai/flux/dev"),
  result: { images: urls.map((url) => ({ url, content_type: "image/png" })), seed: 7 },
});

describe("file result cache: image results (issue 19)", () => {
  it("keeps every image of a batch beside its metadata, each with its own hash, in order", async () => {
    const urls = [`${base}/img-a.png`, `${base}/img-b.png`, `${base}/img-c.png`];
    const stored = await createFsResultCache(dir).put(imageEntry("batch1", urls));
    const hashes = urls.map((u) =>
      createHash("sha256")
        .update(imageBytes(new URL(u).pathname))
        .digest("hex"),
    );
    expect(stored.imageHashes).toEqual(hashes);
    expect(stored.mediaHash).toBe(hashes[0]);
    expect(stored.mediaError).toBeNull();

    const again = createFsResultCache(dir);
    expect(await again.get(cacheKey("batch1"))).toEqual(stored);
    expect((await readdir(join(dir, "results"))).sort()).toEqual([
      "batch1-0.png",
      "batch1-1.png",
      "batch1-2.png",
      "batch1.json",
    ]);
    expect(again.mediaPathOf(stored)).toBe(join(dir, "results", "batch1-0.png"));
    expect(again.mediaPathOf(stored, 2)).toBe(join(dir, "results", "batch1-2.png"));
    expect((await readFile(join(dir, "results", "batch1-1.png"))).equals(imageBytes("/img-b.png"))).toBe(true);
  });

  it("keeps the others when one image cannot be downloaded, and says which", async () => {
    const urls = [`${base}/img-a.png`, `${base}/gone.png`];
    const stored = await createFsResultCache(dir).put(imageEntry("batch2", urls));
    expect(stored.imageHashes?.[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.imageHashes?.[1]).toBeNull();
    expect(stored.mediaError).toMatch(/image 2 of 2 not downloaded: .*HTTP 404/);
    expect(createFsResultCache(dir).mediaPathOf(stored, 1)).toBeUndefined();
  });
});

describe("file result cache", () => {
  it("downloads the video beside its metadata and reads the entry back in a new instance", async () => {
    const stored = await createFsResultCache(dir).put(entry("abc123", `${base}/v.mp4`));
    const sha = createHash("sha256").update(VIDEO).digest("hex");
    expect(stored.mediaHash).toBe(sha);
    expect(stored.mediaError).toBeNull();

    const again = createFsResultCache(dir); // as a second process would
    expect(await again.get(cacheKey("abc123"))).toEqual(stored);
    const path = await again.mediaPath(cacheKey("abc123"));
    expect(path).toBe(join(dir, "results", "abc123.mp4"));
    expect(again.mediaPathOf(stored)).toBe(path);
    expect((await readFile(path!)).equals(VIDEO)).toBe(true);
    expect((await readdir(join(dir, "results"))).sort()).toEqual(["abc123.json", "abc123.mp4"]);
  });

  it("misses on a key never stored", async () => {
    expect(await createFsResultCache(dir).get(cacheKey("nope"))).toBeUndefined();
  });

  it("keeps the paid result's metadata and URL when the video cannot be downloaded", async () => {
    const cache = createFsResultCache(dir);
    const stored = await cache.put(entry("k404", `${base}/missing.mp4`));
    expect(stored.mediaHash).toBeNull();
    expect(stored.mediaError).toMatch(/HTTP 404/);
    expect((await cache.get(cacheKey("k404")))?.result).toMatchObject({ video: { url: `${base}/missing.mp4` } });
    expect(await cache.mediaPath(cacheKey("k404"))).toBeUndefined();
    expect(cache.mediaPathOf(stored)).toBeUndefined();
    expect(await readdir(join(dir, "results"))).toEqual(["k404.json"]); // no partial file left behind
  });

  it("keeps simulated results out of the paid namespace", async () => {
    const cache = createFsResultCache(dir);
    await cache.put(entry("sim1", `${base}/v.mp4`, { simulated: true }));
    expect(await cache.get(cacheKey("sim1"))).toBeUndefined();
    expect(await readdir(join(dir, "simulated"))).toContain("sim1.json");
  });

  it("never writes outside its folder, whatever the key looks like", async () => {
    const cache = createFsResultCache(join(dir, "c"));
    const key = cacheKey("../../escape/me");
    await cache.put(entry(key, `${base}/v.mp4`));
    expect((await cache.get(key))?.key).toBe(key);
    expect(await readdir(dir)).toEqual(["c"]);
  });

  it("remembers uploads by content hash across instances", async () => {
    const h = contentHash("f".repeat(64));
    await createFsResultCache(dir).putUpload(h, "https://fal.media/files/x.png");
    expect(await createFsResultCache(dir).getUpload(h)).toBe("https://fal.media/files/x.png");
    expect(await createFsResultCache(dir).getUpload(contentHash("0".repeat(64)))).toBeUndefined();
  });

  it("lists stored entries", async () => {
    const cache = createFsResultCache(dir);
    const before = hits;
    await cache.put(entry("a1", `${base}/v.mp4`));
    await cache.put(entry("b2", `${base}/v.mp4`));
    expect(hits - before).toBe(2);
    expect((await cache.list()).map((e) => e.key).sort()).toEqual(["a1", "b2"]);
  });
});

// Issue 19: each image of an image model's result is a take of its node. The take service files one per image
// (key imageTakeKey(resultKey, i), `image` i), makes each its own thumbnail from its own image, and reads a take's
// result back under the result's key.
import { describe, expect, it } from "vitest";
import { createDexieTakeStore } from "../../../src/adapters/db/takes";
import { cacheKey, endpointId, nodeId, requestId, workflowId, type CacheKey } from "../../../src/domain/ids";
import { imageTakeKey, type Take } from "../../../src/domain/take";
import type { CachedResult } from "../../../src/engine/ports";
import { createTakeService } from "../../../src/ui/takes/take-service";
import { freshDb } from "../../adapters/db/helpers";

const W = workflowId("wf-images");
const N = nodeId("still");
const KEY = cacheKey("a".repeat(64));

const take: Take = {
  workflowId: W,
  nodeId: N,
  key: KEY,
  variant: "",
  endpoint: endpointId("fal-ai/flux/dev"),
  params: { num_images: 3 },
  prompt: "a lighthouse at dawn",
  inputs: [],
  costUsd: 0.075,
  requestId: requestId("req-1"),
  createdAt: "2026-12-06T06:00:00.000Z",
};

const result: CachedResult = {
  key: KEY,
  endpoint: endpointId("fal-ai/flux/dev"),
  result: { images: ["a", "b", "c"].map((n) => ({ url: `https://fal.example/${n}.png` })), seed: 1 },
  requestId: requestId("req-1"),
  costUsd: 0.075,
  createdAt: "2026-12-06T06:00:00.000Z",
};

function setup() {
  const db = freshDb();
  const thumbs: { key: CacheKey; image: number | undefined }[] = [];
  const lookedUp: CacheKey[] = [];
  const takes = createTakeService({
    stores: {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    },
    namespace: () => "paid",
    resultOf: async (_ns, key) => {
      lookedUp.push(key);
      return key === KEY ? result : undefined;
    },
    makeThumbnail: async (r, image) => {
      thumbs.push({ key: r.key, image });
      return new Blob([`thumb ${image ?? "video"}`], { type: "image/jpeg" });
    },
  });
  return { takes, thumbs, lookedUp };
}

const settled = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
};

describe("takes of image results", () => {
  it("files one take per image, keyed by its image, each with a thumbnail of its own image", async () => {
    const { takes, thumbs } = setup();
    await takes.record(take, result);
    const listed = await takes.list(W, N);
    expect(listed.map((t) => [t.key, t.image])).toEqual([
      [KEY, 0],
      [imageTakeKey(KEY, 1), 1],
      [imageTakeKey(KEY, 2), 2],
    ]);
    // Everything else is the request's, shared by the batch; its cost is split so takes never add up to more.
    expect(new Set(listed.map((t) => `${t.prompt} ${t.endpoint} ${t.requestId}`)).size).toBe(1);
    for (const t of listed) expect(t.costUsd).toBeCloseTo(0.025, 10);
    await settled(async () => (await takes.list(W, N)).every((t) => t.thumbnailHash !== null));
    expect(thumbs.map((t) => t.image).sort()).toEqual([0, 1, 2]);
    expect(new Set(thumbs.map((t) => t.key))).toEqual(new Set([KEY]));
    // Filed again (a cached run), nothing is added.
    await takes.record(take, result);
    expect(await takes.list(W, N)).toHaveLength(3);
  });

  it("reads the result of any image's take under the result's own key", async () => {
    const { takes, lookedUp } = setup();
    expect(await takes.result({ key: imageTakeKey(KEY, 2) })).toBe(result);
    expect(lookedUp).toEqual([KEY]);
  });

  it("files a video result as one take, as before", async () => {
    const { takes, thumbs } = setup();
    const video: CachedResult = {
      ...result,
      result: { video: { url: "https://fal.example/v.mp4" }, videoId: null, thumbnail: null, durationSec: 4 },
    };
    await takes.record({ ...take, params: {} }, video);
    const listed = await takes.list(W, N);
    expect(listed.map((t) => [t.key, t.image])).toEqual([[KEY, undefined]]);
    await settled(async () => thumbs.length > 0);
    expect(thumbs).toEqual([{ key: KEY, image: undefined }]);
  });
});

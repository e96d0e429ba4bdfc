import "fake-indexeddb/auto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { exportBundleWithReport, importBundle } from "../../../src/adapters/bundle";
import { createDexieResultCache } from "../../../src/adapters/db";
import { endpointId, requestId, type CacheKey } from "../../../src/domain/ids";
import { parseWorkflow } from "../../../src/domain/parse";
import type { Workflow } from "../../../src/domain/workflow";
import { planWorkflow } from "../../../src/engine/plan";
import { freshDb } from "../db/helpers";

// Issue 19: an image node's result travels in a bundle like a video: every image of its batch as a file of the
// .zip (checked against its hash on the way in), restored with its images kept locally, image by image.

function keyFrameWorkflow(): Workflow {
  const parsed = parseWorkflow({
    format: "reelflow/workflow",
    version: 1,
    name: "Key frame",
    nodes: [
      {
        id: "still",
        type: "text-to-image",
        position: { x: 0, y: 0 },
        data: { endpoint: "fal-ai/flux/dev", params: { prompt: "a lighthouse at dawn", num_images: 2 } },
      },
    ],
    edges: [],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.workflow;
}

async function keyOf(w: Workflow): Promise<CacheKey> {
  const planned = await planWorkflow(w);
  if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("\n"));
  const n = planned.plan.nodes.get(w.nodes[0]!.id);
  if (n?.role !== "generation") throw new Error("not planned");
  return n.key;
}

const png = (name: string) => new Blob([strToU8(`\x89PNG ${name}`)], { type: "image/png" });
const text = async (b: Blob | undefined) => (b ? strFromU8(new Uint8Array(await b.arrayBuffer())) : null);

async function senderWithImages(namespace: "paid" | "demo" = "paid") {
  const w = keyFrameWorkflow();
  const key = await keyOf(w);
  const db = freshDb();
  const cache = createDexieResultCache(db, {
    namespace,
    fetchMedia: async (url) => png(url.split("/").pop() ?? ""),
  });
  await cache.put({
    key,
    endpoint: endpointId("fal-ai/flux/dev"),
    result: {
      images: ["one.png", "two.png"].map((n) => ({ url: `https://fal.example/${n}`, content_type: "image/png" })),
      seed: 11,
    },
    requestId: requestId("req-img"),
    costUsd: namespace === "demo" ? 0 : 0.05,
    createdAt: "2026-12-06T06:00:00.000Z",
    ...(namespace === "demo" ? { simulated: true } : {}),
  });
  return { w, key, db };
}

describe("bundles with image results", () => {
  it("carries every image of a batch and restores each, kept locally, under the node's key", async () => {
    const { w, key, db } = await senderWithImages();
    const out = await exportBundleWithReport(db, w);
    expect(out.warnings).toEqual([]);
    const entry = out.manifest.entries[0];
    expect(entry?.images?.map((i) => i?.file)).toEqual([
      expect.stringMatching(/^media\/[0-9a-f]{64}\.png$/),
      expect.stringMatching(/^media\/[0-9a-f]{64}\.png$/),
    ]);
    const zipped = unzipSync(new Uint8Array(await out.blob.arrayBuffer()));
    for (const image of entry?.images ?? []) expect(zipped[image?.file ?? ""]).toBeDefined();

    const receiver = freshDb();
    const imported = await importBundle(receiver, out.blob);
    expect(imported.errors).toEqual([]);
    expect(imported.restored).toBe(1);
    const cache = createDexieResultCache(receiver, { namespace: "paid" });
    const got = await cache.get(key);
    expect(got?.imageHashes).toEqual((await createDexieResultCache(db, { namespace: "paid" }).get(key))?.imageHashes);
    expect(got?.mediaError).toBeNull();
    expect(await text(await cache.getImage(key, 0))).toMatch(/one\.png$/);
    expect(await text(await cache.getImage(key, 1))).toMatch(/two\.png$/);

    // The same bundle again: already here, nothing written twice.
    const again = await importBundle(receiver, out.blob);
    expect(again).toMatchObject({ restored: 0, alreadyPresent: 1 });
  });

  it("keeps Demo mode's simulated images in the demo namespace", async () => {
    const { w, key, db } = await senderWithImages("demo");
    const out = await exportBundleWithReport(db, w);
    const receiver = freshDb();
    await importBundle(receiver, out.blob);
    expect(await createDexieResultCache(receiver, { namespace: "paid" }).get(key)).toBeUndefined();
    const demo = createDexieResultCache(receiver, { namespace: "demo" });
    expect(await demo.get(key)).toMatchObject({ simulated: true, costUsd: 0 });
    expect(await text(await demo.getImage(key, 1))).toMatch(/two\.png$/);
  });

  it("refuses a damaged image, keeps the others, and says which one", async () => {
    const { w, key, db } = await senderWithImages();
    const out = await exportBundleWithReport(db, w);
    const files = unzipSync(new Uint8Array(await out.blob.arrayBuffer()));
    const second = out.manifest.entries[0]?.images?.[1]?.file ?? "";
    files[second] = strToU8("not the image that was hashed");
    const receiver = freshDb();
    const imported = await importBundle(receiver, new Blob([zipSync(files)]));
    expect(imported.errors).toEqual([expect.stringMatching(/image 2: .*damaged/)]);
    const cache = createDexieResultCache(receiver, { namespace: "paid" });
    const got = await cache.get(key);
    expect(got?.imageHashes?.[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(got?.imageHashes?.[1]).toBeNull();
    expect(got?.mediaError).toMatch(/image 2 of 2 not included/);
    expect(await text(await cache.getImage(key, 0))).toMatch(/one\.png$/);
  });
});

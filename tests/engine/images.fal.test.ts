import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFalPlatformClient } from "../../src/adapters/catalogue/platform";
import { createModelCatalogue } from "../../src/adapters/catalogue/service";
import { createMemoryCatalogueStore } from "../../src/adapters/catalogue/store";
import { endpointId, nodeId, workflowId } from "../../src/domain/ids";
import { imageTakeKey } from "../../src/domain/take";
import type { Params, Workflow, WorkflowNode } from "../../src/domain/workflow";
import { execute } from "../../src/engine/executor";
import { resolveModels } from "../../src/engine/resolve-models";
import { takesFromResult } from "../../src/engine/takes";
import { resetCatalogueForTests } from "../../src/nodes/catalogue/known";
import { isImageResult } from "../../src/nodes/results";
import { snapshotOf } from "../adapters/catalogue/fixtures";
import { useFalOnDisk } from "./helpers/fal-on-disk";
import { Recorder } from "./helpers/memory-ports";
import { gen, i2v, image, keyOf, planOk, PNG_1X1, prompt, workflow } from "./helpers/workflow";

/**
 * Image nodes through the real @fal-ai/client against the fake fal (issue 19), with the CLI's on-disk cache:
 * a prompt → image → image-to-video chain is one job per node and re-runs only what changed; choosing another
 * image of a batch re-runs only what is downstream; a first/last-frame model gets both frames, uploaded when local.
 */

const disk = useFalOnDisk("reelflow-images-", { queueMs: 0, runMs: 40, streamIntervalMs: 20 });
beforeEach(resetCatalogueForTests);
afterEach(resetCatalogueForTests);

const FLUX = "fal-ai/flux/dev";
const SEEDANCE_I2V = "bytedance/seedance-2.0/image-to-video";
const FIRST_LAST = "fal-ai/veo3.1/fast/first-last-frame-to-video";

const t2i = (id: string, params: Params = {}, take?: { index: number; of: string }): WorkflowNode => ({
  id: nodeId(id),
  type: "text-to-image",
  position: { x: 0, y: 0 },
  data: {
    endpoint: endpointId(FLUX),
    params,
    ...(take ? { take: { key: imageTakeKey(take.of as never, take.index), image: take.index } } : {}),
  },
});

/** Prompt p1 → Text-to-Image k1 (FLUX.1 [dev]) → Image-to-Video v1 (Seedance 2.0), its own prompt typed in. */
const chain = (text: string, k1: WorkflowNode, duration = "5"): Workflow =>
  workflow(
    [prompt("p1", text), k1, i2v("v1", { prompt: "the camera slowly pushes in", duration }, SEEDANCE_I2V)],
    ["p1.text>k1.prompt", "k1.image>v1.image"],
  );

const bodiesOf = (endpoint: string) =>
  disk
    .submits()
    .filter((r) => r.endpoint === endpoint)
    .map((r) => r.body as Record<string, unknown>);

async function run(w: Workflow): Promise<Recorder> {
  const rec = new Recorder();
  const summary = await execute(await planOk(w), disk.ports, { onEvent: rec.onEvent });
  expect(summary.ok).toBe(true);
  return rec;
}

describe("prompt → image → image-to-video", () => {
  it("sends one job per node, the made image to the video model, and then only what changed", async () => {
    const first = await run(chain("A lighthouse at dusk", t2i("k1")));
    expect(first.finals()).toEqual({ k1: "succeeded", v1: "succeeded" });
    expect(bodiesOf(FLUX)).toEqual([expect.objectContaining({ prompt: "A lighthouse at dusk" })]);
    const stored = await disk.cache.get(keyOf(await planOk(chain("A lighthouse at dusk", t2i("k1"))), "k1"));
    expect(stored && isImageResult(stored.result)).toBe(true);
    const made = stored && isImageResult(stored.result) ? stored.result.images[0]?.url : undefined;
    expect(bodiesOf(SEEDANCE_I2V)).toEqual([expect.objectContaining({ image_url: made })]);

    // Nothing changed: nothing is sent.
    const again = await run(chain("A lighthouse at dusk", t2i("k1")));
    expect(again.finals()).toEqual({ k1: "cached", v1: "cached" });
    expect(disk.submits()).toHaveLength(2);

    // The video's length changed: only the video runs again, from the same image.
    const longer = await run(chain("A lighthouse at dusk", t2i("k1"), "8"));
    expect(longer.finals()).toEqual({ k1: "cached", v1: "succeeded" });
    expect(bodiesOf(FLUX)).toHaveLength(1);
    expect(bodiesOf(SEEDANCE_I2V)[1]).toMatchObject({ image_url: made, duration: "8" });

    // The prompt changed: the image is made again, and so is the video made from it.
    const other = await run(chain("A lighthouse in a storm", t2i("k1"), "8"));
    expect(other.finals()).toEqual({ k1: "succeeded", v1: "succeeded" });
    expect(disk.submits()).toHaveLength(5);
  });
});

describe("a batch of images", () => {
  it("is one job; choosing another image re-runs only what is downstream, and choosing back is free", async () => {
    const batch = (take?: { index: number; of: string }) => chain("A red kite", t2i("k1", { num_images: 3 }, take));
    await run(batch());
    expect(bodiesOf(FLUX)).toEqual([expect.objectContaining({ num_images: 3 })]);
    const plan = await planOk(batch());
    const resultKey = keyOf(plan, "k1");
    const stored = await disk.cache.get(resultKey);
    const urls = stored && isImageResult(stored.result) ? stored.result.images.map((i) => i.url) : [];
    expect(urls).toHaveLength(3);
    expect(new Set(urls).size).toBe(3);
    // The CLI's cache kept each image of the batch on disk.
    expect([0, 1, 2].map((i) => stored && disk.cache.mediaPathOf(stored, i))).toEqual([
      expect.stringMatching(/-0\.jpg$/),
      expect.stringMatching(/-1\.jpg$/),
      expect.stringMatching(/-2\.jpg$/),
    ]);
    expect(bodiesOf(SEEDANCE_I2V)).toEqual([expect.objectContaining({ image_url: urls[0] })]);

    // Each image is a take of k1, keyed by its place in the batch; the job's cost is shared, never counted thrice.
    const takes = takesFromResult({
      workflowId: workflowId("w1"),
      plan,
      runNodeId: nodeId("k1"),
      result: stored ?? { requestId: null, result: { images: [], seed: null } },
      paid: true,
      now: new Date("2026-12-06T07:00:00Z"),
    });
    expect(takes.map((t) => [t.key, t.image])).toEqual([
      [resultKey, 0],
      [imageTakeKey(resultKey, 1), 1],
      [imageTakeKey(resultKey, 2), 2],
    ]);
    expect(takes.reduce((sum, t) => sum + (t.costUsd ?? 0), 0)).toBeCloseTo(gen(plan, "k1").price.usd ?? NaN, 6);

    // Choose image 3: k1 is served from the cache, v1 runs again with that image.
    const chosen = await planOk(batch({ index: 2, of: resultKey }));
    expect(gen(chosen, "k1")).toMatchObject({ key: resultKey, image: 2, outputKey: imageTakeKey(resultKey, 2) });
    const rec = new Recorder();
    await execute(chosen, disk.ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ k1: "cached", v1: "succeeded" });
    expect(bodiesOf(FLUX)).toHaveLength(1);
    expect(bodiesOf(SEEDANCE_I2V)[1]).toMatchObject({ image_url: urls[2] });

    // Back to image 1: both were made before, nothing is sent.
    const back = await run(batch({ index: 0, of: resultKey }));
    expect(back.finals()).toEqual({ k1: "cached", v1: "cached" });
    expect(disk.submits()).toHaveLength(3);
  });

  it("a choice beyond the batch fails the image node with a reason and sends nothing downstream", async () => {
    await run(chain("A red kite", t2i("k1", { num_images: 2 })));
    const resultKey = keyOf(await planOk(chain("A red kite", t2i("k1", { num_images: 2 }))), "k1");
    const rec = new Recorder();
    const plan = await planOk(chain("A red kite", t2i("k1", { num_images: 2 }, { index: 4, of: resultKey })));
    await execute(plan, disk.ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ k1: "failed", v1: "skipped" });
    expect(rec.of("failed", "k1")[0]).toMatchObject({
      error: { message: expect.stringMatching(/number 5.*2 images/) },
    });
    expect(disk.submits()).toHaveLength(2);
  });
});

describe("first and last frame", () => {
  it("a first/last-frame model gets both frames, each uploaded once when it is local", async () => {
    const catalogue = createModelCatalogue({
      platform: createFalPlatformClient({ proxyUrl: disk.fake.url }),
      store: createMemoryCatalogueStore(),
      snapshot: async () => snapshotOf([], []),
    });
    const lastFrame = `data:image/png;base64,${readFileSync(new URL("../fixtures/media/tiny.png", import.meta.url)).toString("base64")}`;
    const w = workflow(
      [
        prompt("p1", "the door swings open"),
        image("a", PNG_1X1),
        image("b", lastFrame),
        i2v("f1", { duration: "8s" }, FIRST_LAST),
      ],
      ["p1.text>f1.prompt", "a.image>f1.image", "b.image>f1.end_image"],
    );
    await resolveModels(w, catalogue);
    const plan = await planOk(w);
    expect(gen(plan, "f1").upstream).toEqual({ prompt: ["p1"], image: ["a"], end_image: ["b"] });
    await run(w);
    const uploads = disk.fake.requestsOf("upload").filter((r) => r.status === 200);
    expect(uploads).toHaveLength(2);
    const [body] = bodiesOf(FIRST_LAST);
    expect(body?.first_frame_url).toMatch(/^http/);
    expect(body?.last_frame_url).toMatch(/^http/);
    expect(body?.first_frame_url).not.toBe(body?.last_frame_url);

    // The end frame is part of the key: another last frame makes another request.
    const swapped = workflow(w.nodes, ["p1.text>f1.prompt", "b.image>f1.image", "a.image>f1.end_image"]);
    expect(keyOf(await planOk(swapped), "f1")).not.toBe(keyOf(plan, "f1"));
    await run(swapped);
    expect(bodiesOf(FIRST_LAST)[1]).toMatchObject({
      first_frame_url: body?.last_frame_url,
      last_frame_url: body?.first_frame_url,
    });
    expect(disk.fake.requestsOf("upload").filter((r) => r.status === 200)).toHaveLength(2);
  });
});

import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDexieAssetStore,
  createDexieJobLedger,
  createDexieResultCache,
  type ReelflowDb,
} from "../../../src/adapters/db";
import { exportBundle, exportBundleWithReport, importBundle, bundleFileName } from "../../../src/adapters/bundle";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { parseWorkflow } from "../../../src/domain/parse";
import type { Workflow } from "../../../src/domain/workflow";
import type { RunEvent } from "../../../src/engine/events";
import { execute } from "../../../src/engine/executor";
import { planWorkflow, type Plan } from "../../../src/engine/plan";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { TINY_MP4, freshDb } from "../db/helpers";

const TINY_PNG = readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "media", "tiny.png"));

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 0, runMs: 20, queuePositionStart: 0 } });
});
afterAll(async () => {
  await fal.close();
});

/** A graph with every way a result can depend on something: a prompt, a generated video, a local image. */
function workflowWith(imageHash: string): Workflow {
  const parsed = parseWorkflow({
    format: "reelflow/workflow",
    version: 1,
    name: "Bundle / round trip",
    nodes: [
      { id: "p", type: "prompt", position: { x: 0, y: 0 }, data: { text: "a lighthouse in a storm" } },
      { id: "img", type: "image", position: { x: 0, y: 200 }, data: { asset: imageHash } },
      {
        id: "t2v",
        type: "text-to-video",
        position: { x: 300, y: 0 },
        data: { endpoint: "fal-ai/veo3.1/fast", params: { duration: "4s" } },
      },
      {
        id: "edit",
        type: "remix",
        position: { x: 600, y: 0 },
        data: { endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit", params: { prompt: "make it snow" } },
      },
      {
        id: "i2v",
        type: "image-to-video",
        position: { x: 300, y: 200 },
        data: { endpoint: "fal-ai/kling-video/o3/standard/image-to-video", params: { duration: 3 } },
      },
    ],
    edges: [
      { id: "e1", source: "p", sourceHandle: "text", target: "t2v", targetHandle: "prompt" },
      { id: "e2", source: "t2v", sourceHandle: "video", target: "edit", targetHandle: "video" },
      { id: "e3", source: "p", sourceHandle: "text", target: "i2v", targetHandle: "prompt" },
      { id: "e4", source: "img", sourceHandle: "image", target: "i2v", targetHandle: "image" },
    ],
    sharedBy: "an unknown field that must survive the trip",
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.workflow;
}

async function plan(w: Workflow): Promise<Plan> {
  const r = await planWorkflow(w);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.plan;
}

const generationKeys = (p: Plan) =>
  [...p.nodes.values()].filter((n) => n.role === "generation").map((n) => ({ id: n.id, key: n.key }));

async function run(db: ReelflowDb, p: Plan): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const client = createFalInferenceClient({ proxyUrl: fal.url, pollIntervalMs: 20 });
  const summary = await execute(
    p,
    {
      client,
      cache: createDexieResultCache(db, { namespace: "paid" }),
      ledger: createDexieJobLedger(db),
      assets: createDexieAssetStore(db),
    },
    { onEvent: (e) => events.push(e) },
  );
  if (!summary.ok) throw new Error(`run failed: ${JSON.stringify(events.filter((e) => e.type === "failed"))}`);
  return events;
}

const bytesOf = async (b: Blob | undefined) => (b ? new Uint8Array(await b.arrayBuffer()) : undefined);

describe("bundle export → import into a fresh database", () => {
  it("restores every result, video and local file byte for byte, and a run on the receiver sends nothing to fal", async () => {
    const sender = freshDb();
    const imageHash = await createDexieAssetStore(sender).add(
      new Blob([new Uint8Array(TINY_PNG)], { type: "image/png" }),
      "lighthouse.png",
    );
    const workflow = workflowWith(imageHash);
    const planned = await plan(workflow);
    const first = await run(sender, planned);
    expect(first.filter((e) => e.type === "succeeded")).toHaveLength(3);

    const { blob, manifest, warnings } = await exportBundleWithReport(sender, workflow);
    expect(warnings).toEqual([]);
    expect(blob.type).toBe("application/zip");
    expect(manifest.entries.map((e) => e.cacheKey).sort()).toEqual(
      generationKeys(planned)
        .map((g) => g.key)
        .sort(),
    );
    expect(manifest.assets.map((a) => [a.hash, a.name, a.nodeIds])).toEqual([[imageHash, "lighthouse.png", ["img"]]]);
    expect(manifest.uploads.map((u) => u.hash)).toEqual([imageHash]);
    // The zip a person opens by hand: the workflow file, the manifest, and the media by content hash.
    const names = Object.keys(unzipSync(new Uint8Array(await blob.arrayBuffer()))).sort();
    expect(names).toContain("workflow.reelflow.json");
    expect(names).toContain("manifest.json");
    expect(names).toContain(`media/${imageHash}.png`);

    const receiver = freshDb();
    const requestsBefore = fal.requests.length;
    const imported = await importBundle(receiver, blob);
    expect(imported.errors).toEqual([]);
    expect(imported.restored).toBe(3);
    expect(imported.assets).toBe(1);
    expect(imported.workflow).toEqual(workflow);
    expect(imported.workflow.sharedBy).toBe("an unknown field that must survive the trip");

    const sent = createDexieResultCache(sender, { namespace: "paid" });
    const got = createDexieResultCache(receiver, { namespace: "paid" });
    for (const { id, key } of generationKeys(await plan(imported.workflow))) {
      const before = await sent.get(key);
      const after = await got.get(key);
      expect({ id, hit: after !== undefined }).toEqual({ id, hit: true });
      expect(after).toEqual(before);
      const media = await got.getMedia(key);
      expect(media?.type).toBe("video/mp4");
      expect(await bytesOf(media)).toEqual(await bytesOf(await sent.getMedia(key)));
      expect(await bytesOf(media)).toEqual(new Uint8Array(TINY_MP4));
    }
    expect(await createDexieResultCache(receiver, { namespace: "demo" }).list()).toEqual([]);
    expect(await bytesOf(await createDexieAssetStore(receiver).get(imageHash as never))).toEqual(
      new Uint8Array(TINY_PNG),
    );
    expect((await createDexieAssetStore(receiver).info(imageHash as never))?.name).toBe("lighthouse.png");
    expect(fal.requests.length).toBe(requestsBefore); // importing sends nothing

    // Running the imported graph: every generation is a cache hit, and not even the image is uploaded again.
    const second = await run(receiver, await plan(imported.workflow));
    expect(
      second
        .filter((e) => e.type === "cached")
        .map((e) => (e as { nodeId: string }).nodeId)
        .sort(),
    ).toEqual(["edit", "i2v", "t2v"]);
    expect(second.some((e) => e.type === "submitting")).toBe(false);
    expect(fal.requests.length).toBe(requestsBefore);
    sender.close();
    receiver.close();
  });

  it("importing the same bundle twice changes nothing the second time", async () => {
    const sender = freshDb();
    const imageHash = await createDexieAssetStore(sender).add(
      new Blob([new Uint8Array(TINY_PNG)], { type: "image/png" }),
      "x.png",
    );
    const workflow = workflowWith(imageHash);
    await run(sender, await plan(workflow));
    const blob = await exportBundle(sender, workflow);
    const receiver = freshDb();
    expect((await importBundle(receiver, blob)).restored).toBe(3);
    const again = await importBundle(receiver, blob);
    expect({ restored: again.restored, alreadyPresent: again.alreadyPresent, errors: again.errors }).toEqual({
      restored: 0,
      alreadyPresent: 3,
      errors: [],
    });
    expect(await receiver.results.count()).toBe(3);
    expect(await receiver.blobs.count()).toBe(2); // one video shared by three results + the image
    sender.close();
    receiver.close();
  });

  it("names the file after the workflow, safely", () => {
    expect(bundleFileName({ name: "Night / city: take 2?" })).toBe("Night city take 2.reelflow.zip");
    expect(bundleFileName({ name: "  " })).toBe("workflow.reelflow.zip");
  });
});

// @vitest-environment jsdom
// Issue 19: a node whose model made several images shows them all and lets one be chosen; the chosen one is the
// node's take that flows downstream (the plan's outputKey), so only what is downstream runs again.
import "fake-indexeddb/auto";
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openReelflowDb } from "../../../src/adapters/db/database";
import { createDexieTakeStore } from "../../../src/adapters/db/takes";
import { contentHash, edgeId, endpointId, nodeId, requestId, workflowId, type CacheKey } from "../../../src/domain/ids";
import { imageTakeKey } from "../../../src/domain/take";
import type { GenerationData, Workflow } from "../../../src/domain/workflow";
import { planWorkflow } from "../../../src/engine/plan";
import { takeFromResult } from "../../../src/engine/takes";
import type { CachedResult } from "../../../src/engine/ports";
import { ResultView } from "../../../src/ui/node/ResultView";
import { TakeStrip } from "../../../src/ui/takes/strip/TakeStrip";
import { createTakeService } from "../../../src/ui/takes/take-service";
import { buildServices, memoryCache, Wrap } from "../harness";
import { FakeObserver, installFakeObserver } from "./fake-observer";

const W = workflowId("wf-images");
const STILL = nodeId("still");
const MOVE = nodeId("move");

const doc: Workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "key frame",
  nodes: [
    {
      id: STILL,
      type: "text-to-image",
      position: { x: 0, y: 0 },
      data: { endpoint: endpointId("fal-ai/flux/dev"), params: { prompt: "a lighthouse", num_images: 3 } },
    },
    {
      id: MOVE,
      type: "image-to-video",
      position: { x: 0, y: 0 },
      data: { endpoint: endpointId("fal-ai/veo3.1/fast/image-to-video"), params: { prompt: "waves roll in" } },
    },
  ],
  edges: [{ id: edgeId("e"), source: STILL, sourceHandle: "image", target: MOVE, targetHandle: "image" }],
};

let dbN = 0;
async function setup() {
  const planned = await planWorkflow(doc);
  if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
  const still = planned.plan.nodes.get(STILL);
  if (still?.role !== "generation") throw new Error("no plan of the image node");
  const result: CachedResult = {
    key: still.key,
    endpoint: endpointId("fal-ai/flux/dev"),
    result: {
      images: ["a", "b", "c"].map((n) => ({ url: `https://fal.example/${n}.png`, width: 64, height: 64 })),
      seed: 1,
    },
    requestId: requestId("req-1"),
    costUsd: 0.075,
    createdAt: "2026-12-06T06:00:00.000Z",
    mediaHash: contentHash("h0"),
    imageHashes: ["h0", "h1", "h2"].map(contentHash),
  };
  const cache = memoryCache([result]);
  const services = buildServices({ doc, cache });
  services.editor.getState().replaceDocument(doc, { workflowId: W });
  const db = openReelflowDb(`image-results-${process.pid}-${++dbN}`, { indexedDB, IDBKeyRange });
  services.takes = createTakeService({
    stores: {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    },
    namespace: () => "paid",
    resultOf: async (_ns, key) => cache.get(key),
    makeThumbnail: async () => null,
  });
  const take = takeFromResult({
    workflowId: W,
    plan: planned.plan,
    runNodeId: STILL,
    result,
    paid: true,
    now: new Date(result.createdAt),
  });
  await services.takes.record(take, result);
  const reads: (number | undefined)[] = [];
  services.media.blobOf = async (_r, image) => {
    reads.push(image);
    return new Blob([`image ${image}`], { type: "image/png" });
  };
  await services.runner.refresh(services.editor.getState().doc);
  render(
    <Wrap services={services}>
      <ResultView result={result} nodeId={STILL} stale={false} />
      <TakeStrip nodeId={STILL} />
    </Wrap>,
  );
  // The images' view comes on demand; then the node comes on screen.
  await screen.findAllByRole("button", { name: /^Image \d of 3/ });
  await act(async () => FakeObserver.all.forEach((o) => o.show()));
  const keyOf = (id: string): CacheKey | undefined => {
    const n = services.runs.getState().plan?.nodes.get(nodeId(id));
    return n?.role === "generation" ? n.outputKey : undefined;
  };
  return { services, result, reads, keyOf };
}

describe("the images of an image node", () => {
  beforeEach(() => {
    installFakeObserver();
    let n = 0;
    (URL as { createObjectURL?: unknown }).createObjectURL = () => `blob:test/${++n}`;
    (URL as { revokeObjectURL?: unknown }).revokeObjectURL = () => undefined;
  });
  afterEach(() => {
    cleanup();
    delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  });

  it("shows every image of the batch from its local copy, the first one flowing downstream", async () => {
    const { reads } = await setup();
    const tiles = await screen.findAllByRole("button", { name: /^Image \d of 3/ });
    expect(tiles).toHaveLength(3);
    expect(tiles.map((t) => t.getAttribute("aria-pressed"))).toEqual(["true", "false", "false"]);
    await waitFor(() => expect([...reads].sort()).toEqual([0, 1, 2]));
    await waitFor(() => expect(screen.getAllByTestId("result-image")).toHaveLength(3));
    expect(screen.getAllByTestId("result-image").every((i) => i.getAttribute("src")?.startsWith("blob:test/"))).toBe(
      true,
    );
    // The chosen image's local copy is offered for download.
    expect(screen.getByRole("link", { name: "Download image" }).getAttribute("href")).toMatch(/^blob:test\//);
  });

  it("chooses another image as the node's take: the image node keeps its result, the next node's key changes", async () => {
    const { services, result, keyOf } = await setup();
    const before = keyOf("move");
    fireEvent.click(await screen.findByRole("button", { name: /^Image 2 of 3/ }));
    await waitFor(() =>
      expect((services.editor.getState().doc.nodes[0]?.data as GenerationData).take?.key).toBe(
        imageTakeKey(result.key, 1),
      ),
    );
    await services.runner.refresh(services.editor.getState().doc);
    expect(keyOf("still")).toBe(imageTakeKey(result.key, 1));
    const n = services.runs.getState().plan?.nodes.get(STILL);
    expect(n?.role === "generation" && n.key).toBe(result.key);
    expect(keyOf("move")).not.toBe(before);
    await waitFor(() =>
      expect(
        screen.getAllByRole("button", { name: /^Image \d of 3/ }).map((t) => t.getAttribute("aria-pressed")),
      ).toEqual(["false", "true", "false"]),
    );
    // The take strip marks the same take: image 2's.
    await waitFor(() => expect(screen.getByTestId("take-still-1").getAttribute("data-chosen")).toBe("true"));
    expect(screen.getByTestId("take-still-0").getAttribute("data-chosen")).toBe("false");
    expect(screen.getByTestId("take-still-1").getAttribute("aria-label")).toMatch(/^Take 2 \(image 2\)/);
    // One step to undo, as choosing a take in the strip is.
    await act(async () => {
      services.editor.getState().undo();
    });
    expect((services.editor.getState().doc.nodes[0]?.data as GenerationData).take).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { CacheKey } from "../../src/domain/ids";
import { nodeId } from "../../src/domain/ids";
import type { GenerationData, Workflow, WorkflowNode } from "../../src/domain/workflow";
import { billFor } from "../../src/engine/bill";
import { execute } from "../../src/engine/executor";
import { planWorkflow } from "../../src/engine/plan";
import { useFalOnDisk } from "./helpers/fal-on-disk";
import { Recorder } from "./helpers/memory-ports";
import { videoOf } from "../fixtures/video-result";
import { gen, keyOf, planOk, prompt, remix, t2v, workflow } from "./helpers/workflow";

// Pin and new take through the real @fal-ai/client against the fake fal, with the on-disk cache.

const disk = useFalOnDisk("reelflow-takes-", { queueMs: 50, runMs: 100, streamIntervalMs: 25 });

function withTake(n: WorkflowNode, take: GenerationData["take"], pinned?: boolean): WorkflowNode {
  if (n.type === "prompt" || n.type === "image" || n.type === "video")
    throw new Error("fixture: not a generation node");
  return { ...n, data: { ...n.data, ...(take ? { take } : {}), ...(pinned !== undefined ? { pinned } : {}) } };
}

/** Prompt p1 → t2v v1 → remix r1. */
const chain = (text: string, v1 = (n: WorkflowNode) => n): Workflow =>
  workflow(
    [prompt("p1", text), v1(t2v("v1")), remix("r1", { prompt: "make it purple" })],
    ["p1.text>v1.prompt", "v1.video>r1.video"],
  );

describe("pinned takes in a run", () => {
  it("fails a pinned node whose take is not stored, skips what it feeds, and submits nothing", async () => {
    const missing = "f".repeat(64) as CacheKey;
    const plan = await planOk(chain("A cat", (n) => withTake(n, { key: missing }, true)));
    const rec = new Recorder();
    const summary = await execute(plan, disk.ports, { onEvent: rec.onEvent });
    expect(summary.ok).toBe(false);
    expect(rec.finals()).toEqual({ v1: "failed", r1: "skipped" });
    expect(rec.of("failed", "v1")[0]).toMatchObject({
      error: {
        message: "Text-to-Video v1: the pinned take is no longer stored here: unpin it to make a new one",
        mayHaveBeenCharged: false,
      },
    });
    expect(disk.fake.requestsOf("submit")).toEqual([]);
  });

  it("feeds a remix from the pinned take after an upstream edit, without running the pinned node again", async () => {
    const first = await planOk(chain("A cat"), ["v1"]);
    await execute(first, disk.ports, { onEvent: () => undefined });
    expect(disk.submits()).toHaveLength(1);
    const take = await disk.cache.get(keyOf(first, "v1"));
    expect(videoOf(take?.result).videoId).toBeTruthy();

    const plan = await planOk(chain("A dog", (n) => withTake(n, { key: keyOf(first, "v1") }, true)));
    expect(gen(plan, "v1").stale).toBe(true);
    const rec = new Recorder();
    const summary = await execute(plan, disk.ports, { onEvent: rec.onEvent });
    expect(summary.ok).toBe(true);
    expect(rec.finals()).toEqual({ v1: "cached", r1: "succeeded" });
    // One new submit, the remix of the pinned cat video; "A dog" was never sent.
    expect(disk.submits().map((r) => r.body)).toEqual([
      expect.objectContaining({ prompt: "A cat" }),
      { video_id: videoOf(take?.result).videoId, prompt: "make it purple" },
    ]);
  });
});

describe("new take in a run", () => {
  it("sends the same request again on purpose, stores it under its own key, and keeps the first", async () => {
    const first = await planOk(chain("A cat"), ["v1"]);
    await execute(first, disk.ports, { onEvent: () => undefined });

    const r = await planWorkflow(chain("A cat"), { targets: [nodeId("v1")], newTakes: { [nodeId("v1")]: "nonce-1" } });
    if (!r.ok) throw new Error("expected a plan");
    const bill = await billFor(r.plan, { cache: disk.cache });
    expect(bill.entries[0]).toMatchObject({ status: "paid", newTake: true });
    expect(bill.entries[0]?.basis).toMatch(/^new take: paid on purpose/);

    const rec = new Recorder();
    await execute(r.plan, disk.ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect(disk.submits()).toHaveLength(2);
    expect(disk.submits()[1]?.body).toEqual(disk.submits()[0]?.body);
    const a = await disk.cache.get(keyOf(first, "v1"));
    const b = await disk.cache.get(keyOf(r.plan, "v1"));
    expect(a && b && a.requestId !== b.requestId).toBe(true);
  });
});

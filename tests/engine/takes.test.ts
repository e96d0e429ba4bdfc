import { describe, expect, it } from "vitest";
import type { CacheKey, NodeId } from "../../src/domain/ids";
import { cacheKey, endpointId, nodeId, requestId, workflowId } from "../../src/domain/ids";
import type { Take } from "../../src/domain/take";
import type { GenerationData, WorkflowNode } from "../../src/domain/workflow";
import { takeKeyFor } from "../../src/engine/cache-key";
import { planWorkflow } from "../../src/engine/plan";
import type { Plan } from "../../src/engine/plan";
import type { CachedResult } from "../../src/engine/ports";
import { planSweep } from "../../src/engine/sweep";
import { lineageOf, paramDiffs, takeFromResult } from "../../src/engine/takes";
import { gen, image, keyOf, planOk, PNG_1X1, i2v, prompt, remix, t2v, workflow } from "./helpers/workflow";

const WF = workflowId("wf-1");
const NOW = new Date("2026-11-25T12:00:00.000Z");

function result(key: CacheKey, endpoint = "fal-ai/sora-2/text-to-video"): CachedResult {
  return {
    key,
    endpoint: endpointId(endpoint),
    result: { video: { url: "https://v/x.mp4" }, videoId: "video_1", thumbnail: null, durationSec: 4 },
    requestId: requestId("req-9"),
    costUsd: 0.4,
    createdAt: "2026-11-25T11:59:00.000Z",
  };
}

/** Prompt p1 → t2v v1 → remix r1 (a remix of a t2v fed by a Prompt node). */
const chain = (text = "A cat on a skateboard", v1 = (n: WorkflowNode) => n) =>
  workflow(
    [prompt("p1", text), v1(t2v("v1")), remix("r1", { prompt: "make it purple" })],
    ["p1.text>v1.prompt", "v1.video>r1.video"],
  );

function withTake(n: WorkflowNode, take: GenerationData["take"]): WorkflowNode {
  return { ...n, data: { ...n.data, take } } as WorkflowNode;
}

const takeOf = (plan: Plan, id: string, paid = true) =>
  takeFromResult({ workflowId: WF, plan, runNodeId: nodeId(id), result: result(keyOf(plan, id)), paid, now: NOW });

describe("takeFromResult", () => {
  it("records what made the result: model, params, the prompt that reached it, each input's key, and the cost", async () => {
    const plan = await planOk(chain());
    expect(takeOf(plan, "v1")).toEqual({
      workflowId: WF,
      nodeId: "v1",
      key: keyOf(plan, "v1"),
      variant: "",
      endpoint: "fal-ai/sora-2/text-to-video",
      params: { resolution: "720p", aspect_ratio: "16:9", duration: 4 },
      prompt: "A cat on a skateboard",
      inputs: [{ port: "prompt", nodeId: "p1", key: keyOf(plan, "p1"), kind: "prompt", text: "A cat on a skateboard" }],
      costUsd: 0.4,
      requestId: "req-9",
      createdAt: "2026-11-25T12:00:00.000Z",
      sweep: null,
    });
    const r1 = takeOf(plan, "r1", false);
    expect(r1).toMatchObject({
      nodeId: "r1",
      prompt: "make it purple",
      costUsd: 0,
      inputs: [{ port: "video", nodeId: "v1", key: keyOf(plan, "v1"), kind: "text-to-video" }],
    });
    expect(r1.inputs[0]?.text).toBeUndefined();
  });

  it("keeps a new take's variant, so choosing it later selects exactly that take", async () => {
    const r = await planWorkflow(chain(), { newTakes: { [nodeId("v1")]: "n-42" } });
    if (!r.ok) throw new Error("expected a plan");
    const take = takeOf(r.plan, "v1");
    expect(take.variant).toBe("n-42");
    expect(take.key).toBe(await takeKeyFor(gen(r.plan, "v1").contentKey, "n-42"));

    // Choosing it ({ key, variant } saved in the node) makes the plan run under it, and the remix follows.
    const chosen = await planOk(chain(undefined, (n) => withTake(n, { key: take.key, variant: take.variant })));
    expect(keyOf(chosen, "v1")).toBe(take.key);
    const choosingFirst = await planOk(chain(undefined, (n) => withTake(n, { key: gen(chosen, "v1").contentKey })));
    expect(keyOf(choosingFirst, "r1")).not.toBe(keyOf(chosen, "r1"));
  });

  it("files a sweep clone's result under the swept node, with the value", async () => {
    const r = await planSweep(chain(), { nodeId: nodeId("v1"), param: "prompt", values: ["A dog", "A fox"] });
    if (!r.ok) throw new Error("expected a sweep");
    const run = r.sweep.runs[1];
    if (!run) throw new Error("fixture");
    const take = takeFromResult({
      workflowId: WF,
      plan: r.sweep.plan,
      runNodeId: run.runNodeId,
      nodeId: r.sweep.nodeId,
      result: result(run.key),
      paid: true,
      sweep: { param: "prompt", value: run.value },
      now: NOW,
    });
    expect(take).toMatchObject({
      nodeId: "v1",
      key: run.key,
      prompt: "A fox",
      inputs: [],
      sweep: { param: "prompt", value: "A fox" },
    });
    // A take chosen from a sweep is what the node gets when its content is that value.
    expect(keyOf(await planOk(chain("A fox")), "v1")).toBe(take.key);
  });

  it("refuses a node that is not a planned generation", async () => {
    const plan = await planOk(chain());
    expect(() =>
      takeFromResult({
        workflowId: WF,
        plan,
        runNodeId: nodeId("p1"),
        result: result(keyOf(plan, "p1")),
        paid: false,
        now: NOW,
      }),
    ).toThrow(/p1 is not a planned video node/);
  });
});

describe("lineageOf", () => {
  it("walks a remix back to its t2v take and the prompt that fed it, depth first", async () => {
    const plan = await planOk(chain());
    const v1 = takeOf(plan, "v1");
    const r1 = takeOf(plan, "r1");
    const store = new Map<string, Take>([[`v1|${v1.key}`, v1]]);
    const asked: string[] = [];
    const steps = await lineageOf(r1, async (id: NodeId, key: CacheKey) => {
      asked.push(id);
      return store.get(`${id}|${key}`);
    });
    expect(steps).toEqual([
      { kind: "take", depth: 0, port: null, take: r1 },
      { kind: "take", depth: 1, port: "video", take: v1 },
      { kind: "source", depth: 2, port: "prompt", input: v1.inputs[0] },
    ]);
    expect(asked).toEqual(["v1"]);
  });

  it("says which upstream take is gone, and shows image sources", async () => {
    const plan = await planOk(
      workflow(
        [image("i1", PNG_1X1), i2v("v3", { prompt: "grow" }), remix("r3", { prompt: "night" })],
        ["i1.image>v3.image", "v3.video>r3.video"],
      ),
    );
    const r3 = takeOf(plan, "r3");
    expect(await lineageOf(r3, async () => undefined)).toEqual([
      { kind: "take", depth: 0, port: null, take: r3 },
      { kind: "missing-take", depth: 1, port: "video", nodeId: "v3", key: keyOf(plan, "v3") },
    ]);
    const v3 = takeOf(plan, "v3");
    expect((await lineageOf(v3, async () => undefined)).map((s) => [s.kind, s.depth, s.port])).toEqual([
      ["take", 0, null],
      ["source", 1, "image"],
    ]);
  });

  it("stops on a loop in a damaged store instead of walking forever", async () => {
    const plan = await planOk(chain());
    const r1 = takeOf(plan, "r1");
    const looped: Take = { ...r1, inputs: [{ port: "video", nodeId: r1.nodeId, key: r1.key, kind: "remix" }] };
    const steps = await lineageOf(looped, async () => looped);
    expect(steps.map((s) => [s.kind, s.depth])).toEqual([
      ["take", 0],
      ["take", 1],
    ]);
  });
});

describe("paramDiffs", () => {
  const base: Take = {
    workflowId: WF,
    nodeId: nodeId("v1"),
    key: cacheKey("a".repeat(64)),
    variant: "",
    endpoint: endpointId("fal-ai/sora-2/text-to-video"),
    params: { resolution: "720p", aspect_ratio: "16:9", duration: 4 },
    prompt: "A cat",
    inputs: [],
    costUsd: 0.4,
    requestId: null,
    createdAt: NOW.toISOString(),
  };

  it("lists only what differs, in the takes' order, with null where a take has no such param", () => {
    const b: Take = { ...base, params: { ...base.params, duration: 8 } };
    const c: Take = {
      ...base,
      endpoint: endpointId("fal-ai/veo3.1/fast"),
      prompt: "A dog",
      params: { duration: "8s", resolution: "720p", aspect_ratio: "16:9", generate_audio: true },
    };
    expect(paramDiffs([base, b, c])).toEqual([
      {
        name: "endpoint",
        values: ["fal-ai/sora-2/text-to-video", "fal-ai/sora-2/text-to-video", "fal-ai/veo3.1/fast"],
      },
      { name: "prompt", values: ["A cat", "A cat", "A dog"] },
      { name: "duration", values: [4, 8, "8s"] },
      { name: "generate_audio", values: [null, null, true] },
    ]);
  });

  it("is empty for takes made the same way (two new takes of one content)", () => {
    expect(paramDiffs([base, { ...base, key: cacheKey("b".repeat(64)), variant: "n1" }])).toEqual([]);
  });
});

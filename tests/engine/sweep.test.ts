import { describe, expect, it } from "vitest";
import type { CacheKey } from "../../src/domain/ids";
import { cacheKey, endpointId, nodeId, requestId } from "../../src/domain/ids";
import type { ParamValue, Workflow, WorkflowNode } from "../../src/domain/workflow";
import { billFor } from "../../src/engine/bill";
import type { PlanError } from "../../src/engine/plan";
import type { CachedResult } from "../../src/engine/ports";
import type { Sweep, SweepSpec } from "../../src/engine/sweep";
import { MAX_SWEEP_VALUES, planSweep, sweepableParams, sweepRunId, sweptNodeOf } from "../../src/engine/sweep";
import { gen, keyOf, planOk, prompt, remix, t2v, workflow } from "./helpers/workflow";

const SORA = "fal-ai/sora-2/text-to-video";
const SORA_PRO = "fal-ai/sora-2/text-to-video/pro";
const VEO_FAST = "fal-ai/veo3.1/fast";

/** Prompt p1 → t2v v1 (Sora 2), optionally feeding a remix r1. */
const graph = (opts: { text?: string; v1?: WorkflowNode; withRemix?: boolean } = {}): Workflow =>
  workflow(
    [
      prompt("p1", opts.text ?? "A cat on a skateboard"),
      opts.v1 ?? t2v("v1", {}, SORA),
      ...(opts.withRemix ? [remix("r1", { prompt: "make it purple" })] : []),
    ],
    ["p1.text>v1.prompt", ...(opts.withRemix ? ["v1.video>r1.video"] : [])],
  );

/** The same workflow with v1 changed: what the node itself would be with a swept value. */
function withV1(w: Workflow, change: (n: WorkflowNode) => WorkflowNode): Workflow {
  return { ...w, nodes: w.nodes.map((n) => (n.id === "v1" ? change(n) : n)) };
}
const setParam = (name: string, value: ParamValue) => (n: WorkflowNode) =>
  ({
    ...n,
    data: {
      ...n.data,
      params: { ...((n.data as { params?: Record<string, ParamValue> }).params ?? {}), [name]: value },
    },
  }) as WorkflowNode;

async function sweepOk(w: Workflow, spec: Omit<SweepSpec, "nodeId">, opts?: { newTakes?: boolean }): Promise<Sweep> {
  const r = await planSweep(w, { nodeId: nodeId("v1"), ...spec }, opts);
  if (!r.ok) throw new Error(`expected a sweep, got: ${r.errors.map((e) => e.message).join("; ")}`);
  return r.sweep;
}
async function sweepErrors(w: Workflow, spec: SweepSpec): Promise<PlanError[]> {
  const r = await planSweep(w, spec);
  if (r.ok) throw new Error("expected sweep errors");
  return r.errors;
}

describe("planSweep: one planned clone per value, under the node's own key for that value", () => {
  it("sweeps a param: clone keys equal the keys the node would get with each value", async () => {
    const w = graph();
    const sweep = await sweepOk(w, { param: "duration", values: [4, 8, 12] });
    expect(sweep.nodeId).toBe("v1");
    expect(sweep.runs.map((r) => [r.value, r.runNodeId])).toEqual([
      [4, "v1~sweep~0"],
      [8, "v1~sweep~1"],
      [12, "v1~sweep~2"],
    ]);
    for (const run of sweep.runs) {
      const own = gen(await planOk(withV1(w, setParam("duration", run.value))), "v1");
      expect(run.key).toBe(own.contentKey);
      expect(gen(sweep.plan, run.runNodeId).params.duration).toBe(run.value);
    }
    expect(new Set(sweep.runs.map((r) => r.key)).size).toBe(3);
    // Only the clones and what feeds them: not the original node.
    expect(sweep.plan.order).toEqual(["p1", "v1~sweep~0", "v1~sweep~1", "v1~sweep~2"]);
    // Three 4/8/12 s Sora 2 jobs at $0.10/s.
    expect(sweep.plan.estimate.usd).toBe(2.4);
  });

  it("keeps the node's feedsRemix (delete_video: false), so its keys still match the node's", async () => {
    const w = graph({ withRemix: true });
    const sweep = await sweepOk(w, { param: "duration", values: [4, 8] });
    expect(sweep.plan.nodes.has(nodeId("r1"))).toBe(false);
    for (const run of sweep.runs) {
      expect(gen(sweep.plan, run.runNodeId).feedsRemix).toBe(true);
      expect(run.key).toBe(gen(await planOk(withV1(w, setParam("duration", run.value))), "v1").contentKey);
    }
    const alone = await sweepOk(graph(), { param: "duration", values: [4, 8] });
    expect(alone.runs[0]?.key).not.toBe(sweep.runs[0]?.key);
  });

  it("sweeps prompts: each clone is keyed as the node fed that text (typed or from the Prompt node)", async () => {
    const sweep = await sweepOk(graph(), { param: "prompt", values: ["A dog surfing", "A fox skiing"] });
    for (const run of sweep.runs) {
      const clone = gen(sweep.plan, run.runNodeId);
      expect(clone.typed).toEqual({ prompt: run.value });
      expect(clone.upstream.prompt).toBeUndefined();
      expect(run.key).toBe(keyOf(await planOk(graph({ text: String(run.value) })), "v1"));
    }
    // The Prompt node feeds no clone, so it is not part of the sweep.
    expect(sweep.plan.order).toEqual(["v1~sweep~0", "v1~sweep~1"]);
  });

  it("sweeps model variants of the same kind", async () => {
    const sweep = await sweepOk(graph(), { param: "endpoint", values: [SORA, SORA_PRO] });
    expect(sweep.runs.map((r) => gen(sweep.plan, r.runNodeId).endpoint)).toEqual([SORA, SORA_PRO]);
    const pro = withV1(graph(), (n) => ({ ...n, data: { ...n.data, endpoint: endpointId(SORA_PRO) } }) as WorkflowNode);
    expect(sweep.runs[1]?.key).toBe(keyOf(await planOk(pro), "v1"));
    expect(sweep.runs[0]?.key).toBe(keyOf(await planOk(graph()), "v1"));
  });

  it("ignores the node's chosen or pinned take: clones are there to run", async () => {
    const plain = await planOk(graph());
    const pinned = withV1(
      graph(),
      (n) => ({ ...n, data: { ...n.data, take: { key: cacheKey("e".repeat(64)) }, pinned: true } }) as WorkflowNode,
    );
    const sweep = await sweepOk(pinned, { param: "duration", values: [4, 8] });
    expect(sweep.runs[0]?.key).toBe(keyOf(plain, "v1"));
    expect(gen(sweep.plan, sweep.runs[0]?.runNodeId as string)).toMatchObject({ pinned: false, newTake: false });
  });

  it("with newTakes gives every value a fresh variant: new keys, all paid", async () => {
    const plain = await sweepOk(graph(), { param: "duration", values: [4, 8] });
    const fresh = await sweepOk(graph(), { param: "duration", values: [4, 8] }, { newTakes: true });
    fresh.runs.forEach((run, i) => {
      const clone = gen(fresh.plan, run.runNodeId);
      expect(clone).toMatchObject({ newTake: true, contentKey: plain.runs[i]?.key });
      expect(clone.variant).not.toBe("");
      expect(run.key).not.toBe(plain.runs[i]?.key);
    });
    expect(gen(fresh.plan, "v1~sweep~0").variant).not.toBe(gen(fresh.plan, "v1~sweep~1").variant);
  });

  it("bills a value already run as cached", async () => {
    const done = keyOf(await planOk(graph()), "v1"); // duration 4, the default, ran before
    const sweep = await sweepOk(graph(), { param: "duration", values: [4, 8, 12] });
    const hit: CachedResult = {
      key: done,
      endpoint: endpointId(SORA),
      result: { video: { url: "https://v/x.mp4" }, videoId: "video_1", thumbnail: null, durationSec: 4 },
      requestId: requestId("req-1"),
      costUsd: 0.4,
      createdAt: "2026-11-25T10:00:00.000Z",
    };
    const bill = await billFor(sweep.plan, {
      cache: { get: async (k: CacheKey) => (k === hit.key ? hit : undefined) },
    });
    expect(bill.entries.map((e) => [e.nodeId, e.status])).toEqual([
      ["v1~sweep~0", "cached"],
      ["v1~sweep~1", "paid"],
      ["v1~sweep~2", "paid"],
    ]);
    expect(bill.totalUsd).toBe(2);
    expect(bill.savedUsd).toBe(0.4);
  });
});

describe("planSweep: refusals", () => {
  const v1 = nodeId("v1");
  const messages = async (spec: SweepSpec, w = graph()) => (await sweepErrors(w, spec)).map((e) => e.message);

  it("refuses a param the node's model does not have, listing what can be swept", async () => {
    expect(await messages({ nodeId: v1, param: "fps", values: [24, 30] })).toEqual([
      'Text-to-Video v1: "fps" cannot be swept on Sora 2; choose one of endpoint, prompt, resolution, aspect_ratio, duration',
    ]);
  });

  it("refuses too few, too many and duplicate values", async () => {
    expect(await messages({ nodeId: v1, param: "duration", values: [8] })).toEqual([
      "Text-to-Video v1: a sweep of duration needs at least 2 values (got 1)",
    ]);
    const many = Array.from({ length: MAX_SWEEP_VALUES + 1 }, (_, i) => `prompt ${i}`);
    expect(await messages({ nodeId: v1, param: "prompt", values: many })).toEqual([
      "Text-to-Video v1: a sweep of prompt takes at most 12 values (got 13)",
    ]);
    expect(await messages({ nodeId: v1, param: "aspect_ratio", values: ["16:9", "9:16", "16:9"] })).toEqual([
      'Text-to-Video v1: aspect_ratio "16:9" is listed twice',
    ]);
  });

  it("names each value the model rejects", async () => {
    const errors = await sweepErrors(graph(), { nodeId: v1, param: "duration", values: [4, 5, "8", "9"] });
    expect(errors.map((e) => e.message)).toEqual([
      "Text-to-Video v1: duration 5: Input should be 4, 8 or 12",
      'Text-to-Video v1: duration "9": Input should be 4, 8 or 12',
    ]);
    expect(errors.every((e) => e.nodeId === "v1")).toBe(true);
    expect(await messages({ nodeId: v1, param: "prompt", values: ["a cat", "  "] })).toEqual([
      'Text-to-Video v1: prompt "  ": The prompt is empty',
    ]);
    expect(
      await messages({ nodeId: v1, param: "endpoint", values: [SORA, "fal-ai/sora-2/image-to-video", "nope/model"] }),
    ).toEqual([
      'Text-to-Video v1: endpoint "fal-ai/sora-2/image-to-video": Sora 2 is not a Text-to-Video model',
      expect.stringMatching(
        /^Text-to-Video v1: endpoint "nope\/model": no Text-to-Video model by that name \(choose one of fal-ai\/sora-2\/text-to-video, /,
      ),
    ]);
  });

  it("names the value when a model variant refuses the node's other params, and says a shared problem once", async () => {
    // duration 4 (a number) is Sora's; Veo wants "4s": only the Veo value is at fault.
    // Sora's default duration is not written into the node, so Veo takes its own default: fine.
    const veo = await sweepOk(graph(), { param: "endpoint", values: [SORA, VEO_FAST] });
    expect(gen(veo.plan, "v1~sweep~1").params.duration).toBe("8s");
    const explicit = withV1(graph(), setParam("duration", 8));
    expect(
      (await sweepErrors(explicit, { nodeId: v1, param: "endpoint", values: [SORA, VEO_FAST] })).map((e) => [
        e.nodeId,
        e.message,
      ]),
    ).toEqual([["v1", `Text-to-Video v1 (endpoint "${VEO_FAST}"): duration: Input should be '4s', '6s' or '8s'`]]);
    // A bad aspect ratio is wrong for every value: said once, about the node.
    const bad = withV1(graph(), setParam("aspect_ratio", "1:1"));
    expect(
      (await sweepErrors(bad, { nodeId: v1, param: "duration", values: [4, 8] })).map((e) => [e.nodeId, e.message]),
    ).toEqual([["v1", "Text-to-Video v1: aspect_ratio: Input should be '9:16' or '16:9'"]]);
  });

  it("refuses a node that is not there or makes no video", async () => {
    expect(await messages({ nodeId: nodeId("zz"), param: "duration", values: [4, 8] })).toEqual([
      'There is no node "zz" to sweep',
    ]);
    expect(await messages({ nodeId: nodeId("p1"), param: "duration", values: [4, 8] })).toEqual([
      "Prompt p1 makes no video: only video-making nodes can be swept",
    ]);
  });
});

describe("sweep helpers", () => {
  it("maps clone ids back to the swept node", () => {
    const id = sweepRunId(nodeId("v1"), 3);
    expect(id).toBe("v1~sweep~3");
    expect(sweptNodeOf(id)).toBe("v1");
    expect(sweptNodeOf(nodeId("v1"))).toBeUndefined();
  });

  it("offers the model variants, the prompt and the model's params", () => {
    const node = graph().nodes[1] as Extract<WorkflowNode, { type: "text-to-video" }>;
    const offered = sweepableParams(node);
    expect(offered.map((p) => p.name)).toEqual(["endpoint", "prompt", "resolution", "aspect_ratio", "duration"]);
    const models = offered[0]?.options ?? [];
    expect(models).toContain(SORA); // the node's own model, although retired
    expect(models).toContain(VEO_FAST);
    expect(models).not.toContain(SORA_PRO); // retired and not the node's
    expect(offered.find((p) => p.name === "duration")?.options).toEqual([4, 8, 12]);
  });
});

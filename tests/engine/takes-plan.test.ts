import { describe, expect, it } from "vitest";
import type { CacheKey } from "../../src/domain/ids";
import { cacheKey, endpointId, nodeId, requestId } from "../../src/domain/ids";
import type { GenerationData, Workflow, WorkflowNode } from "../../src/domain/workflow";
import { billFor, checkBudget } from "../../src/engine/bill";
import { takeKeyFor } from "../../src/engine/cache-key";
import { planWorkflow } from "../../src/engine/plan";
import type { CachedResult } from "../../src/engine/ports";
import { gen, keyOf, planErrors, planOk, prompt, remix, t2v, workflow } from "./helpers/workflow";

// Issue 9 planning rules: pinned take, new take, chosen take, plain content key (in that order).

/** The same node with a take chosen (and pinned when asked). */
function withTake(n: WorkflowNode, take: GenerationData["take"], pinned?: boolean): WorkflowNode {
  if (n.type === "prompt" || n.type === "image" || n.type === "video")
    throw new Error("fixture: not a generation node");
  return { ...n, data: { ...n.data, ...(take ? { take } : {}), ...(pinned !== undefined ? { pinned } : {}) } };
}

/** Prompt p1 → t2v v1 → remix r1. */
const chain = (text = "A cat on a skateboard", v1 = (n: WorkflowNode) => n): Workflow =>
  workflow(
    [prompt("p1", text), v1(t2v("v1")), remix("r1", { prompt: "make it purple" })],
    ["p1.text>v1.prompt", "v1.video>r1.video"],
  );

function stored(key: CacheKey): CachedResult {
  return {
    key,
    endpoint: endpointId("fal-ai/sora-2/text-to-video"),
    result: { video: { url: "https://v/x.mp4" }, videoId: "video_1", thumbnail: null, durationSec: 4 },
    requestId: requestId("req-1"),
    costUsd: 0.4,
    createdAt: "2026-11-25T10:00:00.000Z",
  };
}
const cachePorts = (hits: CachedResult[]) => ({ cache: { get: async (k: CacheKey) => hits.find((h) => h.key === k) } });

describe("takeKeyFor", () => {
  it("is the content key itself for the empty variant, so caches from before takes stay valid", async () => {
    const base = cacheKey("a".repeat(64));
    expect(await takeKeyFor(base, "")).toBe(base);
  });

  it("gives each variant of each content its own stable key", async () => {
    const a = cacheKey("a".repeat(64));
    const b = cacheKey("b".repeat(64));
    const a1 = await takeKeyFor(a, "n1");
    expect(a1).toMatch(/^[0-9a-f]{64}$/);
    expect(a1).not.toBe(a);
    expect(await takeKeyFor(a, "n1")).toBe(a1);
    expect(await takeKeyFor(a, "n2")).not.toBe(a1);
    expect(await takeKeyFor(b, "n1")).not.toBe(a1);
  });
});

describe("planWorkflow: which key a generation node runs under", () => {
  it("uses the content key when nothing is chosen (rule 4)", async () => {
    const v1 = gen(await planOk(chain()), "v1");
    expect(v1).toMatchObject({ variant: "", pinned: false, stale: false, newTake: false });
    expect(v1.key).toBe(v1.contentKey);
  });

  it("makes a new take a fresh key of the same content, and downstream keys follow it (rule 2)", async () => {
    const plain = await planOk(chain());
    const r = await planWorkflow(chain(), { newTakes: { [nodeId("v1")]: "nonce-1" } });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
    const v1 = gen(r.plan, "v1");
    expect(v1.contentKey).toBe(gen(plain, "v1").contentKey);
    expect(v1).toMatchObject({ variant: "nonce-1", newTake: true, pinned: false });
    expect(v1.key).toBe(await takeKeyFor(v1.contentKey, "nonce-1"));
    expect(v1.key).not.toBe(v1.contentKey);
    // The remix of a new take is new content too; the remix itself is not a new take.
    expect(gen(r.plan, "r1").contentKey).not.toBe(gen(plain, "r1").contentKey);
    expect(gen(r.plan, "r1").newTake).toBe(false);
  });

  it("uses the chosen take while the content still matches it, and the content key once it does not (rule 3)", async () => {
    const content = gen(await planOk(chain()), "v1").contentKey;
    const takeKey = await takeKeyFor(content, "n7");
    const chosen = await planOk(chain(undefined, (n) => withTake(n, { key: takeKey, variant: "n7" })));
    expect(gen(chosen, "v1")).toMatchObject({
      key: takeKey,
      contentKey: content,
      variant: "n7",
      pinned: false,
      stale: false,
    });
    // A different take of v1 means a different remix request.
    expect(gen(chosen, "r1").contentKey).not.toBe(gen(await planOk(chain()), "r1").contentKey);

    // The prompt changed since the take was chosen: unpinned, the node runs for its new content.
    const edited = await planOk(chain("A dog on a skateboard", (n) => withTake(n, { key: takeKey, variant: "n7" })));
    const v1 = gen(edited, "v1");
    expect(v1.key).toBe(v1.contentKey);
    expect(v1.key).not.toBe(takeKey);
    expect(v1).toMatchObject({ variant: "", stale: false, pinned: false });
  });

  it("keeps a chosen first take (no variant) as the content key", async () => {
    const content = gen(await planOk(chain()), "v1").contentKey;
    const chosen = await planOk(chain(undefined, (n) => withTake(n, { key: content })));
    expect(gen(chosen, "v1")).toMatchObject({ key: content, variant: "" });
  });

  it("keeps a pinned take through an upstream edit, marks it stale, and keeps downstream keys (rule 1)", async () => {
    const before = await planOk(chain());
    const take = { key: gen(before, "v1").key };
    const pinned = await planOk(chain(undefined, (n) => withTake(n, take, true)));
    expect(gen(pinned, "v1")).toMatchObject({ key: take.key, pinned: true, stale: false });
    expect(keyOf(pinned, "r1")).toBe(keyOf(before, "r1"));

    const edited = await planOk(chain("A dog on a skateboard", (n) => withTake(n, take, true)));
    const v1 = gen(edited, "v1");
    expect(v1).toMatchObject({ key: take.key, pinned: true, stale: true });
    expect(v1.contentKey).not.toBe(take.key);
    // Downstream still gets the pinned take: the remix is the same request as before the edit.
    expect(keyOf(edited, "r1")).toBe(keyOf(before, "r1"));
  });

  it("pins over a new take: a pinned node never runs", async () => {
    const take = { key: gen(await planOk(chain()), "v1").key };
    const r = await planWorkflow(
      chain(undefined, (n) => withTake(n, take, true)),
      { newTakes: { [nodeId("v1")]: "nonce" } },
    );
    if (!r.ok) throw new Error("expected a plan");
    expect(gen(r.plan, "v1")).toMatchObject({ key: take.key, pinned: true, newTake: false });
  });

  it("refuses a pinned node without a take, naming it", async () => {
    expect(await planErrors(chain(undefined, (n) => withTake(n, undefined, true)))).toEqual([
      "Text-to-Video v1: pinned, but it has no take yet: run it once or unpin it",
    ]);
  });

  it("does not run what feeds only a pinned node when running a node below it", async () => {
    // v0 → r1 (pinned) → r2: "Run up to r2" needs r1's take, not v0.
    const base = workflow(
      [t2v("v0", { prompt: "a cat" }), remix("r1", { prompt: "purple" }), remix("r2", { prompt: "night" })],
      ["v0.video>r1.video", "r1.video>r2.video"],
    );
    const take = { key: gen(await planOk(base), "r1").key };
    const pinnedWf: Workflow = { ...base, nodes: base.nodes.map((n) => (n.id === "r1" ? withTake(n, take, true) : n)) };
    const upTo = await planOk(pinnedWf, ["r2"]);
    expect(upTo.order).toEqual(["r1", "r2"]);
    expect(upTo.nodes.has(nodeId("v0"))).toBe(false);
    expect(upTo.children.get(nodeId("r1"))).toEqual(["r2"]);
    // The pinned node is never paid for, so it is not in the estimate (r2: 4 s Sora remix, $0.40).
    expect(upTo.estimate.usd).toBe(0.4);
    // "Run all" still runs every node of the workflow.
    expect((await planOk(pinnedWf)).order).toEqual(["v0", "r1", "r2"]);
  });
});

describe("planWorkflow: what feeds only pinned nodes does not block", () => {
  /** The chain with v1 pinned to the take it makes with the original prompt. */
  async function pinnedChain(text: string) {
    const before = await planOk(chain());
    const take = { key: gen(before, "v1").key };
    return { before, take, wf: chain(text, (n) => withTake(n, take, true)) };
  }

  it("plans around an emptied prompt that only feeds a pinned node: stale, downstream keyed by the take", async () => {
    const { before, take, wf } = await pinnedChain("  ");
    for (const targets of [undefined, ["r1"], ["v1"]]) {
      const plan = await planOk(wf, targets);
      expect(plan.nodes.has(nodeId("p1"))).toBe(false);
      expect(gen(plan, "v1")).toMatchObject({ key: take.key, pinned: true, stale: true });
      expect(gen(plan, "v1").contentKey).not.toBe(take.key);
      if (targets?.[0] !== "v1") {
        expect(plan.order).toEqual(["v1", "r1"]);
        expect(keyOf(plan, "r1")).toBe(keyOf(before, "r1"));
        expect(plan.estimate.usd).toBe(0.4); // the remix only: neither the prompt nor the pinned node is paid
      }
    }
  });

  it("Run all leaves out an invalid node feeding only a pinned node (and what depends on it) and runs the rest", async () => {
    // p0 (empty) → v0 → r1 (pinned) → r2, and an unrelated t2v v9.
    const nodes = [
      prompt("p0", "a cat"),
      t2v("v0"),
      remix("r1", { prompt: "purple" }),
      remix("r2", { prompt: "night" }),
      t2v("v9", { prompt: "a dog" }),
    ];
    const base = workflow(nodes, ["p0.text>v0.prompt", "v0.video>r1.video", "r1.video>r2.video"]);
    const before = await planOk(base);
    const take = { key: gen(before, "r1").key };
    const edited: Workflow = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === "r1" ? withTake(n, take, true) : n.id === "p0" ? prompt("p0", "") : n)),
    };
    const plan = await planOk(edited);
    expect(plan.order).toEqual(["r1", "r2", "v9"]);
    expect(plan.nodes.has(nodeId("p0"))).toBe(false);
    expect(plan.nodes.has(nodeId("v0"))).toBe(false); // valid itself, but it cannot run without p0
    expect(plan.children.get(nodeId("r1"))).toEqual(["r2"]);
    expect(gen(plan, "r1")).toMatchObject({ key: take.key, stale: true });
    expect(keyOf(plan, "r2")).toBe(keyOf(before, "r2"));

    // A node that is invalid itself (no prompt) and feeds only the pinned node: left out the same way.
    const noPrompt: Workflow = {
      ...edited,
      nodes: edited.nodes.map((n) => (n.id === "p0" ? prompt("p0", "a cat") : n)),
      edges: edited.edges.filter((e) => e.source !== "p0"),
    };
    expect((await planOk(noPrompt)).order).toEqual(["p0", "r1", "r2", "v9"]);
    // Valid, it still runs under "Run all" (it is part of the graph), but not for "Run up to r2".
    const valid: Workflow = { ...edited, nodes: edited.nodes.map((n) => (n.id === "p0" ? prompt("p0", "a cat") : n)) };
    expect((await planOk(valid)).order).toEqual(["p0", "v0", "r1", "r2", "v9"]);
    expect(gen(await planOk(valid), "r1").stale).toBe(false);
    expect((await planOk(valid, ["r2"])).order).toEqual(["r1", "r2"]);
  });

  it("still refuses an invalid node that feeds an unpinned node, also when it feeds a pinned one too", async () => {
    expect(await planErrors(chain(" "))).toEqual(["Prompt p1 is empty: type a prompt"]);
    const { take } = await pinnedChain("a cat");
    const both = workflow(
      [prompt("p1", ""), withTake(t2v("v1"), take, true), t2v("v2")],
      ["p1.text>v1.prompt", "p1.text>v2.prompt"],
    );
    expect(await planErrors(both)).toEqual(["Prompt p1 is empty: type a prompt"]);
    expect(await planErrors(both, ["v2"])).toEqual(["Prompt p1 is empty: type a prompt"]);
    expect(gen(await planOk(both, ["v1"]), "v1")).toMatchObject({ pinned: true, stale: true });
    // A pinned node whose take is gone from the file is not pinned: what feeds it is needed again.
    expect(await planErrors(chain("", (n) => withTake(n, undefined, true)))).toEqual([
      "Prompt p1 is empty: type a prompt",
      "Text-to-Video v1: pinned, but it has no take yet: run it once or unpin it",
    ]);
  });

  it("refuses a target that is not in the workflow", async () => {
    expect(await planErrors(chain(), ["nope"])).toEqual(['There is no node "nope" to run']);
  });
});

describe("billFor: takes", () => {
  it("bills a new take as paid on purpose even though its content is cached", async () => {
    const plain = await planOk(chain());
    const r = await planWorkflow(chain(), { newTakes: { [nodeId("v1")]: "n1" }, targets: [nodeId("v1")] });
    if (!r.ok) throw new Error("expected a plan");
    const bill = await billFor(r.plan, cachePorts([stored(keyOf(plain, "v1"))]));
    expect(bill.entries).toHaveLength(1);
    expect(bill.entries[0]).toMatchObject({ status: "paid", newTake: true, pinned: false, usd: 0.4 });
    expect(bill.entries[0]?.basis).toMatch(/^new take: paid on purpose \(/);
    expect(bill.totalUsd).toBe(0.4);
    // Without the new take the same node is served from the cache.
    const again = await billFor(await planOk(chain(), ["v1"]), cachePorts([stored(keyOf(plain, "v1"))]));
    expect(again.entries[0]).toMatchObject({ status: "cached", newTake: false });
  });

  it("bills a stored pinned take as the pinned take, and a missing one as unavailable (never paid)", async () => {
    const take = { key: gen(await planOk(chain()), "v1").key };
    const edited = chain("A dog", (n) => withTake(n, take, true));
    const plan = await planOk(edited, ["v1"]);
    const have = await billFor(plan, cachePorts([stored(take.key)]));
    expect(have.entries[0]).toMatchObject({ status: "cached", pinned: true, usd: 0 });
    expect(have.entries[0]?.basis).toBe("pinned take (stale: its inputs or params changed since), not paid again");

    const missing = await billFor(plan, cachePorts([]));
    expect(missing.entries[0]).toMatchObject({ status: "unavailable", pinned: true, usd: 0 });
    expect(missing.unavailableNodes).toEqual(["v1"]);
    expect(missing.paidCount).toBe(0);
    expect(missing.totalUsd).toBe(0);
    expect(checkBudget(missing, { workflowBudgetUsd: 0, spentWorkflowUsd: 0, spentGlobalUsd: 0 })).toEqual({
      ok: true,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overBudget, preflight } from "../../src/cli/preflight";
import type { CacheKey } from "../../src/domain/ids";
import { endpointId, requestId } from "../../src/domain/ids";
import type { Bill, BudgetLimits } from "../../src/engine/bill";
import { billFor, checkBudget } from "../../src/engine/bill";
import type { Plan } from "../../src/engine/plan";
import type { CachedResult, Job, JobState } from "../../src/engine/ports";
import { forgetUnpricedModel, registerUnpricedModel, UNPRICED_T2V } from "../nodes/models/unpriced";
import { gen, i2v, image, keyOf, planOk, prompt, remix, t2v, workflow } from "./helpers/workflow";

const SORA_T2V = "fal-ai/sora-2/text-to-video";
const SORA_T2V_PRO = "fal-ai/sora-2/text-to-video/pro";
const SORA_I2V_PRO = "fal-ai/sora-2/image-to-video/pro";
// A catalogue model whose price is unknown (every curated one has a price): the bill must say so.
beforeAll(registerUnpricedModel);
afterAll(forgetUnpricedModel);

function cached(key: CacheKey): CachedResult {
  return {
    key,
    endpoint: endpointId(SORA_T2V),
    result: { video: { url: "https://v/x.mp4" }, videoId: "video_1", thumbnail: null, durationSec: 4 },
    requestId: requestId("req-old"),
    costUsd: 0.4,
    createdAt: "2026-11-24T10:00:00.000Z",
  };
}

function job(key: CacheKey, state: JobState, id: string | null): Job {
  return {
    key,
    nodeId: "x" as Job["nodeId"],
    workflowName: "test",
    endpoint: endpointId(SORA_T2V),
    inputHash: "h" as Job["inputHash"],
    state,
    requestId: id ? requestId(id) : null,
    estimatedCostUsd: 0.4,
    createdAt: "2026-11-24T10:00:00.000Z",
    updatedAt: "2026-11-24T10:00:00.000Z",
  };
}

const ports = (hits: CachedResult[] = [], jobs: Job[] = []) => ({
  cache: { get: async (k: CacheKey) => hits.find((h) => h.key === k) },
  ledger: { get: async (k: CacheKey) => jobs.find((j) => j.key === k) },
});

// Prompt → a (Sora 2, 4 s, $0.40) and b (Sora 2 Pro, 8 s 720p, $2.40); a → remix r (4 s source, $0.40).
const graph = () =>
  workflow(
    [
      prompt("p", "a fox"),
      t2v("a", { duration: 4 }, SORA_T2V),
      t2v("b", { duration: 8, resolution: "720p" }, SORA_T2V_PRO),
      remix("r", { prompt: "in snow" }),
    ],
    ["p.text>a.prompt", "p.text>b.prompt", "a.video>r.video"],
  );

describe("billFor", () => {
  it("bills every generation node when nothing is cached, in plan order, with its price and basis", async () => {
    const plan = await planOk(graph());
    const bill = await billFor(plan, ports());
    expect(bill.entries.map((e) => [e.nodeId, e.status, e.usd])).toEqual([
      ["a", "paid", 0.4],
      ["b", "paid", 2.4],
      ["r", "paid", 0.4],
    ]);
    expect(bill.entries[1]).toMatchObject({
      title: "Text-to-Video",
      endpoint: SORA_T2V_PRO,
      label: gen(plan, "b").adapter.label,
      basis: "8 s × $0.30/s (720p)",
    });
    expect(bill).toMatchObject({
      paidCount: 3,
      cachedCount: 0,
      inFlightCount: 0,
      totalUsd: 3.2,
      upperBound: false,
      unknownPriceNodes: [],
      savedUsd: 0,
    });
  });

  it("serves cached nodes at $0, keeps their price as what the cache saved, and bills the rest", async () => {
    const plan = await planOk(graph());
    const bill = await billFor(plan, ports([cached(keyOf(plan, "a"))]));
    const a = bill.entries.find((e) => e.nodeId === "a");
    expect(a?.status).toBe("cached");
    expect(a?.usd).toBe(0);
    expect(a?.price.usd).toBe(0.4);
    expect(bill).toMatchObject({ paidCount: 2, cachedCount: 1, totalUsd: 2.8, savedUsd: 0.4 });
  });

  it("lists a node whose job an earlier run already sent as in flight, costing nothing more", async () => {
    const plan = await planOk(graph());
    for (const state of ["queued", "running", "completed"] as const) {
      const bill = await billFor(plan, ports([], [job(keyOf(plan, "b"), state, "req-b")]));
      const b = bill.entries.find((e) => e.nodeId === "b");
      expect(b?.status, state).toBe("in-flight");
      expect(b?.status === "in-flight" && b.requestId).toBe("req-b");
      expect(b?.usd).toBe(0);
      expect(bill.totalUsd).toBe(0.8);
      expect(bill.inFlightCount).toBe(1);
    }
  });

  it("bills again a node whose earlier job ended, failed, or lost its submit answer", async () => {
    const plan = await planOk(graph());
    const key = keyOf(plan, "b");
    for (const [state, id] of [
      ["failed", "req-b"],
      ["cancelled", "req-b"],
      ["unknown", null],
      ["submitting", null],
      ["stored", "req-b"],
    ] as const) {
      const bill = await billFor(plan, ports([], [job(key, state, id)]));
      expect(bill.entries.find((e) => e.nodeId === "b")?.status, state).toBe("paid");
      expect(bill.totalUsd, state).toBe(3.2);
    }
  });

  it("prefers the cache over an in-flight job of the same key", async () => {
    const plan = await planOk(graph());
    const key = keyOf(plan, "b");
    const bill = await billFor(plan, ports([cached(key)], [job(key, "running", "req-b")]));
    expect(bill.entries.find((e) => e.nodeId === "b")?.status).toBe("cached");
  });

  it("marks upper bounds: resolution auto is priced at the dearest rate, a remix of unknown length at the longest", async () => {
    const plan = await planOk(
      workflow(
        [image("img", "https://example.com/a.png"), i2v("v", { prompt: "waves", duration: 4 }, SORA_I2V_PRO)],
        ["img.image>v.image"],
      ),
    );
    const bill = await billFor(plan, ports());
    expect(bill.entries[0]).toMatchObject({ status: "paid", upperBound: true });
    expect(bill.entries[0]?.basis).toMatch(/most it can cost/);
    expect(bill.upperBound).toBe(true);
    // The same node cached: nothing paid, so the total is no ceiling any more.
    const hit = await billFor(plan, ports([cached(keyOf(plan, "v"))]));
    expect(hit).toMatchObject({ upperBound: false, totalUsd: 0, paidCount: 0 });
  });

  it("keeps unknown prices out of the total and names their nodes, never counting them as $0", async () => {
    const plan = await planOk(
      workflow([t2v("k", { prompt: "a cat" }, UNPRICED_T2V), t2v("s", { prompt: "a dog", duration: 4 }, SORA_T2V)], []),
    );
    const bill = await billFor(plan, ports());
    expect(bill.entries.find((e) => e.nodeId === "k")).toMatchObject({ status: "paid", usd: null });
    expect(bill.unknownPriceNodes).toEqual(["k"]);
    expect(bill.totalUsd).toBe(0.4);
  });

  it("covers only what Run up to here needs", async () => {
    const plan = await planOk(graph(), ["r"]);
    const bill = await billFor(plan, ports());
    expect(bill.entries.map((e) => e.nodeId)).toEqual(["a", "r"]);
    expect(bill.totalUsd).toBe(0.8);
  });
});

describe("checkBudget", () => {
  async function billOf(hits: string[] = []): Promise<{ plan: Plan; bill: Bill }> {
    const plan = await planOk(graph());
    return { plan, bill: await billFor(plan, ports(hits.map((id) => cached(keyOf(plan, id))))) };
  }
  const limits = (l: Partial<BudgetLimits>): BudgetLimits => ({ spentWorkflowUsd: 0, spentGlobalUsd: 0, ...l });

  it("refuses a run over what is left of the workflow budget, with the figures", async () => {
    const { bill } = await billOf(["a", "r"]); // only b is paid: $2.40
    const v = checkBudget(bill, limits({ workflowBudgetUsd: 5, spentWorkflowUsd: 4 }));
    expect(v).toMatchObject({
      ok: false,
      reason: "over",
      scope: "workflow",
      leftUsd: 1,
      budgetUsd: 5,
      estimateUsd: 2.4,
    });
    expect(!v.ok && v.message).toBe(
      "This run is estimated at $2.40 but only $1.00 of the $5.00 workflow budget is left. Nothing was sent.",
    );
  });

  it("lets a run through that fits, to the cent", async () => {
    const { bill } = await billOf(["a", "r"]);
    expect(checkBudget(bill, limits({ workflowBudgetUsd: 5, spentWorkflowUsd: 2.6 }))).toEqual({ ok: true });
    expect(checkBudget(bill, limits({ workflowBudgetUsd: 5, spentWorkflowUsd: 2.61 })).ok).toBe(false);
  });

  it("has no opinion without a budget", async () => {
    const { bill } = await billOf();
    expect(checkBudget(bill, limits({ spentWorkflowUsd: 1000, spentGlobalUsd: 1000 }))).toEqual({ ok: true });
    expect(checkBudget(bill, limits({ workflowBudgetUsd: null, globalBudgetUsd: null }))).toEqual({ ok: true });
  });

  it("names the cap that binds when both are set, and says when one is used up", async () => {
    const { bill } = await billOf(); // $3.20
    const global = checkBudget(
      bill,
      limits({
        workflowBudgetUsd: 10,
        spentWorkflowUsd: 1,
        globalBudgetUsd: 20,
        spentGlobalUsd: 18,
        globalBudgetName: "global budget for November",
      }),
    );
    expect(!global.ok && global.message).toBe(
      "This run is estimated at $3.20 but only $2.00 of the $20.00 global budget for November is left. Nothing was sent.",
    );
    const usedUp = checkBudget(bill, limits({ workflowBudgetUsd: 3, spentWorkflowUsd: 3.5, globalBudgetUsd: 100 }));
    expect(!usedUp.ok && usedUp.scope).toBe("workflow");
    expect(!usedUp.ok && usedUp.message).toBe(
      "This run is estimated at $3.20 but the $3.00 workflow budget is used up. Nothing was sent.",
    );
  });

  it("says 'up to' when the estimate is a ceiling", async () => {
    const plan = await planOk(
      workflow(
        [image("img", "https://example.com/a.png"), i2v("v", { prompt: "waves", duration: 12 }, SORA_I2V_PRO)],
        ["img.image>v.image"],
      ),
    );
    const bill = await billFor(plan, ports());
    const v = checkBudget(bill, limits({ globalBudgetUsd: 1 }));
    expect(!v.ok && v.message).toMatch(
      /^This run is estimated at up to \$\d+\.\d\d but only \$1\.00 of the \$1\.00 global budget is left/,
    );
  });

  it("refuses unknown prices under a budget in words, even when the known part fits", async () => {
    const plan = await planOk(workflow([t2v("k", { prompt: "a cat" }, UNPRICED_T2V)], []));
    const bill = await billFor(plan, ports());
    const v = checkBudget(bill, limits({ workflowBudgetUsd: 100 }));
    expect(v).toMatchObject({ ok: false, reason: "unknown-price", unknownPriceNodes: ["k"] });
    expect(!v.ok && v.message).toMatch(
      /cannot be held to the \$100\.00 workflow budget: price unknown for k \(.+\)\. Nothing was sent\./,
    );
    // Without a cap the run may go: the bill itself shows the unknown price.
    expect(checkBudget(bill, limits({})).ok).toBe(true);
  });

  it("lets a run that pays nothing through whatever is left", async () => {
    const { bill } = await billOf(["a", "b", "r"]);
    expect(checkBudget(bill, limits({ workflowBudgetUsd: 1, spentWorkflowUsd: 50, globalBudgetUsd: 0 }))).toEqual({
      ok: true,
    });
  });
});

describe("CLI parity", () => {
  it("the CLI's pre-flight is the bill under its names, and --budget refuses exactly when checkBudget does", async () => {
    const plan = await planOk(graph());
    const p = ports([cached(keyOf(plan, "a"))], [job(keyOf(plan, "r"), "running", "req-r")]);
    const bill = await billFor(plan, p);
    const pre = await preflight(plan, p.cache as never, p.ledger as never);
    expect(pre.entries.map((e) => [e.node.id, e.status])).toEqual([
      ["a", "cached"],
      ["b", "planned"],
      ["r", "resume"],
    ]);
    expect(pre.totalUsd).toBe(bill.totalUsd);
    expect(pre.upperBound).toBe(bill.upperBound);
    expect(pre.unknownPrice).toEqual(bill.unknownPriceNodes);
    for (const budget of [0, 1, 2.39, 2.4, 2.41, 100]) {
      const refused = overBudget(pre, budget) !== undefined;
      expect(refused, `--budget ${budget}`).toBe(
        !checkBudget(bill, { workflowBudgetUsd: budget, spentWorkflowUsd: 0, spentGlobalUsd: 0 }).ok,
      );
    }
    expect(overBudget(pre, 2)).toBe("estimated cost $2.40 exceeds --budget $2.00 (b $2.40); nothing was sent");
  });

  it("the CLI refuses unknown prices under --budget too", async () => {
    const plan = await planOk(workflow([t2v("k", { prompt: "a cat" }, UNPRICED_T2V)], []));
    const p = ports();
    const pre = await preflight(plan, p.cache as never, p.ledger as never);
    expect(overBudget(pre, 50)).toMatch(
      /the price of k is unknown, so the run cannot be held to --budget \$50\.00; nothing was sent/,
    );
  });
});

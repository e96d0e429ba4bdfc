import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppSettings } from "../../../src/domain/settings";
import { createDexieResultCache } from "../../../src/adapters/db";
import { parseSpendLedger } from "../../../src/adapters/fs/spend-csv";
import { endpointId, nodeId, workflowId, type WorkflowId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { planWorkflow } from "../../../src/engine/plan";
import { createMoneyService } from "../../../src/ui/money/money-service";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { freshDb } from "../../adapters/db/helpers";
import { graph, promptNode, soraVideo } from "../sora-graphs";
import { paidEnv, falPorts, moneyRun } from "../run-fixture";
import { spendRecord } from "../../fixtures/spend-record";

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 0, runMs: 20, queuePositionStart: 0 } });
});
afterAll(async () => {
  await fal.close();
});

// Prompt → a (Sora 2, 4 s: $0.40) and b (Sora 2, 8 s: $0.80).
const doc: Workflow = graph(
  "Foxes",
  [
    promptNode("p", "a fox in the snow"),
    soraVideo("a", { duration: 4 }, { x: 300, y: 0 }),
    soraVideo("b", { duration: 8 }, { x: 300, y: 200 }),
  ],
  ["p.text>a.prompt", "p.text>b.prompt"],
);

/** The browser's wiring (src/ui/app/start) on fake-indexeddb, with the real fal client pointed at the fake fal. */
function app(opts: { settings?: Partial<AppSettings>; id?: WorkflowId } = {}) {
  const db = freshDb();
  const env = paidEnv(falPorts(db, fal.url));
  const run = moneyRun({
    db,
    env,
    getWorkflow: () => doc,
    workflowId: opts.id ?? workflowId("wf-foxes"),
    settings: opts.settings,
    now: () => new Date("2026-11-25T10:00:00.000Z"),
  });
  return { db, ...run };
}

const submits = () => fal.requests.filter((r) => r.kind === "submit").length;

describe("run controller with money", () => {
  it("refuses a run over the workflow budget before anything is sent, with the figures", async () => {
    const a = app();
    await a.budgets.set(workflowId("wf-foxes"), 1);
    await a.spend.append(
      spendRecord({
        time: "2026-11-20T10:00:00.000Z",
        workflow: "Foxes",
        node: "old",
        requestId: "r0",
        cacheKey: "k0",
      }),
      { workflowId: workflowId("wf-foxes") },
    );
    const before = fal.requests.length;
    await a.runner.runAll();
    expect(a.said).toEqual([
      "This run is estimated at $1.20 but only $0.60 of the $1.00 workflow budget is left. Nothing was sent.",
    ]);
    expect(fal.requests.length).toBe(before);
    expect(a.runs.getState().busy).toBe(false);
    expect(await a.spend.list()).toHaveLength(1);
  });

  it("refuses under this month's global budget, but not a run that fits the workflow's", async () => {
    const a = app({ settings: { globalBudgetUsd: 1, globalBudgetPeriod: "month" } });
    const before = submits();
    await a.runner.runNode(nodeId("b")); // $0.80, nothing spent yet: fits
    expect(submits()).toBe(before + 1);
    await a.runner.runNode(nodeId("a")); // $0.40 with $0.20 left
    expect(a.said.at(-1)).toBe(
      "This run is estimated at $0.40 but only $0.20 of the $1.00 global budget for November is left. Nothing was sent.",
    );
    expect(submits()).toBe(before + 1);
  });

  it("writes one spend row per job as it ends, readable by the CLI's parser, and a cached rerun adds none", async () => {
    const a = app();
    await a.runner.runAll();
    const rows = await a.spend.list();
    expect(
      rows.map((r) => [r.node, r.outcome, r.estimatedCostUsd, r.seconds, r.workflow, r.workflowId, r.source]).sort(),
    ).toEqual([
      ["a", "succeeded", 0.4, 4, "Foxes", "wf-foxes", "browser"],
      ["b", "succeeded", 0.8, 8, "Foxes", "wf-foxes", "browser"],
    ]);
    expect(rows.every((r) => r.requestId !== null)).toBe(true);
    const parsed = parseSpendLedger(await a.spend.exportCsv());
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => r.node).sort()).toEqual(["a", "b"]);
    expect((await a.money.budgetStatus()).spentWorkflowUsd).toBe(1.2);

    // All cached now: it costs nothing, fits a zero budget, and is not spend.
    await a.budgets.set(workflowId("wf-foxes"), 0);
    const before = submits();
    await a.runner.runAll();
    expect(submits()).toBe(before);
    expect(await a.spend.list()).toHaveLength(2);
    expect(a.said).toEqual([]);
  });

  it("counts a job re-attached at start-up against the budget of the workflow open now", async () => {
    const a = app();
    await a.money.recordJobEnd(
      {
        key: "k-old" as never,
        nodeId: nodeId("gone"),
        workflowName: "Foxes",
        endpoint: endpointId("fal-ai/sora-2/text-to-video"),
        inputHash: "h" as never,
        state: "running",
        requestId: "req-old" as never,
        estimatedCostUsd: 0.8,
        createdAt: "2026-11-25T09:00:00.000Z",
        updatedAt: "2026-11-25T09:00:00.000Z",
        params: { duration: 8 },
      },
      "succeeded",
    );
    expect((await a.money.budgetStatus()).spentWorkflowUsd).toBe(0.8);
    await a.budgets.set(workflowId("wf-foxes"), 1.5);
    const before = submits();
    await a.runner.runAll(); // $1.20 with $0.70 left
    expect(a.said).toEqual([
      "This run is estimated at $1.20 but only $0.70 of the $1.50 workflow budget is left. Nothing was sent.",
    ]);
    expect(submits()).toBe(before);
  });

  it("never refuses or records a demo run", async () => {
    const a = app();
    const demo = createMoneyService({
      env: {
        simulated: () => true,
        cache: async () => createDexieResultCache(a.db, { namespace: "demo" }),
        ports: async () => {
          throw new Error("not needed");
        },
      },
      spend: a.spend,
      budgets: a.budgets,
      settings: a.settings,
      getWorkflow: () => doc,
      workflowId: () => workflowId("wf-foxes"),
      onError: () => {},
    });
    await a.budgets.set(workflowId("wf-foxes"), 0);
    const planned = await planWorkflow(doc);
    if (!planned.ok) throw new Error("plan");
    const begun = await demo.beginRun(planned.plan);
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    begun.session.onEvent({
      type: "submitting",
      nodeId: nodeId("a"),
      key: planned.plan.nodes.get(nodeId("a"))!.key,
      endpoint: endpointId("fal-ai/sora-2/text-to-video"),
      at: 0,
    });
    begun.session.onEvent({
      type: "failed",
      nodeId: nodeId("a"),
      error: { code: "internal", message: "x", mayHaveBeenCharged: true },
      at: 0,
    });
    await begun.session.finish();
    expect(await a.spend.list()).toEqual([]);
  });
});

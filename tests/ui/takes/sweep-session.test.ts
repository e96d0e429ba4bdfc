// The Sweep dialog's logic end to end below the React layer: the real planSweep, the app's run
// controller with its money service (bill, budget, spend rows on fake-indexeddb), the real
// @fal-ai/client against the fake fal over HTTP, and the take service's Dexie store.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nodeId, workflowId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { previewSweep, runSweep, type SweepDeps } from "../../../src/ui/takes/sweep/sweep-session";
import { freshDb } from "../../adapters/db/helpers";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { soraChain } from "../sora-graphs";
import { dexieTakes, paidEnv, falPorts, moneyRun } from "../run-fixture";

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 0, runMs: 40, queuePositionStart: 0 } });
});
afterAll(async () => {
  await fal.close();
});
beforeEach(() => fal.reset());

const W = workflowId("wf-sweep");
const V = nodeId("v");
// Prompt → v (Sora 2, $0.10/s at 720p).
const doc: Workflow = soraChain({ name: "Sweeps", text: "a heron taking off", spread: true });

/** The browser's wiring (src/ui/app/start) for a sweep, on fake-indexeddb, fal mode. */
function app() {
  const db = freshDb();
  const ports = falPorts(db, fal.url);
  const env = paidEnv(ports, 4);
  const { runner, money, spend, budgets, runs, said } = moneyRun({ db, env, getWorkflow: () => doc, workflowId: W });
  const takes = dexieTakes(db, ports.cache);
  const deps: SweepDeps = {
    getWorkflow: () => doc,
    workflowId: () => W,
    runner,
    billOfPlan: (plan) => money.billOfPlan(plan),
    recordTake: (take, result) => takes.record(take, result),
  };
  return { deps, takes, spend, budgets, runs, said };
}

const submitBodies = () => fal.requestsOf("submit").map((r) => r.body as Record<string, unknown>);

describe("sweep from the dialog's side", () => {
  it("bills three durations before running, sends exactly those three jobs, and files three takes of the node at the billed cost", async () => {
    const a = app();
    const preview = await previewSweep(a.deps, { nodeId: V, param: "duration", values: [4, 8, 12] });
    if (!preview.ok) throw new Error(preview.errors.join("; "));
    // The bill comes first: one paid line per value, priced by duration, and nothing sent yet.
    expect(preview.lines.map((l) => [l.value, l.entry.status, l.entry.usd])).toEqual([
      [4, "paid", 0.4],
      [8, "paid", 0.8],
      [12, "paid", 1.2],
    ]);
    expect(preview.upstream).toEqual([]);
    expect(preview.bill.totalUsd).toBe(2.4);
    expect(preview.verdict.ok).toBe(true);
    expect(fal.requestsOf("submit")).toHaveLength(0);

    const events: string[] = [];
    const out = await runSweep(a.deps, preview, (ev) => events.push(ev.type));
    expect(out.summary?.ok).toBe(true);
    expect(out.notFiled).toEqual([]);
    expect(events).toContain("run-finished");

    // Exactly three submits, one per value, each with the node's prompt.
    const bodies = submitBodies();
    expect(bodies.map((b) => b.duration).sort((x, y) => Number(x) - Number(y))).toEqual([4, 8, 12]);
    expect(bodies.every((b) => b.prompt === "a heron taking off")).toBe(true);

    // Three takes of the ORIGINAL node, marked with the swept value, under the planned keys.
    const stored = await a.takes.list(W, V);
    expect(stored.map((t) => t.sweep?.value).sort((x, y) => Number(x) - Number(y))).toEqual([4, 8, 12]);
    expect(
      stored.every((t) => t.nodeId === V && t.sweep?.param === "duration" && t.params.duration === t.sweep.value),
    ).toBe(true);
    expect(new Set(stored.map((t) => t.key))).toEqual(new Set(preview.sweep.runs.map((r) => r.key)));
    const takeCost = stored.reduce((s, t) => s + (t.costUsd ?? 0), 0);
    expect(Math.round(takeCost * 100) / 100).toBe(preview.bill.totalUsd);

    // The spend ledger has one row per paid job, adding up to the bill.
    const rows = await a.spend.list();
    expect(rows).toHaveLength(3);
    expect(Math.round(rows.reduce((s, r) => s + (r.estimatedCostUsd ?? 0), 0) * 100) / 100).toBe(2.4);
    // Each row names the swept node (not its clone) and says which value it ran.
    expect(rows.map((r) => r.node)).toEqual([V, V, V]);
    expect(rows.map((r) => r.note).sort()).toEqual([
      "sweep: duration = 12",
      "sweep: duration = 4",
      "sweep: duration = 8",
    ]);
    expect(new Set(rows.map((r) => r.cacheKey))).toEqual(new Set(preview.sweep.runs.map((r) => r.key)));
    const csv = await a.spend.exportCsv();
    expect(csv.split("\n")[0]).toBe(
      "time,workflow,node,endpoint,seconds,estimated_cost_usd,outcome,request_id,cache_key,source,note",
    );
    expect(csv).toContain(",browser,sweep: duration = 8\n");
    expect(a.said).toEqual([]);
    expect(a.runs.getState().busy).toBe(false);

    // Swept again: the values already made are free, and running sends nothing and files no second take.
    const again = await previewSweep(a.deps, { nodeId: V, param: "duration", values: [8, 12] });
    if (!again.ok) throw new Error(again.errors.join("; "));
    expect(again.lines.map((l) => l.entry.status)).toEqual(["cached", "cached"]);
    expect(again.bill.totalUsd).toBe(0);
    await runSweep(a.deps, again);
    expect(fal.requestsOf("submit")).toHaveLength(3);
    expect(await a.takes.list(W, V)).toHaveLength(3);
  });

  it("new takes: the same values are billed and paid again, as further takes", async () => {
    const a = app();
    const first = await previewSweep(a.deps, { nodeId: V, param: "duration", values: [4, 8] });
    if (!first.ok) throw new Error(first.errors.join("; "));
    await runSweep(a.deps, first);
    const fresh = await previewSweep(a.deps, { nodeId: V, param: "duration", values: [4, 8] }, { newTakes: true });
    if (!fresh.ok) throw new Error(fresh.errors.join("; "));
    expect(fresh.lines.map((l) => l.entry.status)).toEqual(["paid", "paid"]);
    expect(fresh.bill.totalUsd).toBe(1.2);
    await runSweep(a.deps, fresh);
    expect(fal.requestsOf("submit")).toHaveLength(4);
    expect(await a.takes.list(W, V)).toHaveLength(4);
  });

  it("a value the model refuses is named before anything is planned or sent", async () => {
    const a = app();
    const preview = await previewSweep(a.deps, { nodeId: V, param: "duration", values: [4, 5] });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.errors.join(" ")).toMatch(/duration 5/);
    expect(fal.requests).toHaveLength(0);
  });

  it("over the workflow budget: the bill says so, and running sends nothing and files nothing", async () => {
    const a = app();
    await a.budgets.set(W, 1);
    const preview = await previewSweep(a.deps, { nodeId: V, param: "duration", values: [4, 8, 12] });
    if (!preview.ok) throw new Error(preview.errors.join("; "));
    expect(preview.verdict.ok).toBe(false);
    const out = await runSweep(a.deps, preview);
    expect(out.summary).toBeNull();
    expect(out.filed).toEqual([]);
    expect(a.said.at(-1)).toMatch(/estimated at \$2\.40 .*\$1\.00 workflow budget.*Nothing was sent/);
    expect(fal.requestsOf("submit")).toHaveLength(0);
    expect(await a.takes.list(W, V)).toEqual([]);
  });
});

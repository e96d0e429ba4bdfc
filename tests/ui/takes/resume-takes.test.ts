// A job a reload interrupts is filed as a take when the start-up resume finishes it, and chosen like a
// paid success of its run. Real parts: Dexie on fake-indexeddb, the real @fal-ai/client against the
// fake fal, the real run controller, recorder and reliability wiring. "Reload" = a second page on a
// copy of the first page's stored rows (its run never reports back), the fake fal still holding the job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBudgetRepository,
  createDexieJobLedger,
  createDexieResultCache,
  createDexieSpendLedger,
} from "../../../src/adapters/db";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { createJobAnnouncer } from "../../../src/adapters/locks/announcer";
import { createTabLocking } from "../../../src/adapters/locks/tab-locking";
import { contentHash, nodeId, workflowId } from "../../../src/domain/ids";
import type { GenerationData, Workflow } from "../../../src/domain/workflow";
import { createEditorStore } from "../../../src/editor/store";
import type { Job } from "../../../src/engine/ports";
import { planWorkflow } from "../../../src/engine/plan";
import { planSweep } from "../../../src/engine/sweep";
import { createMoneyService } from "../../../src/ui/money/money-service";
import { connectReliability } from "../../../src/ui/reliability/connect";
import type { StorageAccess } from "../../../src/ui/reliability/storage-access";
import { createRunController, type RunEnvironment } from "../../../src/ui/run/run-controller";
import { createRunStore } from "../../../src/ui/run/run-store";
import { createTakeRecorder } from "../../../src/ui/takes/recorder";
import { createToastStore } from "../../../src/ui/toast/toast-store";
import { MemoryLockManager } from "../../adapters/locks/memory-lock-manager";
import { freshDb } from "../../adapters/db/helpers";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { soraChain } from "../sora-graphs";
import { dexieTakes, memorySettings } from "../run-fixture";

const W = workflowId("wf-resume");
const P = nodeId("p");
const V = nodeId("v");

const workflow: Workflow = soraChain({ name: "resume takes", text: "a lighthouse in fog" });

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 20, runMs: 1500, queuePositionStart: 0, streamIntervalMs: 20 } });
});
afterAll(async () => {
  await fal.close();
});

const storage: StorageAccess = {
  list: async () => [],
  jobs: async () => new Map(),
  remove: async () => undefined,
  estimate: async () => null,
  persisted: async () => true,
  requestPersist: async () => "granted",
};

/** One page of the app: its database, editor (the workflow as saved), run controller and resume wiring. */
function page() {
  const db = freshDb();
  const cache = createDexieResultCache(db, { namespace: "paid" });
  const ledger = createDexieJobLedger(db, { namespace: "paid" });
  const client = createFalInferenceClient({ proxyUrl: fal.url, pollIntervalMs: 30 });
  const env: RunEnvironment = {
    simulated: () => false,
    cache: async () => cache,
    ports: async () => ({ client, cache, ledger }),
  };
  const editor = createEditorStore({ doc: workflow, workflowId: W });
  const runs = createRunStore();
  const toasts = createToastStore();
  const takes = dexieTakes(db, cache, { makeThumbnail: async () => new Blob(["thumb"], { type: "image/jpeg" }) });
  const errors: string[] = [];
  const settings = memorySettings();
  const spend = createDexieSpendLedger(db);
  const money = createMoneyService({
    env,
    spend,
    budgets: createBudgetRepository(db),
    settings,
    getWorkflow: () => editor.getState().doc,
    workflowId: () => editor.getState().workflowId,
    onError: (m) => errors.push(m),
  });
  const recorder = createTakeRecorder({
    takes,
    openWorkflowId: () => editor.getState().workflowId,
    choose: (id, choice) => editor.getState().recordTakeChoice(id, choice),
    getWorkflow: () => editor.getState().doc,
    onError: (m) => errors.push(m),
  });
  const reliability = connectReliability({
    env,
    runs,
    toasts,
    storage,
    mode: () => "fal",
    refreshLookups: () => undefined,
    locking: createTabLocking({
      locks: new MemoryLockManager(),
      announcer: createJobAnnouncer(`resume-takes-${Math.random()}`),
    }),
    onResumedResult: (job, result, opts) => recorder.resumed(job, result, opts),
    onResumedJobEnd: (job, outcome, { seconds }) =>
      money.recordJobEnd(job, outcome, { seconds, ...(job.workflowId ? { workflowId: job.workflowId } : {}) }),
  });
  const runner = createRunController(
    runs,
    reliability.env,
    () => editor.getState().doc,
    { say: () => undefined },
    money,
    recorder,
  );
  const data = (id: string) => editor.getState().doc.nodes.find((n) => n.id === id)?.data as GenerationData;
  return { db, cache, ledger, editor, runs, toasts, takes, errors, reliability, runner, data, spend };
}

/** Waits until the first page's ledger holds every job with fal's request id, then copies the rows to a new page. */
async function reloadMidJob(
  first: ReturnType<typeof page>,
  count: number,
): Promise<{ second: ReturnType<typeof page>; rows: Job[] }> {
  await expect
    .poll(async () => (await first.ledger.unfinished()).filter((j) => j.requestId).length, { timeout: 10_000 })
    .toBe(count);
  const rows = await first.ledger.unfinished();
  const second = page();
  for (const row of rows) await second.ledger.open(row);
  return { second, rows };
}

describe("a job finished by the start-up resume after a reload", () => {
  it("is filed as a take of its workflow and node (with what made it) and becomes the chosen take, without an undo step", async () => {
    const first = page();
    const running = first.runner.runAll();
    const { second, rows } = await reloadMidJob(first, 1);
    const [row] = rows;
    // The row written at submit names the workflow and the take-to-be.
    expect(row).toMatchObject({
      nodeId: V,
      workflowId: W,
      take: {
        workflowId: W,
        nodeId: V,
        key: row!.key,
        variant: "",
        prompt: "a lighthouse in fog",
        costUsd: 0.4,
        requestId: null,
      },
    });
    const submitted = fal.submittedCount();

    const history = second.editor.getState().history;
    await second.reliability.resumeAtStart();

    expect(fal.submittedCount()).toBe(submitted);
    const takes = await second.takes.list(W, V);
    expect(takes).toHaveLength(1);
    expect(takes[0]).toMatchObject({
      workflowId: W,
      nodeId: V,
      key: row!.key,
      variant: "",
      prompt: "a lighthouse in fog",
      inputs: [{ port: "prompt", nodeId: P, kind: "prompt", text: "a lighthouse in fog" }],
      costUsd: 0.4,
      requestId: row!.requestId,
    });
    expect(second.data("v").take).toEqual({ key: row!.key });
    expect(second.editor.getState().history).toEqual(history);
    expect(second.errors).toEqual([]);
    // Its spend row is written here: the page that sent it never saw it end.
    expect(
      (await second.spend.list()).map((r) => [
        r.workflowId,
        r.node,
        r.outcome,
        r.requestId,
        r.estimatedCostUsd,
        r.cacheKey,
      ]),
    ).toEqual([[W, V, "succeeded", row!.requestId, 0.4, row!.key]]);
    // A later Run finds it chosen and cached: nothing paid, nothing filed twice.
    await second.runner.runAll();
    expect(fal.submittedCount()).toBe(submitted);
    expect(second.runs.getState().run.nodes[V]?.status).toBe("cached");
    expect(await second.takes.list(W, V)).toHaveLength(1);
    expect(await second.spend.list()).toHaveLength(1);
    await running;
    second.reliability.dispose();
    first.reliability.dispose();
  }, 30_000);

  it("a new take resumed is chosen with its variant", async () => {
    const first = page();
    const running = first.runner.newTake(V, "resume-nonce");
    const { second, rows } = await reloadMidJob(first, 1);
    expect(rows[0]?.take?.variant).toBe("resume-nonce");
    await second.reliability.resumeAtStart();
    const [take] = await second.takes.list(W, V);
    expect(take).toMatchObject({ variant: "resume-nonce", key: rows[0]!.key });
    expect(second.data("v").take).toEqual({ key: rows[0]!.key, variant: "resume-nonce" });
    await running;
    second.reliability.dispose();
    first.reliability.dispose();
  }, 30_000);

  it("is filed but not chosen when the node was edited since (or another workflow is open)", async () => {
    const first = page();
    const running = first.runner.runAll();
    const { second, rows } = await reloadMidJob(first, 1);
    second.editor.getState().setParam(V, "duration", 8);
    await second.reliability.resumeAtStart();
    const [take] = await second.takes.list(W, V);
    expect(take).toMatchObject({ key: rows[0]!.key, params: { duration: 4 } });
    expect(second.data("v").take).toBeUndefined();

    const third = page();
    third.editor.getState().replaceDocument(workflow, { workflowId: workflowId("another") });
    for (const row of rows) await third.ledger.open({ ...row, state: "queued" });
    await third.reliability.resumeAtStart();
    expect(await third.takes.list(W, V)).toHaveLength(1);
    expect(await third.takes.list(workflowId("another"), V)).toEqual([]);
    expect(third.data("v").take).toBeUndefined();
    await running;
    for (const p of [first, second, third]) p.reliability.dispose();
  }, 30_000);

  it("a sweep's job is filed under the swept node with its value, and chooses nothing", async () => {
    const first = page();
    const planned = await planSweep(workflow, { nodeId: V, param: "duration", values: [8, 12] });
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
    const { sweep } = planned;
    const valueOf = new Map(sweep.runs.map((r) => [r.runNodeId, r.value]));
    const running = first.runner.runPlan(sweep.plan, {
      sweep: { param: "duration", valueOf: (id) => valueOf.get(id) },
    });
    const { second, rows } = await reloadMidJob(first, 2);
    expect(rows.map((r) => r.take?.nodeId)).toEqual([V, V]);
    await second.reliability.resumeAtStart();
    const takes = await second.takes.list(W, V);
    expect(takes.map((t) => Number(t.sweep?.value)).sort((a, b) => a - b)).toEqual([8, 12]);
    expect(takes.every((t) => t.sweep?.param === "duration" && t.params.duration === t.sweep.value)).toBe(true);
    expect(new Set(takes.map((t) => t.key))).toEqual(new Set(sweep.runs.map((r) => r.key)));
    expect(second.data("v").take).toBeUndefined();
    // Spend rows name the swept node and the value, like the sweep's own run writes them.
    expect((await second.spend.list()).map((r) => `${r.node} ${r.note}`).sort()).toEqual([
      `${V} sweep: duration = 12`,
      `${V} sweep: duration = 8`,
    ]);
    await running;
    second.reliability.dispose();
    first.reliability.dispose();
  }, 30_000);

  it("a job whose submit answer was lost is spend of unknown outcome once, not at every start", async () => {
    const p = page();
    const now = new Date().toISOString();
    const planned = await planWorkflow(workflow);
    if (!planned.ok) throw new Error("plan");
    const node = planned.plan.nodes.get(V);
    if (node?.role !== "generation") throw new Error("plan");
    await p.ledger.open({
      key: node.key,
      nodeId: V,
      workflowName: workflow.name,
      workflowId: W,
      endpoint: node.endpoint,
      inputHash: contentHash("h"),
      state: "submitting",
      requestId: null,
      estimatedCostUsd: 0.4,
      createdAt: now,
      updatedAt: now,
      params: node.params,
    });
    const submitted = fal.submittedCount();
    await p.reliability.resumeAtStart();
    await p.reliability.resumeAtStart();
    expect(fal.submittedCount()).toBe(submitted);
    expect((await p.spend.list()).map((r) => [r.node, r.outcome, r.estimatedCostUsd])).toEqual([[V, "unknown", 0.4]]);
    expect(await p.takes.list(W, V)).toEqual([]);
    p.reliability.dispose();
  });

  it("a row written before jobs carried their take is filed (and chosen) when the open node makes exactly its key", async () => {
    const first = page();
    const running = first.runner.runAll();
    const { rows } = await reloadMidJob(first, 1);
    const second = page();
    const { take: _take, workflowId: _w, ...legacy } = rows[0]!;
    await second.ledger.open(legacy);
    await second.reliability.resumeAtStart();
    const [take] = await second.takes.list(W, V);
    expect(take).toMatchObject({ key: legacy.key, prompt: "a lighthouse in fog", costUsd: 0.4 });
    expect(second.data("v").take).toEqual({ key: legacy.key });
    await running;
    second.reliability.dispose();
    first.reliability.dispose();
  }, 30_000);
});

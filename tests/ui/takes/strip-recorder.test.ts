// Takes filed by real runs: the real planner, executor and run controller (demo inference client, so
// nothing leaves the process) with the take recorder on a Dexie store (fake-indexeddb).
import { describe, expect, it } from "vitest";
import { createDexieTakeStore } from "../../../src/adapters/db/takes";
import { nodeId, workflowId, type CacheKey } from "../../../src/domain/ids";
import type { GenerationData, Workflow } from "../../../src/domain/workflow";
import { createEditorStore } from "../../../src/editor/store";
import type { CachedResult } from "../../../src/engine/ports";
import { createRunController, type RunEnvironment } from "../../../src/ui/run/run-controller";
import { createRunStore } from "../../../src/ui/run/run-store";
import { createTakeRecorder } from "../../../src/ui/takes/recorder";
import { freshDb } from "../../adapters/db/helpers";
import { memoryCache } from "../harness";
import { soraChain } from "../sora-graphs";
import { dexieTakes, recordingDemoClient } from "../run-fixture";

const W = workflowId("wf-takes");
const V = nodeId("v");
const R = nodeId("r");

const workflow: Workflow = soraChain({ name: "takes", text: "waves at night", remix: "in daylight" });

/** `paid`: the run is a real one (not demo mode), so takes cost money and land in the paid namespace. */
function setup({ simulated = false } = {}) {
  const editor = createEditorStore({ doc: workflow, workflowId: W });
  const runs = createRunStore();
  const cache = memoryCache();
  const { client, submitted } = recordingDemoClient(5);
  const env: RunEnvironment = {
    simulated: () => simulated,
    cache: async () => cache,
    ports: async () => ({ client, cache }),
  };
  const db = freshDb();
  const thumbsMadeFor: CacheKey[] = [];
  const takes = dexieTakes(db, cache, {
    namespace: () => (simulated ? "demo" : "paid"),
    makeThumbnail: async (r: CachedResult) => {
      thumbsMadeFor.push(r.key);
      return new Blob([`thumb of ${r.key}`], { type: "image/jpeg" });
    },
  });
  const errors: string[] = [];
  const recorder = createTakeRecorder({
    takes,
    openWorkflowId: () => editor.getState().workflowId,
    choose: (id, choice) => editor.getState().recordTakeChoice(id, choice),
    onError: (m) => errors.push(m),
  });
  const said: string[] = [];
  const runner = createRunController(
    runs,
    env,
    () => editor.getState().doc,
    { say: (m) => said.push(m) },
    undefined,
    recorder,
  );
  const data = (id: string) => editor.getState().doc.nodes.find((n) => n.id === id)?.data as GenerationData;
  const plannedKey = async (id: string) => {
    await runner.refresh(editor.getState().doc);
    return runs.getState().keys[id];
  };
  return { editor, runs, runner, takes, submitted, thumbsMadeFor, errors, said, data, plannedKey, db };
}

describe("take recorder in the run controller", () => {
  it("files each result once as a take with what made it, and makes a paid result the chosen take without an undo step", async () => {
    const t = setup();
    t.editor.getState().setParam(R, "prompt", "in bright daylight");
    const undoBefore = t.editor.getState().history;
    await t.runner.runAll();
    expect(t.submitted).toHaveLength(2);

    const [v1] = await t.takes.list(W, V);
    const [r1] = await t.takes.list(W, R);
    expect(v1).toMatchObject({
      workflowId: W,
      nodeId: V,
      variant: "",
      endpoint: "fal-ai/sora-2/text-to-video",
      params: { duration: 4 },
      prompt: "waves at night",
      inputs: [{ port: "prompt", nodeId: "p", kind: "prompt", text: "waves at night" }],
      costUsd: 0.4,
    });
    expect(v1?.requestId).toBeTruthy();
    expect(r1).toMatchObject({
      prompt: "in bright daylight",
      inputs: [{ port: "video", nodeId: "v", key: v1!.key, kind: "text-to-video" }],
    });
    expect(t.data("v").take).toEqual({ key: v1!.key });
    expect(t.data("r").take).toEqual({ key: r1!.key });
    // Choosing the run's results is not an edit: undo still takes back the prompt edit.
    expect(t.editor.getState().history).toEqual(undoBefore);

    // Again from the cache: nothing new is filed or paid, no thumbnail is made twice.
    await t.runner.runAll();
    expect(t.submitted).toHaveLength(2);
    expect(await t.takes.list(W, V)).toHaveLength(1);
    expect(await t.takes.list(W, R)).toHaveLength(1);
    await expect
      .poll(async () => (await t.takes.get({ workflowId: W, nodeId: V, key: v1!.key }))?.thumbnailHash)
      .toBeTruthy();
    await expect
      .poll(async () => (await t.takes.get({ workflowId: W, nodeId: R, key: r1!.key }))?.thumbnailHash)
      .toBeTruthy();
    expect([...t.thumbsMadeFor].sort()).toEqual([v1!.key, r1!.key].sort());
    expect(
      new TextDecoder().decode(
        await (await t.takes.thumbnail({ workflowId: W, nodeId: V, key: v1!.key }))!.arrayBuffer(),
      ),
    ).toBe(`thumb of ${v1!.key}`);
    expect(t.errors).toEqual([]);
  });

  it("new take: bill says paid on purpose; it runs only that node and becomes the chosen take; choosing the first take back serves the remix from the cache", async () => {
    const t = setup();
    await t.runner.runAll();
    const [v1] = await t.takes.list(W, V);
    const [r1] = await t.takes.list(W, R);

    const variant = "nonce-1";
    const bill = await t.runner.billOfNewTake(V, variant);
    expect(bill.ok).toBe(true);
    if (!bill.ok) return;
    expect(bill.bill.entries).toHaveLength(1);
    expect(bill.bill.entries[0]).toMatchObject({ nodeId: V, status: "paid", newTake: true, usd: 0.4 });
    expect(bill.bill.entries[0]?.basis).toMatch(/^new take: paid on purpose/);

    await t.runner.newTake(V, variant);
    expect(t.submitted).toHaveLength(3);
    expect(t.submitted[2]?.endpoint).toBe("fal-ai/sora-2/text-to-video");
    const vTakes = await t.takes.list(W, V);
    expect(vTakes.map((x) => x.variant)).toEqual(["", variant]);
    const v2 = vTakes[1]!;
    expect(v2.key).not.toBe(v1!.key);
    expect(v2.costUsd).toBe(0.4);
    expect(t.data("v").take).toEqual({ key: v2.key, variant });
    expect(await t.plannedKey("v")).toBe(v2.key);
    const r2Key = await t.plannedKey("r");
    expect(r2Key).not.toBe(r1!.key);

    // The remix of the new take is paid once, and is sent the new take's video.
    await t.runner.runAll();
    expect(t.submitted).toHaveLength(4);
    const v2Result = (await t.takes.get({ workflowId: W, nodeId: V, key: v2.key }))!;
    expect(v2Result.requestId).toBeTruthy();

    // Back to the first take: the remix made from it is still in the cache.
    const first = (await t.takes.get({ workflowId: W, nodeId: V, key: v1!.key }))!;
    expect(t.editor.getState().chooseTake(V, first).ok).toBe(true);
    expect(await t.plannedKey("v")).toBe(v1!.key);
    expect(await t.plannedKey("r")).toBe(r1!.key);
    await t.runner.runAll();
    expect(t.submitted).toHaveLength(4);
    expect(t.runs.getState().run.nodes[R]?.status).toBe("cached");
    expect((await t.takes.list(W, R)).map((x) => x.key)).toEqual([r1!.key, r2Key]);
  });

  it("demo runs file demo takes at $0, apart from paid ones", async () => {
    const t = setup({ simulated: true });
    await t.runner.runAll();
    const demo = createDexieTakeStore(t.db, { namespace: "demo" });
    const paid = createDexieTakeStore(t.db, { namespace: "paid" });
    expect((await demo.list(W, V)).map((x) => x.costUsd)).toEqual([0]);
    expect(await paid.list(W, V)).toEqual([]);
    expect(t.data("v").take).toBeDefined();
  });

  it("a run of a workflow that is no longer open files its takes but chooses nothing in the open one", async () => {
    const t = setup();
    const running = t.runner.runAll();
    t.editor.getState().replaceDocument(workflow, { workflowId: workflowId("another") });
    await running;
    expect(await t.takes.list(W, V)).toHaveLength(1);
    expect(t.data("v").take).toBeUndefined();
  });

  it("a pinned node served from the cache files no take (its current params did not make it)", async () => {
    const t = setup();
    await t.runner.runAll();
    const [v1] = await t.takes.list(W, V);
    expect(t.editor.getState().setPinned(V, true).ok).toBe(true);
    t.editor.getState().setParam(V, "duration", 8);
    // As in a browser that has the result but not the take (e.g. the workflow came as a file).
    await t.db.takes.clear();
    await t.runner.runAll();
    expect(t.submitted).toHaveLength(2);
    expect(t.runs.getState().run.nodes[V]?.status).toBe("cached");
    expect(v1?.params).toMatchObject({ duration: 4 });
    // Filing it now would say it was made with duration 8.
    expect(await t.takes.list(W, V)).toEqual([]);
    // The remix downstream is not pinned: its take is filed as usual.
    expect(await t.takes.list(W, R)).toHaveLength(1);
  });
});

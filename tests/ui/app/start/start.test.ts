// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import {
  createDexieTakeStore,
  createSettingsRepository,
  createWorkflowRepository,
  DB_NAME,
  openReelflowDb,
} from "../../../../src/adapters/db";
import { contentHash, type CacheKey, type ContentHash, type NodeId } from "../../../../src/domain/ids";
import { planWorkflow } from "../../../../src/engine/plan";
import { encodeShareLink } from "../../../../src/adapters/share";
import { sampleEntry } from "../../../adapters/db/helpers";
import { readStartRows, type StartRows } from "../../../../src/adapters/db/start-reader";
import type { WorkflowRow } from "../../../../src/adapters/db/database";
import type { Workflow } from "../../../../src/domain/workflow";
import { startServices } from "../../../../src/ui/app/start/compose";
import { openInitial } from "../../../../src/ui/app/start/snapshot";
import { promptDoc } from "../../../adapters/db/prompt-doc";
import { kiteTake } from "../../../fixtures/kite-take";

const doc = (name: string): Workflow => promptDoc(name);
const row = (id: string, text: string, deletedAt: string | null = null): WorkflowRow =>
  ({
    id,
    name: id,
    doc: text,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    deletedAt,
  }) as WorkflowRow;
const rows = (last?: WorkflowRow, recent?: WorkflowRow): StartRows => ({
  settings: {} as StartRows["settings"],
  last,
  recent,
});

describe("the first workflow, from the start rows", () => {
  it("opens the last one, else the most recent one in use, else a new one not stored yet", () => {
    const good = JSON.stringify(doc("Good"));
    expect(openInitial(rows(row("wf-a", good)))).toMatchObject({ id: "wf-a", doc: { name: "Good" }, unstored: false });
    expect(
      openInitial(rows(row("wf-a", good, "2026-01-02T00:00:00.000Z"), row("wf-b", JSON.stringify(doc("Recent"))))),
    ).toMatchObject({ id: "wf-b", doc: { name: "Recent" }, unstored: false });
    const fresh = openInitial(rows());
    expect(fresh).toMatchObject({ doc: { name: "Untitled workflow", nodes: [] }, unstored: true });
    expect(fresh.id).toMatch(/^wf-[0-9a-f]{10}$/);
    expect(fresh.problem).toBeUndefined();
  });

  it("says when the last one cannot be read, and opens a new one instead (the stored one is untouched)", () => {
    const out = openInitial(rows(row("wf-bad", "{ not json")));
    expect(out.unstored).toBe(true);
    expect(out.id).not.toBe("wf-bad");
    expect(out.problem).toMatch(/Your last workflow "wf-bad" could not be read/);
  });
});

describe("start-up", () => {
  it("shows the first screen from the start rows, and an edit made before the rest is loaded is autosaved", async () => {
    // An earlier visit left a workflow and chose it as the last one.
    const db = openReelflowDb(DB_NAME);
    const w = await createWorkflowRepository(db).create({ workflow: doc("Earlier") });
    await createSettingsRepository(db).update({ lastWorkflowId: w.id, setupDone: true });
    db.close();

    const { services, loadRest } = await startServices();
    expect(services.editor.getState().workflowId).toBe(w.id);
    expect(services.editor.getState().doc.name).toBe("Earlier");
    expect(services.settings.getState().setupDone).toBe(true);
    // Edited before Dexie and the run code are here.
    services.editor.getState().renameWorkflow("Edited at once");
    // The page is hidden at once: autosave's flush writes the row without waiting for Dexie.
    window.dispatchEvent(new Event("pagehide"));
    await vi.waitFor(async () => expect((await readStartRows()).last?.name).toBe("Edited at once"), {
      timeout: 10_000,
      interval: 100,
    });
    // A later edit, with Dexie here, is saved through the repository as before.
    await loadRest();
    services.editor.getState().renameWorkflow("Edited later");
    window.dispatchEvent(new Event("pagehide"));
    await vi.waitFor(async () => expect((await readStartRows()).last?.name).toBe("Edited later"), {
      timeout: 10_000,
      interval: 100,
    });
    // The run controller is the real one now: a refresh plans the document without error.
    await services.runner.refresh(services.editor.getState().doc);
  });

  it("opens a workflow with video nodes with its results, videos and takes from a first plan made before storage and the run code arrive", async () => {
    const db = openReelflowDb(DB_NAME);
    const repo = createWorkflowRepository(db);
    const withVideo: Workflow = {
      ...doc("Videos"),
      nodes: [
        {
          id: "v" as Workflow["nodes"][number]["id"],
          type: "text-to-video",
          position: { x: 0, y: 0 },
          data: { endpoint: "fal-ai/sora-2/text-to-video" as never, params: { prompt: "a kite", duration: 4 } },
        },
      ],
    };
    const videos = await repo.create({ workflow: withVideo });
    const prompts = await repo.create({ workflow: doc("Prompts only") });
    const settings = createSettingsRepository(db);
    // An earlier demo run of the video node left its result, its video and a take.
    const plan = await planWorkflow(withVideo);
    if (!plan.ok) throw new Error("plans");
    const key = plan.plan.nodes.get("v" as NodeId)?.key as CacheKey;
    // Rows as the result cache writes them (jsdom's Blob does not survive fake-indexeddb's copy, so the cache's own
    // hashing of it cannot run here; tests/adapters/db/start-results.test.ts reads real bytes back in Node).
    const entry = sampleEntry(key, "https://fal.media/v.mp4", {
      simulated: true,
      mediaHash: contentHash("ab".repeat(32)),
    });
    await db.results.put({ ...entry, namespace: "demo" });
    await db.blobs.put({
      hash: entry.mediaHash as ContentHash,
      blob: new Blob(["video"], { type: "video/mp4" }),
      size: 5,
      type: "video/mp4",
      createdAt: entry.createdAt,
    });
    const takeStore = createDexieTakeStore(db, { namespace: "demo" });
    await takeStore.record(
      kiteTake({
        workflowId: videos.id,
        nodeId: "v" as NodeId,
        key,
        endpoint: entry.endpoint,
        costUsd: 0,
        createdAt: "2026-12-01T00:00:00.000Z",
      }),
    );
    const storedTakes = await takeStore.listWorkflow(videos.id);
    const waiting = (p: Promise<unknown>) =>
      Promise.race([p.then(() => "loaded"), new Promise((r) => setTimeout(() => r("waiting"), 300))]);

    // Prompts only: nothing of storage or the run code is needed on the first screen; fetched 0.4 s after its paint.
    await settings.update({ lastWorkflowId: prompts.id, setupDone: true, mode: "demo" });
    const quiet = await startServices();
    expect(quiet.restDelayMs).toBe(400);
    expect(quiet.services.runs.getState().plan).toBeNull();

    await settings.update({ lastWorkflowId: videos.id });
    db.close();
    const { services: opened, loadRest, restDelayMs } = await startServices();
    expect(opened.editor.getState().doc.name).toBe("Videos");
    // Before anything else is loaded (refresh() waits for the run code, which nobody started), the run store
    // already holds the node's key, its stored result and the Run button's figures: the first frame shows them.
    expect(await waiting(opened.runner.refresh(opened.editor.getState().doc))).toBe("waiting");
    const first = opened.runs.getState();
    expect(first.keys["v"]).toBe(key);
    expect(first.stored["v"]).toEqual(entry);
    expect(first.preview).toMatchObject({ cached: 1, paid: 0, simulated: true });
    // Its video is at hand for the player, once; its take strip opens with the stored take.
    expect(opened.media.blobAtHand?.(entry.mediaHash as ContentHash)).toBeDefined();
    expect(opened.media.blobAtHand?.(entry.mediaHash as ContentHash)).toBeUndefined();
    expect(opened.takes?.feed(videos.id, "demo").get("v" as NodeId)).toEqual(storedTakes);
    expect(restDelayMs).toBe(0);

    // The run controller arrives with the first plan's lookups: its own plan reads nothing again and hands the
    // node views the very same result (so none of them re-renders).
    await loadRest();
    await opened.runner.refresh(opened.editor.getState().doc);
    expect(opened.runs.getState().plan).not.toBe(first.plan);
    expect(opened.runs.getState().stored["v"]).toBe(first.stored["v"]);
  });
  it("does not hold the first frame of a very big graph (over 200 video nodes) for its first plan, which comes after on its own", async () => {
    const db = openReelflowDb(DB_NAME);
    const big: Workflow = {
      ...doc("Big"),
      nodes: Array.from({ length: 201 }, (_, i) => ({
        id: `v${i}` as Workflow["nodes"][number]["id"],
        type: "text-to-video" as const,
        position: { x: i * 10, y: 0 },
        data: { endpoint: "fal-ai/sora-2/text-to-video" as never, params: { prompt: `kite ${i}`, duration: 4 } },
      })),
    };
    const row = await createWorkflowRepository(db).create({ workflow: big });
    await createSettingsRepository(db).update({ lastWorkflowId: row.id, setupDone: true });
    db.close();
    const { services: started } = await startServices();
    expect(started.editor.getState().doc.name).toBe("Big");
    expect(started.runs.getState().plan).toBeNull();
    // Planned without storage or the run code (nobody loaded them): the start path's own first plan.
    await vi.waitFor(() => expect(Object.keys(started.runs.getState().keys)).toHaveLength(201), { timeout: 10_000 });
  });
  it("stores a workflow opened from a share link at once, as the one the next start opens, before storage and the run code arrive", async () => {
    const db = openReelflowDb(DB_NAME);
    const earlier = await createWorkflowRepository(db).create({ workflow: doc("Earlier one") });
    await createSettingsRepository(db).update({ lastWorkflowId: earlier.id, setupDone: true });
    db.close();
    const link = encodeShareLink(doc("From a link"), window.location.href);
    if (!link.ok) throw new Error(link.reason);
    window.history.replaceState(null, "", link.url);
    const { services: started } = await startServices();
    expect(started.editor.getState().doc.name).toBe("From a link");
    // The address is cleaned at once, so the link is not there to open it again: the workflow must be stored.
    expect(window.location.hash).toBe("");
    await vi.waitFor(
      async () =>
        expect((await readStartRows()).last).toMatchObject({
          id: started.editor.getState().workflowId,
          name: "From a link",
        }),
      { timeout: 10_000, interval: 50 },
    );
    // Written without Dexie: nobody started the rest (refresh() still waits for it).
    const waiting = await Promise.race([
      started.runner.refresh(started.editor.getState().doc).then(() => "loaded"),
      new Promise((r) => setTimeout(() => r("waiting"), 300)),
    ]);
    expect(waiting).toBe("waiting");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDexieJobLedger, createDexieResultCache } from "../../../src/adapters/db";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { createJobAnnouncer } from "../../../src/adapters/locks/announcer";
import { createTabLocking } from "../../../src/adapters/locks/tab-locking";
import { createFalPlatformClient } from "../../../src/adapters/catalogue/platform";
import { createModelCatalogue } from "../../../src/adapters/catalogue/service";
import { loadSnapshot } from "../../../src/adapters/catalogue/snapshot";
import { createMemoryCatalogueStore } from "../../../src/adapters/catalogue/store";
import { cacheKey, contentHash, endpointId, nodeId, requestId } from "../../../src/domain/ids";
import { resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import type { EnginePorts } from "../../../src/engine/ports";
import { connectReliability } from "../../../src/ui/reliability/connect";
import type { StorageAccess } from "../../../src/ui/reliability/storage-access";
import type { RunEnvironment } from "../../../src/ui/run/run-controller";
import { createRunStore } from "../../../src/ui/run/run-store";
import { createToastStore } from "../../../src/ui/toast/toast-store";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { freshDb } from "../../adapters/db/helpers";
import { gen, planOk, t2v, workflow } from "../../engine/helpers/workflow";
import { jobLeftAtFal } from "../../engine/helpers/left-at-fal";
import { MemoryLockManager } from "../../adapters/locks/memory-lock-manager";

// The app's start-up wiring with real parts: Dexie (fake-indexeddb), the real fal client against the
// fake fal, leases on a lock manager. Only the browser's storage manager is a recording stand-in.

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 30, runMs: 80, queuePositionStart: 0, streamIntervalMs: 20 } });
});
afterAll(async () => {
  await fal.close();
});

function storageStandIn() {
  const calls = { persist: 0 };
  const access: StorageAccess = {
    list: async () => [],
    jobs: async () => new Map(),
    remove: async () => undefined,
    estimate: async () => null,
    persisted: async () => calls.persist > 0,
    requestPersist: async () => {
      calls.persist++;
      return "granted";
    },
  };
  return { calls, access };
}

function setUp(mode: "fal" | "demo", catalogue?: RunEnvironment["catalogue"]) {
  const db = freshDb();
  const cache = createDexieResultCache(db, { namespace: "paid" });
  const ledger = createDexieJobLedger(db, { namespace: "paid" });
  const client = createFalInferenceClient({ proxyUrl: fal.url, pollIntervalMs: 30 });
  const base: RunEnvironment = {
    simulated: () => false,
    cache: async () => cache,
    ports: async (): Promise<EnginePorts> => ({ client, cache, ledger }),
    ...(catalogue ? { catalogue } : {}),
  };
  const runs = createRunStore();
  const toasts = createToastStore();
  const storage = storageStandIn();
  let refreshed = 0;
  const announcer = createJobAnnouncer(`test-${Math.random()}`);
  const r = connectReliability({
    env: base,
    runs,
    toasts,
    storage: storage.access,
    mode: () => mode,
    refreshLookups: () => refreshed++,
    locking: createTabLocking({ locks: new MemoryLockManager(), announcer }),
  });
  return { r, runs, toasts, storage, cache, ledger, client, refreshed: () => refreshed };
}

describe("reliability wiring", () => {
  it("re-attaches at start to a job fal has: the node shows it resumed, then its result; no second submit; storage kept", async () => {
    const t = setUp("fal");
    const plan = await planOk(workflow([t2v("clip", { prompt: "resumed after a reload" })], []));
    const node = gen(plan, "clip");
    // The tab that submitted it is gone: the ledger holds the job with its request id.
    const before = fal.submittedCount();
    const id = await jobLeftAtFal(t, node, {
      prompt: "resumed after a reload",
      workflowName: "w",
      estimatedCostUsd: 0.4,
    });

    const seen: string[] = [];
    t.runs.subscribe((s) => {
      const n = s.run.nodes[nodeId("clip")];
      if (n) seen.push(`${n.status}${n.resumed ? "+resumed" : ""}`);
    });
    expect((await t.r.env.ports()).leases).toBeDefined();
    await t.r.resumeAtStart();

    expect(fal.submittedCount() - before).toBe(1);
    expect(seen).toContain("queued+resumed");
    expect(t.runs.getState().run.nodes[nodeId("clip")]).toMatchObject({ status: "succeeded", resumed: true });
    expect(t.runs.getState().keysAtRun[nodeId("clip")]).toBe(node.key);
    expect((await t.cache.get(node.key))?.requestId).toBe(id);
    expect((await t.ledger.get(node.key))?.state).toBe("stored");
    expect(t.storage.calls.persist).toBe(1);
    expect(t.refreshed()).toBeGreaterThanOrEqual(1);
    expect(
      t.toasts
        .getState()
        .toasts.map((x) => x.message)
        .join("\n"),
    ).toMatch(/without sending it again/);
    t.r.dispose();
  });

  it("re-attaches to a job of a model read from fal's catalogue, making that model known first", async () => {
    const wan = endpointId("fal-ai/wan/v2.7/text-to-video");
    const catalogue = () =>
      createModelCatalogue({
        store: createMemoryCatalogueStore(),
        snapshot: loadSnapshot,
        platform: createFalPlatformClient({ proxyUrl: fal.url }),
      });
    await catalogue().ensure([wan]);
    const plan = await planOk(workflow([t2v("clip", { prompt: "a catalogue job" }, wan)], []));
    const node = gen(plan, "clip");
    const t = setUp("fal", catalogue());
    const id = await jobLeftAtFal(t, node, { prompt: "a catalogue job", workflowName: "w", estimatedCostUsd: 0.5 });
    // A reload: this process knows no catalogue model until something resolves it.
    resetCatalogueForTests();
    await t.r.resumeAtStart();
    expect(t.runs.getState().run.nodes[nodeId("clip")]).toMatchObject({ status: "succeeded", resumed: true });
    expect((await t.cache.get(node.key))?.requestId).toBe(id);
    t.r.dispose();
    resetCatalogueForTests();
  });

  it("reports a lost submit at start without sending anything", async () => {
    const t = setUp("fal");
    const before = fal.submittedCount();
    const now = new Date().toISOString();
    const key = cacheKey("lost-one");
    await t.ledger.open({
      key,
      nodeId: nodeId("clip"),
      workflowName: "w",
      endpoint: "fal-ai/sora-2/text-to-video" as never,
      inputHash: contentHash("h"),
      state: "submitting",
      requestId: null,
      estimatedCostUsd: 0.4,
      createdAt: now,
      updatedAt: now,
      params: {},
    });
    await t.r.resumeAtStart();
    expect(fal.submittedCount()).toBe(before);
    expect(t.runs.getState().run.nodes[nodeId("clip")]?.error?.code).toBe("submit-unknown");
    expect((await t.ledger.get(key))?.state).toBe("unknown");
    t.r.dispose();
  });

  it("follows nothing in demo mode", async () => {
    const t = setUp("demo");
    const now = new Date().toISOString();
    await t.ledger.open({
      key: cacheKey("k"),
      nodeId: nodeId("clip"),
      workflowName: "w",
      endpoint: "fal-ai/sora-2/text-to-video" as never,
      inputHash: contentHash("h"),
      state: "queued",
      requestId: requestId("nope"),
      estimatedCostUsd: 0.4,
      createdAt: now,
      updatedAt: now,
      params: {},
    });
    await t.r.resumeAtStart();
    expect(t.runs.getState().run.nodes).toEqual({});
    t.r.dispose();
  });

  it("tells the user when a paid video did not fit in storage, once", () => {
    const t = setUp("fal");
    const result = {
      key: cacheKey("full"),
      endpoint: "fal-ai/sora-2/text-to-video" as never,
      requestId: requestId("r"),
      costUsd: 0.4,
      createdAt: new Date().toISOString(),
      result: { video: { url: "https://fal.media/v.mp4" }, videoId: null, thumbnail: null, durationSec: 4 },
      mediaHash: null,
      mediaError: "storage full: the video was not kept in this browser",
    };
    const set = (v: number) =>
      t.runs.setState((s) => ({
        run: {
          ...s.run,
          nodes: { ...s.run.nodes, [nodeId("clip")]: { status: "succeeded", logs: [], result, finishedAt: v } },
        },
      }));
    set(1);
    set(2);
    const full = t.toasts.getState().toasts.filter((x) => /Storage is full/.test(x.message));
    expect(full).toHaveLength(1);
    expect(full[0]?.message).toMatch(/nothing is deleted without you/);
    t.r.dispose();
  });
});

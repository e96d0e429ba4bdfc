// @vitest-environment jsdom
// The take strip with the real editor, planner, run controller and a Dexie take store (fake-indexeddb).
import "fake-indexeddb/auto";
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { openReelflowDb } from "../../../src/adapters/db/database";
import { createDexieTakeStore } from "../../../src/adapters/db/takes";
import { createDemoInferenceClient } from "../../../src/adapters/demo/demo-client";
import { cacheKey, edgeId, endpointId, nodeId, workflowId, type CacheKey } from "../../../src/domain/ids";
import type { Take } from "../../../src/domain/take";
import type { GenerationData, Workflow } from "../../../src/domain/workflow";
import { createRunController } from "../../../src/ui/run/run-controller";
import { createTakeRecorder } from "../../../src/ui/takes/recorder";
import { TakeStrip } from "../../../src/ui/takes/strip/TakeStrip";
import { createTakeService } from "../../../src/ui/takes/take-service";
import { buildServices, memoryCache, Wrap } from "../harness";
import { kiteTake } from "../../fixtures/kite-take";

afterEach(() => {
  cleanup();
});

const W = workflowId("wf-strip");
const V = nodeId("v");
const R = nodeId("r");
const SORA = endpointId("fal-ai/sora-2/text-to-video");

const doc = (vData: Partial<GenerationData> = {}): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name: "strip",
  nodes: [
    {
      id: V,
      type: "text-to-video",
      position: { x: 0, y: 0 },
      data: { endpoint: SORA, params: { prompt: "a kite", duration: 4 }, ...vData },
    },
    {
      id: R,
      type: "remix",
      position: { x: 0, y: 0 },
      data: { endpoint: endpointId("fal-ai/sora-2/video-to-video/remix"), params: { prompt: "at night" } },
    },
  ],
  edges: [{ id: edgeId("e"), source: V, sourceHandle: "video", target: R, targetHandle: "video" }],
});

const take = (key: string, extra: Partial<Take> = {}): Take =>
  kiteTake({ workflowId: W, nodeId: V, key: cacheKey(key), ...extra });

let dbN = 0;
async function setup(w: Workflow, takes: Take[]) {
  const cache = memoryCache();
  const client = createDemoInferenceClient({
    delayMs: 5,
    render: async (s) => new Blob([s.seed], { type: "video/webm" }),
    urlFor: () => "blob:test",
  });
  const services = buildServices({ doc: w, cache, ports: async () => ({ client, cache }) });
  services.editor.getState().replaceDocument(w, { workflowId: W });
  const db = openReelflowDb(`strip-${process.pid}-${++dbN}`, { indexedDB, IDBKeyRange });
  services.takes = createTakeService({
    stores: {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    },
    namespace: () => "paid",
    resultOf: async () => undefined,
    makeThumbnail: async () => null,
  });
  // The app's runner: results become takes, a paid one the chosen take.
  services.runner = createRunController(
    services.runs,
    { simulated: () => false, cache: async () => cache, ports: async () => ({ client, cache }) },
    () => services.editor.getState().doc,
    { say: () => {} },
    undefined,
    createTakeRecorder({
      takes: services.takes,
      openWorkflowId: () => services.editor.getState().workflowId,
      choose: (id, c) => services.editor.getState().recordTakeChoice(id, c),
      onError: () => {},
    }),
  );
  for (const t of takes) await services.takes.record(t);
  await services.runner.refresh(services.editor.getState().doc);
  render(
    <Wrap services={services}>
      <TakeStrip nodeId={V} />
      <TakeStrip nodeId={R} />
    </Wrap>,
  );
  const data = () => services.editor.getState().doc.nodes.find((n) => n.id === V)?.data as GenerationData;
  return { services, data };
}

describe("take strip", () => {
  it("draws a node's takes oldest first, marks the one flowing downstream, and draws nothing for a node without takes", async () => {
    const { services } = await setup(doc(), [
      take("k2", { createdAt: "2026-11-25T10:05:00.000Z", variant: "n1" }),
      take("k1"),
    ]);
    await screen.findByTestId("take-v-1");
    expect(screen.queryByTestId("take-strip-r")).toBeNull();
    // Nothing chosen: the plan keys the node by its content, which neither stored take has.
    expect(screen.getByTestId("take-v-0").dataset.chosen).toBe("false");
    // The plan now keys the node by k1 (as when k1 is the node's content key).
    act(() => services.runs.setState({ keys: { ...services.runs.getState().keys, [V]: cacheKey("k1") } }));
    // On a loaded machine the strip's re-render may come after act returns (a CI run read the old mark).
    await waitFor(() => expect(screen.getByTestId("take-v-0").dataset.chosen).toBe("true"));
    expect(screen.getByTestId("take-v-1").dataset.chosen).toBe("false");
    expect(screen.getByTestId("take-v-0").getAttribute("aria-label")).toBe("Take 1, $0.40, chosen");
  });

  it("click chooses a take (undoable); the pin toggles; a pinned take whose inputs changed is marked stale", async () => {
    const { services, data } = await setup(doc({ params: { prompt: "a kite", duration: 8 } }), [
      take("k1"),
      take("k2", { createdAt: "2026-11-25T10:05:00.000Z", variant: "n1", params: { duration: 12 } }),
    ]);
    fireEvent.click(await screen.findByTestId("take-v-1"));
    expect(data()).toMatchObject({ take: { key: "k2", variant: "n1" }, params: { duration: 12, prompt: "a kite" } });
    expect(services.editor.getState().history.undoLabel).toBe("Choose take");

    const pin = screen.getByTestId("pin-v");
    expect(pin.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(pin);
    expect(data().pinned).toBe(true);
    await waitFor(() => expect(screen.getByTestId("pin-v").getAttribute("aria-pressed")).toBe("true"));
    // k2 was not made from this node's content (a made-up key), so the pinned take is stale.
    await act(() => services.runner.refresh(services.editor.getState().doc));
    expect(await screen.findByTestId("stale-v")).toBeTruthy();
    expect(services.runs.getState().keys[V]).toBe("k2" as CacheKey);
    expect(screen.getByTestId("take-v-1").dataset.chosen).toBe("true");
    // Pinned: no new take until unpinned.
    expect(screen.getByTestId<HTMLButtonElement>("new-take-v").disabled).toBe(true);

    fireEvent.click(screen.getByTestId("pin-v"));
    expect(data().pinned).toBeUndefined();
    await act(() => services.runner.refresh(services.editor.getState().doc));
    expect(screen.queryByTestId("stale-v")).toBeNull();
  });

  it("pinning with no take chosen yet pins the take flowing now", async () => {
    const { services, data } = await setup(doc(), [take("k1")]);
    act(() => services.runs.setState({ keys: { ...services.runs.getState().keys, [V]: cacheKey("k1") } }));
    fireEvent.click(await screen.findByTestId("pin-v"));
    expect(data()).toMatchObject({ pinned: true, take: { key: "k1" } });
  });

  it("compare ticks and lineage buttons name the take", async () => {
    const { services } = await setup(doc(), [take("k1"), take("k2", { createdAt: "2026-11-25T10:05:00.000Z" })]);
    fireEvent.click(await screen.findByTestId("compare-toggle-v-1"));
    expect(services.views.compareSelection.getState().refs).toEqual([{ workflowId: W, nodeId: V, key: "k2" }]);
    expect(screen.getByTestId<HTMLInputElement>("compare-toggle-v-1").checked).toBe(true);
    expect(screen.getByTestId<HTMLInputElement>("compare-toggle-v-0").checked).toBe(false);
    fireEvent.click(screen.getByTestId("lineage-v-0"));
    expect(services.views.lineage.getState().ref).toEqual({ workflowId: W, nodeId: V, key: "k1" });
  });

  it("New take shows its bill first (paid on purpose), and Send runs it as a new take of the node", async () => {
    const { services, data } = await setup(doc(), [take("k1")]);
    fireEvent.click(await screen.findByTestId("new-take-v"));
    const bill = await screen.findByTestId("new-take-bill-v");
    expect(bill.textContent).toMatch(/\$0\.40 · new take: paid on purpose/);
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await waitFor(() => expect(data().take?.variant).toBeTruthy());
    await waitFor(() => expect(services.runs.getState().busy).toBe(false));
    expect(services.runs.getState().run.nodes[V]?.status).toBe("succeeded");
    // The new take shows in the strip as the chosen one.
    await waitFor(() => expect(screen.getByTestId("take-v-1").dataset.chosen).toBe("true"));
    expect(screen.queryByTestId("new-take-bill-v")).toBeNull();
  });

  it("one live feed per workflow hands each node its takes; a new take changes only its node's list", async () => {
    const { services } = await setup(doc(), [
      take("k1"),
      take("r1", { nodeId: R, endpoint: endpointId("fal-ai/sora-2/video-to-video/remix") }),
    ]);
    const feed = services.takes!.feed(W, "paid");
    let wakes = 0;
    const stop = feed.subscribe(() => (wakes += 1));
    await waitFor(() => expect(feed.get(V)).toHaveLength(1));
    const remixList = feed.get(R);
    expect(remixList.map((t) => t.key)).toEqual(["r1"]);
    const before = wakes;
    await services.takes!.record(take("k2", { createdAt: "2026-11-25T10:05:00.000Z", variant: "n1" }));
    await waitFor(() => expect(feed.get(V).map((t) => t.key)).toEqual(["k1", "k2"]));
    expect(wakes).toBeGreaterThan(before);
    // The remix's list is the very same object: its strip does not re-render.
    expect(feed.get(R)).toBe(remixList);
    expect(feed.get(nodeId("nothing"))).toEqual([]);
    stop();
    expect(services.takes!.feed(workflowId("other"), "paid").get(V)).toEqual([]);
  });

  it("a feed handed the takes read at start has them at once, and the live query's first answer changes no node's list", async () => {
    const db = openReelflowDb(`strip-${process.pid}-${++dbN}`, { indexedDB, IDBKeyRange });
    const stores = {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    };
    await stores.paid.record(take("k1"));
    await stores.paid.record(take("r1", { nodeId: R, createdAt: "2026-11-25T10:01:00.000Z" }));
    const atStart = await stores.paid.listWorkflow(W);
    const asked: string[] = [];
    const takes = createTakeService({
      stores,
      namespace: () => "paid",
      resultOf: async () => undefined,
      makeThumbnail: async () => null,
      preloaded: (namespace, workflowId) => (
        asked.push(`${namespace}/${workflowId}`),
        namespace === "paid" && workflowId === W ? atStart : undefined
      ),
    });
    const feed = takes.feed(W, "paid");
    // Before any subscription or read: what a node view renders first.
    const first = { v: feed.get(V), r: feed.get(R) };
    expect(first.v.map((t) => t.key)).toEqual(["k1"]);
    expect(first.r.map((t) => t.key)).toEqual(["r1"]);
    let wakes = 0;
    const stop = feed.subscribe(() => (wakes += 1));
    await waitFor(() => expect(wakes).toBeGreaterThan(0));
    expect(feed.get(V)).toBe(first.v);
    expect(feed.get(R)).toBe(first.r);
    // A later change still comes through the live query.
    await stores.paid.record(take("k2", { createdAt: "2026-11-25T10:05:00.000Z", variant: "n1" }));
    await waitFor(() => expect(feed.get(V).map((t) => t.key)).toEqual(["k1", "k2"]));
    expect(feed.get(R)).toBe(first.r);
    stop();
    expect(takes.feed(W, "demo").get(V)).toEqual([]);
    expect(asked).toEqual([`paid/${W}`, `demo/${W}`]);
  });

  it("a pinned node with no take stored here still shows its pin, so it can be unpinned", async () => {
    const { data } = await setup(doc({ pinned: true, take: { key: cacheKey("k-elsewhere") } }), []);
    const pin = await screen.findByTestId("pin-v");
    expect(pin.getAttribute("aria-pressed")).toBe("true");
    expect(screen.queryByTestId("take-v-0")).toBeNull();
    expect(await screen.findByTestId("stale-v")).toBeTruthy();
    fireEvent.click(pin);
    expect(data().pinned).toBeUndefined();
    await waitFor(() => expect(screen.queryByTestId("take-strip-v")).toBeNull());
  });
});

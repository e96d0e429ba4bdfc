// @vitest-environment jsdom
// A take stored without a thumbnail (made elsewhere, or before thumbnails existed) gets one made when the page is
// idle, not while the strip mounts with the rest of the canvas: real take service and Dexie take store (fake-indexeddb).
import "fake-indexeddb/auto";
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openReelflowDb } from "../../../src/adapters/db/database";
import { createDexieTakeStore } from "../../../src/adapters/db/takes";
import { cacheKey, endpointId, nodeId, workflowId, type CacheKey, type ContentHash } from "../../../src/domain/ids";
import type { Take } from "../../../src/domain/take";
import type { Workflow } from "../../../src/domain/workflow";
import { TakeStrip } from "../../../src/ui/takes/strip/TakeStrip";
import { createTakeService } from "../../../src/ui/takes/take-service";
import { buildServices, Wrap } from "../harness";
import { kiteTake } from "../../fixtures/kite-take";

const W = workflowId("wf-idle-thumb");
const V = nodeId("v");
const SORA = endpointId("fal-ai/sora-2/text-to-video");
const doc: Workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "idle thumb",
  nodes: [
    {
      id: V,
      type: "text-to-video",
      position: { x: 0, y: 0 },
      data: { endpoint: SORA, params: { prompt: "a kite", duration: 4 } },
    },
  ],
  edges: [],
};
const take: Take = kiteTake({ workflowId: W, nodeId: V, key: cacheKey("k1") });

// A stand-in for the browser's idle callbacks that the test runs when it says the page is idle.
let idle: Map<number, () => void>;
beforeEach(() => {
  idle = new Map();
  let n = 0;
  Object.assign(globalThis, {
    requestIdleCallback: (cb: () => void) => (idle.set(++n, cb), n),
    cancelIdleCallback: (id: number) => idle.delete(id),
  });
});
afterEach(() => {
  cleanup();
  delete (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback;
  delete (globalThis as { cancelIdleCallback?: unknown }).cancelIdleCallback;
});
const runIdle = () => {
  const due = [...idle.values()];
  idle.clear();
  for (const cb of due) cb();
};

let dbN = 0;
async function setup(opts: { thumbnailHash?: string; thumbnailReads?: string[]; atHand?: Map<string, Blob> } = {}) {
  const services = buildServices({ doc });
  const atHand = opts.atHand;
  if (atHand)
    services.media.blobAtHand = (hash) => {
      const b = atHand.get(hash);
      atHand.delete(hash);
      return b;
    };
  services.editor.getState().replaceDocument(doc, { workflowId: W });
  const db = openReelflowDb(`idle-thumb-${process.pid}-${++dbN}`, { indexedDB, IDBKeyRange });
  const stores = {
    paid: createDexieTakeStore(db, { namespace: "paid" }),
    demo: createDexieTakeStore(db, { namespace: "demo" }),
  };
  // Stored straight in the store, as an earlier session left it: no thumbnail, none being made.
  await stores.paid.record(take);
  // As setThumbnail leaves it (its hashing needs real Blobs, which jsdom's are not).
  if (opts.thumbnailHash) await db.takes.toCollection().modify({ thumbnailHash: opts.thumbnailHash as ContentHash });
  const asked: CacheKey[] = [];
  services.takes = createTakeService({
    stores,
    namespace: () => "paid",
    resultOf: async (_namespace, key) => {
      asked.push(key);
      return undefined;
    },
    makeThumbnail: async () => null,
  });
  const reads = opts.thumbnailReads;
  if (reads) {
    const service = services.takes;
    const read = service.thumbnail.bind(service);
    services.takes = { ...service, thumbnail: (ref) => (reads.push(ref.key), read(ref)) };
  }
  const view = render(
    <Wrap services={services}>
      <TakeStrip nodeId={V} />
    </Wrap>,
  );
  await screen.findByTestId("take-v-0");
  return { asked, view };
}

it("makes a missing thumbnail at the page's next idle moment, not while the strip mounts", async () => {
  const { asked } = await setup();
  await act(async () => {});
  expect(asked).toEqual([]);
  expect(idle.size).toBe(1);
  act(runIdle);
  await waitFor(() => expect(asked).toEqual(["k1"]));
});

it("a strip gone before the idle moment makes nothing", async () => {
  const { asked, view } = await setup();
  view.unmount();
  expect(idle.size).toBe(0);
  await act(async () => {});
  expect(asked).toEqual([]);
});

it("reads a stored thumbnail at the page's next idle moment too: at open the nodes' videos come first", async () => {
  const reads: string[] = [];
  const { asked } = await setup({ thumbnailHash: "h".repeat(64), thumbnailReads: reads });
  await act(async () => {});
  expect(reads).toEqual([]);
  act(runIdle);
  await waitFor(() => expect(reads).toEqual(["k1"]));
  // It had one: nothing is made.
  expect(asked).toEqual([]);
});

it("shows a thumbnail the start already read in the render that mounts the strip: no read, no idle wait", async () => {
  const reads: string[] = [];
  const hash = "t".repeat(64);
  (URL as { createObjectURL?: unknown }).createObjectURL = () => "blob:thumb/1";
  (URL as { revokeObjectURL?: unknown }).revokeObjectURL = () => undefined;
  await setup({
    thumbnailHash: hash,
    thumbnailReads: reads,
    atHand: new Map([[hash, new Blob(["png"], { type: "image/png" })]]),
  });
  expect(screen.getByTestId("take-v-0").querySelector("img")?.getAttribute("src")).toBe("blob:thumb/1");
  expect(idle.size).toBe(0);
  expect(reads).toEqual([]);
});

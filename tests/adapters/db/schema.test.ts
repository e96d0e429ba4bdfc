// @vitest-environment node
// Node's environment: Dexie stores real Blobs there (jsdom's do not survive fake-indexeddb's copy).
import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import {
  createDexieResultCache,
  createDexieTakeStore,
  createSettingsRepository,
  createWorkflowRepository,
  openReelflowDb,
} from "../../../src/adapters/db";
import { DB_VERSIONS } from "../../../src/adapters/db/database";
import { readStartRows, saveWorkflowEarly } from "../../../src/adapters/db/start-reader";
import { readStartResults } from "../../../src/adapters/db/start-results";
import { cacheKey, endpointId, nodeId, workflowId, type ContentHash } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { sampleEntry, TINY_MP4 } from "./helpers";

let n = 0;
const freshName = () => `reelflow-schema-${process.pid}-${++n}`;

const doc = (name: string): Workflow => ({ format: "reelflow/workflow", version: 1, name, nodes: [], edges: [] });

/** Each store of the one declaration: its key path and index names, as IndexedDB reports them. */
function declared(): Record<string, { keyPath: string | string[] | null; indexes: string[] }> {
  const keyPathOf = (field: string) => {
    const name = field.replace(/^\+\+|^&|^\*/, "");
    return name.startsWith("[") ? name.slice(1, -1).split("+") : name;
  };
  const out: Record<string, { keyPath: string | string[] | null; indexes: string[] }> = {};
  for (const { stores } of DB_VERSIONS)
    for (const [store, spec] of Object.entries(stores)) {
      const [primary = "", ...indexes] = spec.split(",").map((f) => f.trim());
      out[store] = { keyPath: keyPathOf(primary), indexes: indexes.map((i) => i.replace(/^&|^\*/, "")).sort() };
    }
  return out;
}

describe("the database's schema, declared once", () => {
  it("is what Dexie creates: every store, key path and index, at IndexedDB version (last version × 10)", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    await db.open();
    db.close();
    const raw = await openDB(name);
    const created: ReturnType<typeof declared> = {};
    const tx = raw.transaction([...raw.objectStoreNames], "readonly");
    for (const store of raw.objectStoreNames) {
      const s = tx.objectStore(store);
      created[store] = { keyPath: s.keyPath, indexes: [...s.indexNames].sort() };
    }
    expect(created).toEqual(declared());
    expect(raw.version).toBe((DB_VERSIONS.at(-1)?.version ?? 0) * 10);
    raw.close();
  });

  it("a database Dexie wrote is read by the start reader: settings, the workflow, results, videos and takes", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const w = await createWorkflowRepository(db).create({ workflow: doc("By Dexie") });
    await createSettingsRepository(db).update({ lastWorkflowId: w.id, mode: "demo" });
    const cache = createDexieResultCache(db, { namespace: "demo" });
    const stored = await cache.putWithMedia(
      sampleEntry("k-1", "https://x/1.mp4", { simulated: true }),
      new Blob([TINY_MP4], { type: "video/mp4" }),
    );
    await createDexieTakeStore(db, { namespace: "demo" }).record({
      workflowId: w.id,
      nodeId: nodeId("v"),
      key: cacheKey("k-1"),
      variant: "",
      endpoint: endpointId("fal-ai/sora-2/text-to-video"),
      params: {},
      prompt: "a kite",
      inputs: [],
      costUsd: 0,
      requestId: null,
      createdAt: "2026-12-01T00:00:00.000Z",
    });
    db.close();

    const rows = await readStartRows(name);
    expect(rows.settings).toMatchObject({ lastWorkflowId: w.id, mode: "demo" });
    expect(rows.last?.name).toBe("By Dexie");
    const read = await readStartResults("demo", [cacheKey("k-1")], { workflowId: w.id, name });
    expect(read?.found.get(cacheKey("k-1"))).toMatchObject({ key: "k-1", mediaHash: stored.mediaHash });
    expect(read?.media.get(stored.mediaHash as ContentHash)?.size).toBe(TINY_MP4.length);
    expect(read?.takes.map((t) => [t.workflowId, t.nodeId])).toEqual([[w.id, "v"]]);
  });

  it("a database the start reader wrote is opened by Dexie as it is (no upgrade) and read by its repositories", async () => {
    const name = freshName();
    // Dexie made the database (the start reader never creates one) and was closed; the start reader then wrote.
    const made = openReelflowDb(name);
    await made.open();
    made.close();
    const id = workflowId("wf-00000000aa");
    expect(await saveWorkflowEarly(id, doc("By the start reader"), name, new Date(), { makeLast: true })).toBe(true);

    const db = openReelflowDb(name);
    const stored = await createWorkflowRepository(db).get(id);
    expect(stored?.ok && stored.workflow.name).toBe("By the start reader");
    expect((await createSettingsRepository(db).get()).lastWorkflowId).toBe(id);
    expect(db.verno).toBe(DB_VERSIONS.at(-1)?.version);
    db.close();
  });
});

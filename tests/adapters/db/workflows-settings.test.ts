import { describe, expect, it } from "vitest";
import { endpointId, workflowId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings";
import {
  createSettingsRepository,
  createWorkflowRepository,
  estimateStorage,
  requestPersistentStorage,
} from "../../../src/adapters/db";
import { connectAutosave, createEditorStore } from "../../../src/editor";
import { formatBytes } from "../../../src/ui/reliability/format-bytes";
import { freshDb } from "./helpers";
import { promptDoc } from "./prompt-doc";

const doc = (name: string, extra: Record<string, unknown> = {}): Workflow => promptDoc(name, { mood: "kept" }, extra);

/** A clock that moves one second per call, so "most recent first" never ties. */
function steppingClock() {
  let t = Date.parse("2026-01-01T00:00:00.000Z");
  return () => new Date((t += 1000));
}

describe("workflow repository", () => {
  it("creates, lists newest first, saves, renames and duplicates", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db, steppingClock());
    const a = await repo.create({ workflow: doc("Alpha") });
    const b = await repo.create({ name: "Beta" });
    expect((await repo.list()).map((w) => w.name)).toEqual(["Beta", "Alpha"]);

    await repo.save(a.id, { ...doc("Alpha"), unknownTopLevel: { future: true } });
    expect((await repo.list()).map((w) => w.name)).toEqual(["Alpha", "Beta"]);
    const got = await repo.get(a.id);
    if (!got?.ok) throw new Error("expected a readable workflow");
    // Unknown fields survive the round trip through storage.
    expect(got.workflow).toMatchObject({ unknownTopLevel: { future: true }, nodes: [{ data: { mood: "kept" } }] });

    await repo.rename(a.id, "Alpha prime");
    const renamed = await repo.get(a.id);
    expect(renamed?.name).toBe("Alpha prime");
    expect(renamed?.ok && renamed.workflow.name).toBe("Alpha prime");

    const copy = await repo.duplicate(a.id);
    expect(copy.name).toBe("Alpha prime (copy)");
    expect(copy.id).not.toBe(a.id);
    const copied = await repo.get(copy.id);
    expect(copied?.ok && copied.workflow.nodes).toEqual(got.workflow.nodes);
    expect(b.id).toMatch(/^wf-[0-9a-f]{10}$/);
    db.close();
  });

  it("moves to the trash and back, and purges for good", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db, steppingClock());
    const a = await repo.create({ name: "Keep" });
    const b = await repo.create({ name: "Bin" });
    await repo.softDelete(b.id);
    expect((await repo.list()).map((w) => w.name)).toEqual(["Keep"]);
    expect((await repo.list({ trash: true })).map((w) => [w.name, w.deletedAt !== null])).toEqual([["Bin", true]]);
    expect((await repo.get(b.id))?.ok).toBe(true); // still readable from the trash
    await repo.restore(b.id);
    expect((await repo.list()).map((w) => w.name).sort()).toEqual(["Bin", "Keep"]);
    expect(await repo.list({ trash: true })).toEqual([]);
    await repo.softDelete(a.id);
    await repo.purge(a.id);
    expect(await repo.get(a.id)).toBeUndefined();
    expect(await repo.list({ trash: true })).toEqual([]);
    await expect(repo.softDelete(workflowId("wf-none"))).rejects.toThrow(/No stored workflow/);
    db.close();
  });

  it("reports an unreadable stored document with reasons and its text, never overwriting it", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db);
    const a = await repo.create({ name: "Broken" });
    await db.workflows.update(a.id, { doc: '{"format":"reelflow/workflow","version":99,"nodes":[]}' });
    const got = await repo.get(a.id);
    expect(got).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("newer Reelflow")],
      text: expect.stringContaining('"version":99'),
    });
    await expect(repo.duplicate(a.id)).rejects.toThrow(/cannot be read/);
    db.close();
  });

  it("stores a new untouched workflow as a draft (kept, unlisted); an edit saved first stays listed", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db);
    const fresh = workflowId("wf-fresh");
    await repo.storeDraft(fresh, doc("Untitled workflow", { nodes: [] }));
    expect((await repo.get(fresh))?.name).toBe("Untitled workflow");
    expect(await repo.list()).toEqual([]);
    await repo.save(fresh, doc("Untitled workflow"));
    expect((await repo.list()).map((w) => w.id)).toEqual([fresh]);

    // An edit autosaved before the draft was stored (the first instant of a visit) is not made a draft again.
    const edited = workflowId("wf-edited");
    await repo.save(edited, doc("Mine"));
    await repo.storeDraft(edited, doc("Untitled workflow", { nodes: [] }));
    const kept = await repo.get(edited);
    expect(kept?.ok && [kept.name, kept.workflow.nodes.length]).toEqual(["Mine", 1]);
    expect((await repo.list()).map((w) => w.id).sort()).toEqual([edited, fresh].sort());
    db.close();
  });

  it("autosave from the editor store lands in the repository", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db);
    const created = await repo.create({ name: "Live" });
    const stored = await repo.get(created.id);
    if (!stored?.ok) throw new Error("unreadable");
    const store = createEditorStore();
    store.getState().replaceDocument(stored.workflow, { workflowId: created.id });
    const autosave = connectAutosave(store, (id, d) => repo.save(id, d), { delayMs: 10 });
    const p = store.getState().addNode("prompt", { x: 0, y: 0 });
    store.getState().setPromptText(p, "saved text");
    await autosave.flush();
    const back = await repo.get(created.id);
    expect(back?.ok && back.workflow.nodes).toEqual([expect.objectContaining({ id: p, data: { text: "saved text" } })]);
    await autosave.dispose();
    db.close();
  });
});

describe("settings repository", () => {
  it("answers defaults, keeps updates, and refuses invalid values naming the setting", async () => {
    const db = freshDb();
    const settings = createSettingsRepository(db);
    expect(await settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.proxyUrl).toBe("/api/fal/proxy");
    const updated = await settings.update({
      mode: "demo",
      concurrency: 4,
      defaultModels: { "text-to-video": endpointId("fal-ai/sora-2/text-to-video/pro") },
    });
    expect(updated).toMatchObject({ mode: "demo", concurrency: 4, proxyUrl: "/api/fal/proxy" });
    expect(await createSettingsRepository(db).get()).toEqual(updated);
    await expect(settings.update({ mode: "paid" as never })).rejects.toThrow(/Setting "mode"/);
    await expect(settings.update({ concurrency: 0 })).rejects.toThrow(/Setting "concurrency"/);
    // A corrupt stored value falls back to its default instead of breaking start-up.
    await db.settings.put({ key: "theme", value: 42 });
    expect((await settings.get()).theme).toBe("system");
    expect(await settings.reset()).toEqual(DEFAULT_SETTINGS);
    db.close();
  });
});

describe("storage helpers", () => {
  it("degrade when the storage manager is absent or fails", async () => {
    expect(await requestPersistentStorage(undefined)).toBe("unsupported");
    expect(await requestPersistentStorage({})).toBe("unsupported");
    expect(await estimateStorage({ storage: {} })).toBeNull();
    expect(await estimateStorage({ storage: { estimate: () => Promise.reject(new Error("nope")) } })).toBeNull();
    expect(await requestPersistentStorage({ storage: { persist: () => Promise.reject(new Error("x")) } })).toBe(
      "denied",
    );
  });

  it("pass through what the browser says", async () => {
    const nav = {
      storage: {
        persisted: async () => false,
        persist: async () => true,
        estimate: async () => ({ usage: 250_000_000, quota: 1_000_000_000 }),
      },
    };
    expect(await requestPersistentStorage(nav)).toBe("granted");
    expect(await estimateStorage(nav)).toEqual({
      usageBytes: 250_000_000,
      quotaBytes: 1_000_000_000,
      usedFraction: 0.25,
    });
  });

  it("words the bytes the Storage panel shows", () => {
    expect(formatBytes(250_000_000)).toBe("250 MB");
    expect(formatBytes(1_500)).toBe("1.5 KB");
  });
});

import { describe, expect, it, vi } from "vitest";
import { createWorkflowRepository } from "../../../src/adapters/db";
import type { WorkflowId } from "../../../src/domain/ids";
import { connectAutosave } from "../../../src/editor/autosave";
import { createEditorStore } from "../../../src/editor/store";
import { createWorkflowService } from "../../../src/ui/workflows/workflow-service";
import { freshDb } from "../../adapters/db/helpers";

// The list service on the real repository (Dexie on fake-indexeddb), the real editor store and real autosave.
async function setup() {
  const db = freshDb();
  const repo = createWorkflowRepository(db);
  const first = await repo.create({ name: "First" });
  const stored = await repo.get(first.id);
  if (!stored?.ok) throw new Error("not stored");
  const editor = createEditorStore({ doc: stored.workflow, workflowId: first.id });
  const autosave = connectAutosave(editor, (id, doc) => repo.save(id, doc), { delayMs: 20, maxWaitMs: 50 });
  const loaded: WorkflowId[] = [];
  const service = createWorkflowService({
    repo,
    editor,
    flush: () => autosave.flush(),
    onLoaded: (id) => loaded.push(id),
  });
  await service.refresh();
  return { db, repo, editor, autosave, service, loaded, firstId: first.id };
}

const names = (items: { name: string }[]) => items.map((i) => i.name).sort();

describe("workflow list service", () => {
  it("create opens a new empty workflow and keeps the previous one's unsaved edits", async () => {
    const { repo, editor, service, loaded, firstId } = await setup();
    editor.getState().addNode("prompt", { x: 0, y: 0 }, { text: "kept" });
    const id = await service.create("Second");
    expect(editor.getState().workflowId).toBe(id);
    expect(editor.getState().doc.nodes).toHaveLength(0);
    expect(loaded).toEqual([id]);
    const first = await repo.get(firstId);
    expect(first?.ok && first.workflow.nodes.map((n) => n.type)).toEqual(["prompt"]);
    // Untouched, it is a draft: stored (a reload opens it) but not one of the workflows yet.
    expect((await repo.get(id))?.name).toBe("Second");
    expect(names(service.state.getState().items)).toEqual(["First"]);
  });

  it("a new workflow joins the list at its first edit, and the list shows it at once", async () => {
    const { editor, service } = await setup();
    const id = await service.create();
    expect(names(service.state.getState().items)).toEqual(["First"]);
    editor.getState().addNode("prompt", { x: 0, y: 0 }, { text: "mine" });
    await vi.waitFor(() => expect(names(service.state.getState().items)).toEqual(["First", "Untitled workflow"]));
    expect(service.state.getState().items.find((i) => i.name === "Untitled workflow")?.id).toBe(id);
  });

  it("a new workflow left untouched is deleted when another is opened", async () => {
    const { repo, service, firstId } = await setup();
    const id = await service.create();
    await service.switchTo(firstId);
    expect(await repo.get(id)).toBeUndefined();
    expect(names(service.state.getState().items)).toEqual(["First"]);
  });

  it("the draft a first visit opens (stored before the service came) joins the list at its first edit", async () => {
    const db = freshDb();
    const repo = createWorkflowRepository(db);
    const fresh = "wf-first-visit" as WorkflowId;
    const doc = {
      format: "reelflow/workflow" as const,
      version: 1 as const,
      name: "Untitled workflow",
      nodes: [],
      edges: [],
    };
    await repo.storeDraft(fresh, doc);
    const editor = createEditorStore({ doc, workflowId: fresh });
    const autosave = connectAutosave(editor, (id, d) => repo.save(id, d), { delayMs: 20, maxWaitMs: 50 });
    const service = createWorkflowService({ repo, editor, flush: () => autosave.flush(), openDraft: fresh });
    await service.refresh();
    expect(service.state.getState().items).toEqual([]);
    editor.getState().addNode("prompt", { x: 0, y: 0 }, { text: "mine" });
    await vi.waitFor(() => expect(service.state.getState().items.map((i) => i.id)).toEqual([fresh]));
  });

  it("switches, renames the open one through the editor and another through the repository", async () => {
    const { repo, editor, service, firstId } = await setup();
    const second = await service.create("Second");
    await service.rename(second, "Second renamed");
    expect(editor.getState().doc.name).toBe("Second renamed");
    expect((await repo.get(second))?.name).toBe("Second renamed");
    await service.rename(firstId, "First renamed");
    expect((await repo.get(firstId))?.name).toBe("First renamed");
    expect(editor.getState().workflowId).toBe(second);
    await service.switchTo(firstId);
    expect(editor.getState().workflowId).toBe(firstId);
    expect(editor.getState().doc.name).toBe("First renamed");
    expect(names(service.state.getState().items)).toEqual(["First renamed", "Second renamed"]);
  });

  it("duplicate copies the open document including edits not yet autosaved", async () => {
    const { repo, editor, service, firstId } = await setup();
    editor.getState().addNode("prompt", { x: 0, y: 0 }, { text: "fresh" });
    const copy = await service.duplicate(firstId);
    const stored = await repo.get(copy);
    expect(stored?.name).toBe("First (copy)");
    expect(stored?.ok && stored.workflow.nodes).toHaveLength(1);
    expect(editor.getState().workflowId).toBe(firstId);
  });

  it("deleting the open workflow moves it to the trash, opens another, and Undo brings it back", async () => {
    const { editor, service, firstId } = await setup();
    const second = await service.create();
    await service.rename(second, "Second");
    await service.remove(second);
    expect(editor.getState().workflowId).toBe(firstId);
    expect(names(service.state.getState().items)).toEqual(["First"]);
    expect(names(service.state.getState().trash)).toEqual(["Second"]);
    expect(service.state.getState().lastDeleted?.id).toBe(second);
    await service.restore(second);
    expect(names(service.state.getState().items)).toEqual(["First", "Second"]);
    expect(service.state.getState().trash).toEqual([]);
    expect(service.state.getState().lastDeleted).toBeNull();
  });

  it("deleting the only workflow leaves a new empty draft open; purge only from the trash", async () => {
    const { repo, editor, service, firstId } = await setup();
    await expect(service.purge(firstId)).rejects.toThrow(/not in the trash/);
    await service.remove(firstId);
    const open = editor.getState().workflowId;
    expect(open).not.toBe(firstId);
    expect(open && (await repo.get(open))?.name).toBe("Untitled workflow");
    expect(service.state.getState().items).toEqual([]);
    await service.purge(firstId);
    expect(await repo.get(firstId)).toBeUndefined();
    expect(service.state.getState().trash).toEqual([]);
  });

  it("openAsNew stores the workflow as a new entry and opens it", async () => {
    const { repo, editor, service, firstId } = await setup();
    const doc = {
      ...editor.getState().doc,
      name: "From a file",
      nodes: [{ id: "p", type: "prompt", position: { x: 1, y: 2 }, data: { text: "hi" } }],
    } as never;
    const id = await service.openAsNew(doc);
    expect(id).not.toBe(firstId);
    expect(editor.getState().doc.nodes.map((n) => n.id)).toEqual(["p"]);
    expect((await repo.get(id))?.name).toBe("From a file");
    expect(service.state.getState().items).toHaveLength(2);
  });
});

describe("examples opened from the Examples panel (drafts)", () => {
  const example = (name: string) => ({
    format: "reelflow/workflow" as const,
    version: 1 as const,
    name,
    nodes: [],
    edges: [],
  });

  it("are open but not listed; opening another deletes the one left unedited", async () => {
    const { repo, editor, service } = await setup();
    const a = await service.openExample(example("Example A"));
    expect(editor.getState().workflowId).toBe(a);
    expect(editor.getState().doc.name).toBe("Example A");
    expect(names(service.state.getState().items)).toEqual(["First"]);
    const b = await service.openExample(example("Example B"));
    expect(await repo.get(a)).toBeUndefined();
    expect((await repo.get(b))?.name).toBe("Example B");
    expect(names(service.state.getState().items)).toEqual(["First"]);
    await service.create("Second");
    expect(await repo.get(b)).toBeUndefined();
    expect(names(service.state.getState().items)).toEqual(["First"]);
  });

  it("an edit keeps it (autosave saves it as one of the workflows), also when another is opened before the save", async () => {
    const { repo, editor, service } = await setup();
    const a = await service.openExample(example("Example A"));
    editor.getState().addNode("prompt", { x: 0, y: 0 }, { text: "mine" });
    await service.openExample(example("Example B"));
    const kept = await repo.get(a);
    expect(kept?.ok && kept.workflow.nodes).toHaveLength(1);
    expect(names(service.state.getState().items)).toEqual(["Example A", "First"]);
  });

  it("keepOpen (a run) lists it unchanged; it is then never deleted by opening another", async () => {
    const { repo, service } = await setup();
    const a = await service.openExample(example("Example A"));
    await service.keepOpen();
    expect(names(service.state.getState().items)).toEqual(["Example A", "First"]);
    await service.openExample(example("Example B"));
    expect((await repo.get(a))?.name).toBe("Example A");
    // Keeping a workflow that is no draft changes nothing.
    await service.switchTo(a);
    await service.keepOpen();
    expect(names(service.state.getState().items)).toEqual(["Example A", "First"]);
  });
});

import { createStore, type StoreApi } from "zustand/vanilla";
import type { WorkflowSummary, WorkflowRepository } from "../../domain/workflow-list";
import type { WorkflowId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import type { EditorStore } from "../../editor/types";

export interface WorkflowListState {
  /** Workflows in use, most recently changed first. */
  items: WorkflowSummary[];
  trash: WorkflowSummary[];
  /** The one last moved to the trash, so the panel can offer Undo right there. */
  lastDeleted: WorkflowSummary | null;
}

export interface WorkflowServiceDeps {
  repo: WorkflowRepository;
  editor: EditorStore;
  /** Writes the open document's pending edits (autosave) before another one is loaded. */
  flush(): Promise<void>;
  /** After another workflow was loaded into the editor (reset run state, remember it as last open, fit view). */
  onLoaded?(id: WorkflowId, doc: Workflow): void;
  /** Just before a workflow replaces the open one (the canvas sets its view first, so a big graph
   *  is not laid out at the old zoom). */
  beforeLoad?(doc: Workflow): void;
  /** The list's state, when the app made it before the service (it shows before the service loads). */
  state?: StoreApi<WorkflowListState>;
  /** The open workflow, when start-up stored it as a draft (a first visit's, or a draft a reload opened). */
  openDraft?: WorkflowId | null;
}

export interface WorkflowService {
  state: StoreApi<WorkflowListState>;
  refresh(): Promise<void>;
  /** A new empty workflow, opened: a draft, listed once it is edited or run (a reload still opens it). */
  create(name?: string): Promise<WorkflowId>;
  /** Stores `workflow` as a new workflow and opens it (files, bundles, share links). */
  openAsNew(workflow: Workflow): Promise<WorkflowId>;
  /**
   * Opens an example without adding it to the list: it is stored as a draft, so a reload shows it, and becomes
   * one of the workflows when it is edited (autosave) or run (`keepOpen`); opening another deletes it.
   */
  openExample(workflow: Workflow): Promise<WorkflowId>;
  /** The open workflow is listed from now on, if it was a draft (a run of an unedited example). */
  keepOpen(): Promise<void>;
  switchTo(id: WorkflowId): Promise<void>;
  rename(id: WorkflowId, name: string): Promise<void>;
  duplicate(id: WorkflowId): Promise<WorkflowId>;
  /** To the trash; the open one is replaced by the most recent other (or a new empty one). */
  remove(id: WorkflowId): Promise<void>;
  /** Back from the trash (also the Undo of a delete). */
  restore(id: WorkflowId): Promise<void>;
  /** Deleted for good, from the trash only. */
  purge(id: WorkflowId): Promise<void>;
}

/**
 * The workflow list: every change goes to the repository first, then the list is read back, so
 * what the panel shows is what IndexedDB holds. The open workflow is renamed through the editor
 * (its name is part of the document, and autosave writes it with the rest).
 */
export function createWorkflowService(deps: WorkflowServiceDeps): WorkflowService {
  const { repo, editor } = deps;
  const state = deps.state ?? createStore<WorkflowListState>()(() => ({ items: [], trash: [], lastDeleted: null }));
  const currentId = () => editor.getState().workflowId;
  const drafts = followOpenDraft(editor, deps.openDraft ?? null, () => deps.flush().then(refresh));

  async function refresh(): Promise<void> {
    const [items, trash] = await Promise.all([repo.list(), repo.list({ trash: true })]);
    // The open document may have edits autosave has not written yet: show its live name.
    const open = currentId();
    const liveName = editor.getState().doc.name;
    state.setState({ items: items.map((i) => (i.id === open ? { ...i, name: liveName } : i)), trash });
  }

  async function load(id: WorkflowId): Promise<void> {
    // An edit of the one open now is saved first, which makes an example draft one of the workflows.
    await deps.flush();
    const stored = await repo.get(id);
    if (!stored) throw new Error(`No stored workflow with id "${id}".`);
    if (!stored.ok)
      throw new Error(`Workflow "${stored.name}" cannot be read (${stored.errors.join("; ")}); it is kept unchanged.`);
    const left = currentId();
    deps.beforeLoad?.(stored.workflow);
    editor.getState().replaceDocument(stored.workflow, { workflowId: stored.id });
    deps.onLoaded?.(stored.id, stored.workflow);
    // An example left as it was opened is not kept: browsing examples adds no workflows.
    if (left && left !== id) await repo.discardDraft(left);
  }

  /** Stores a workflow as a draft (nobody has touched it yet) and opens it. */
  async function openDraft(init: Parameters<WorkflowRepository["create"]>[0]): Promise<WorkflowId> {
    await deps.flush();
    const created = await repo.create(init);
    await load(created.id);
    drafts.opened(created.id);
    await refresh();
    return created.id;
  }

  // Typing in the name field: keep the list in step without a database read per key.
  editor.subscribe((st, prev) => {
    if (st.doc.name === prev.doc.name || st.workflowId === null) return;
    const items = state.getState().items;
    if (items.some((i) => i.id === st.workflowId))
      state.setState({ items: items.map((i) => (i.id === st.workflowId ? { ...i, name: st.doc.name } : i)) });
  });

  return {
    state,
    refresh,

    async create(name) {
      return openDraft(name ? { name, draft: true } : { draft: true });
    },

    async openAsNew(workflow) {
      await deps.flush();
      const created = await repo.create({ name: workflow.name, workflow });
      await load(created.id);
      await refresh();
      return created.id;
    },

    async openExample(workflow) {
      return openDraft({ name: workflow.name, workflow, draft: true });
    },

    async keepOpen() {
      const open = currentId();
      if (!open) return;
      drafts.kept();
      await repo.keep(open);
      await refresh();
    },

    async switchTo(id) {
      if (id === currentId()) return;
      await load(id);
      await refresh();
    },

    async rename(id, name) {
      const clean = name.trim() || "Untitled workflow";
      if (id === currentId()) {
        editor.getState().renameWorkflow(clean);
        await deps.flush();
      } else {
        await repo.rename(id, clean);
      }
      await refresh();
    },

    async duplicate(id) {
      if (id === currentId()) await deps.flush();
      const copy = await repo.duplicate(id);
      await refresh();
      return copy.id;
    },

    async remove(id) {
      if (id === currentId()) await deps.flush();
      const before =
        state.getState().items.find((i) => i.id === id) ?? (await repo.list()).find((i) => i.id === id) ?? null;
      await repo.softDelete(id);
      if (id === currentId()) {
        const next = (await repo.list()).find((i) => i.id !== id);
        if (next) await load(next.id);
        else await openDraft({ draft: true });
      }
      await refresh();
      state.setState({ lastDeleted: before });
    },

    async restore(id) {
      await repo.restore(id);
      if (state.getState().lastDeleted?.id === id) state.setState({ lastDeleted: null });
      await refresh();
    },

    async purge(id) {
      const row = await repo.get(id);
      if (row && !row.deletedAt) throw new Error(`Workflow "${row.name}" is not in the trash; delete it first.`);
      await repo.purge(id);
      if (state.getState().lastDeleted?.id === id) state.setState({ lastDeleted: null });
      await refresh();
    },
  };
}

/**
 * Watches the open draft: its first edit makes it one of the workflows (autosave's save drops the flag), and the
 * list should show it then, not at the next refresh; `listNow` saves at once and reads the list back. Only the
 * first edit of a draft costs that; later edits are saved by autosave as usual.
 */
function followOpenDraft(editor: EditorStore, initial: WorkflowId | null, listNow: () => Promise<void>) {
  let draft = initial;
  editor.subscribe((st, prev) => {
    if (draft === null || st.workflowId !== draft || st.workflowId !== prev.workflowId || st.doc === prev.doc) return;
    draft = null;
    // A save that fails is said by autosave itself; the list then simply shows it at its next refresh.
    listNow().catch(() => undefined);
  });
  return {
    opened(id: WorkflowId) {
      draft = id;
    },
    kept() {
      draft = null;
    },
  };
}

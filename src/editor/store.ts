import { applyPatches, enablePatches, freeze, produce, produceWithPatches } from "immer";
import { createStore } from "zustand/vanilla";
import type { Position, Workflow } from "../domain/workflow";
import { documentCommands, type CommitMeta } from "./commands";
import { defaultEditorDeps } from "./deps";
import { emptyWorkflow } from "./document";
import { History } from "./history";
import { applyTakeChoice, takeCommands } from "./take-commands";
import type { EditorDeps, EditorOptions, EditorState, EditorStore, Selection } from "./types";

enablePatches();

const EMPTY_SELECTION: Selection = { nodes: [], edges: [] };

/** Drops selected ids that no longer exist (after undo, delete, load). */
function pruneSelection(sel: Selection, doc: Workflow): Selection {
  const nodes = sel.nodes.filter((id) => doc.nodes.some((n) => n.id === id));
  const edges = sel.edges.filter((id) => doc.edges.some((e) => e.id === id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

/**
 * The open workflow document, its selection and its undo history, in one vanilla zustand
 * store. Every change of `doc` goes through a named command that records immer patches.
 * The store knows nothing of IndexedDB or React: autosave and views subscribe from outside.
 */
export function createEditorStore(opts: EditorOptions = {}): EditorStore {
  const deps: EditorDeps = { ...defaultEditorDeps, ...opts.deps };
  const now = opts.now ?? (() => Date.now());
  const history = new History({ limit: opts.historyLimit ?? 200, coalesceMs: opts.coalesceMs ?? 1000 });
  // Positions of nodes when the current drag started: the undo step of a drag goes back to them.
  const dragOrigin = new Map<string, Position>();

  return createStore<EditorState>()((set, get) => {
    const setDoc = (doc: Workflow, selection?: Selection) =>
      set((s) => ({
        doc,
        revision: s.revision + 1,
        history: history.summary(),
        selection: pruneSelection(selection ?? s.selection, doc),
      }));

    /** Runs `recipe` on a draft of `base`; records one history step if anything changed. */
    function commit<R>(meta: CommitMeta<R>, recipe: (draft: Workflow) => R, base: Workflow = get().doc): R {
      let out!: R;
      const [next, patches, inverse] = produceWithPatches(base, (draft) => {
        out = recipe(draft);
      });
      if (patches.length === 0) return out;
      history.record({
        command: meta.command,
        label: meta.label,
        target: meta.target ?? null,
        patches,
        inverse,
        at: now(),
      });
      setDoc(next, meta.select?.(out));
      return out;
    }

    const initial = opts.doc ? freeze(structuredClone(opts.doc), true) : emptyWorkflow();

    return {
      doc: initial,
      workflowId: opts.workflowId ?? null,
      selection: EMPTY_SELECTION,
      history: history.summary(),
      revision: 0,

      ...documentCommands({ get: () => get().doc, selection: () => get().selection, commit, deps }),
      ...takeCommands({ get: () => get().doc, selection: () => get().selection, commit, deps }),

      recordTakeChoice(nodeId, choice) {
        const doc = get().doc;
        const next = produce(doc, (d) => applyTakeChoice(d, nodeId, choice));
        if (next !== doc) setDoc(next);
      },

      dragNodes(moves) {
        const doc = get().doc;
        for (const m of moves) {
          const n = doc.nodes.find((x) => x.id === m.id);
          if (n && !dragOrigin.has(m.id)) dragOrigin.set(m.id, n.position);
        }
        setDoc(
          produce(doc, (d) => {
            for (const m of moves) {
              const n = d.nodes.find((x) => x.id === m.id);
              if (n) n.position = { x: m.position.x, y: m.position.y };
            }
          }),
        );
      },

      moveNodes(moves) {
        // Record the step from the pre-drag positions, so undo returns there in one go.
        const base = produce(get().doc, (d) => {
          for (const n of d.nodes) {
            const o = dragOrigin.get(n.id);
            if (o) n.position = o;
          }
        });
        dragOrigin.clear();
        const live = get().doc;
        commit(
          { command: "moveNodes", label: moves.length === 1 ? "Move node" : `Move ${moves.length} nodes` },
          (d) => {
            for (const m of moves) {
              const n = d.nodes.find((x) => x.id === m.id);
              if (n && (n.position.x !== m.position.x || n.position.y !== m.position.y))
                n.position = { x: m.position.x, y: m.position.y };
            }
          },
          base,
        );
        // Nothing recorded (the drag ended where it began): settle the live positions back too.
        if (get().doc === live && base !== live) setDoc(base);
      },

      replaceDocument(workflow, o) {
        history.clear();
        dragOrigin.clear();
        set((s) => ({
          doc: freeze(structuredClone(workflow), true),
          workflowId: o?.workflowId ?? null,
          selection: EMPTY_SELECTION,
          history: history.summary(),
          revision: s.revision + 1,
        }));
      },

      undo() {
        dragOrigin.clear();
        const e = history.popUndo();
        if (!e) return false;
        setDoc(applyPatches(get().doc, e.inverse));
        return true;
      },

      redo() {
        dragOrigin.clear();
        const e = history.popRedo();
        if (!e) return false;
        setDoc(applyPatches(get().doc, e.patches));
        return true;
      },

      breakCoalescing() {
        history.seal();
      },

      setSelection(sel) {
        const s = get();
        set({
          selection: pruneSelection(
            { nodes: sel.nodes ?? s.selection.nodes, edges: sel.edges ?? s.selection.edges },
            s.doc,
          ),
        });
      },
      selectAll() {
        const { doc } = get();
        set({ selection: { nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) } });
      },
      clearSelection() {
        set({ selection: EMPTY_SELECTION });
      },
    };
  });
}

import type { EdgeId, NodeId } from "../domain/ids";
import type { Workflow, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { nodeById } from "./document";
import type { EditorState, HistorySummary, Selection } from "./types";

/**
 * Selectors for `useStore(store, selector)`. Unchanged nodes keep their identity across
 * edits (immer structural sharing), so a node view selecting its own node re-renders only
 * when that node changes.
 */
export const selectDoc = (s: EditorState): Workflow => s.doc;
export const selectNodes = (s: EditorState): readonly WorkflowNode[] => s.doc.nodes;
export const selectEdges = (s: EditorState): readonly WorkflowEdge[] => s.doc.edges;
export const selectWorkflowName = (s: EditorState): string => s.doc.name;
export const selectSelection = (s: EditorState): Selection => s.selection;
export const selectHistory = (s: EditorState): HistorySummary => s.history;
export const selectRevision = (s: EditorState): number => s.revision;

export const selectNode =
  (id: NodeId | string) =>
  (s: EditorState): WorkflowNode | undefined =>
    nodeById(s.doc, id);

export const selectIsNodeSelected =
  (id: NodeId | string) =>
  (s: EditorState): boolean =>
    s.selection.nodes.includes(id as NodeId);

export const selectIsEdgeSelected =
  (id: EdgeId | string) =>
  (s: EditorState): boolean =>
    s.selection.edges.includes(id as EdgeId);

// Selectors must return the same object while nothing changed (zustand 5 + React's
// useSyncExternalStore loop otherwise), so derived lists are memoised per edges array.
const incomingIndex = new WeakMap<readonly WorkflowEdge[], Map<string, WorkflowEdge[]>>();
const NO_EDGES: readonly WorkflowEdge[] = Object.freeze([]);

/** Edges into one node, e.g. to know which inputs are wired (a wired prompt hides the textarea). */
export const selectIncomingEdges =
  (id: NodeId | string) =>
  (s: EditorState): readonly WorkflowEdge[] => {
    let index = incomingIndex.get(s.doc.edges);
    if (!index) {
      index = new Map();
      for (const e of s.doc.edges) index.set(e.target, [...(index.get(e.target) ?? []), e]);
      incomingIndex.set(s.doc.edges, index);
    }
    return index.get(id) ?? NO_EDGES;
  };

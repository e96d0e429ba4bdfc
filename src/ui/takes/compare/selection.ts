import { createStore } from "zustand/vanilla";
import type { CacheKey, NodeId, WorkflowId } from "../../../domain/ids";

/** Names one take: takes are stored per (workflow, node, key). */
export interface TakeRef {
  workflowId: WorkflowId;
  nodeId: NodeId;
  key: CacheKey;
}

/** The compare dialog shows at most this many takes side by side. */
export const MAX_COMPARED = 4;

export const sameTake = (a: TakeRef, b: TakeRef): boolean =>
  a.workflowId === b.workflowId && a.nodeId === b.nodeId && a.key === b.key;

export interface CompareSelectionState {
  /** Selected takes in the order they were ticked (the dialog shows them in that order). */
  refs: TakeRef[];
  /** Adds the take, or removes it when it is already selected. A fifth take is refused (the list stays as it is). */
  toggle(ref: TakeRef): void;
  clear(): void;
}

/**
 * Which takes the user ticked for comparison, across nodes (takes of one node or of sibling nodes).
 * One per app (`views.compareSelection` in the Services context); in React: `useStore(views.compareSelection, s => s.refs)`.
 */
export const createCompareSelection = () =>
  createStore<CompareSelectionState>()((set, get) => ({
    refs: [],
    toggle(ref) {
      const refs = get().refs;
      if (refs.some((r) => sameTake(r, ref))) set({ refs: refs.filter((r) => !sameTake(r, ref)) });
      else if (refs.length < MAX_COMPARED)
        set({ refs: [...refs, { workflowId: ref.workflowId, nodeId: ref.nodeId, key: ref.key }] });
    },
    clear() {
      if (get().refs.length > 0) set({ refs: [] });
    },
  }));
export type CompareSelection = ReturnType<typeof createCompareSelection>;

export const isSelectedForCompare = (refs: readonly TakeRef[], ref: TakeRef): boolean =>
  refs.some((r) => sameTake(r, ref));

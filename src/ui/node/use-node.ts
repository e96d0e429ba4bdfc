import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { CacheKey, NodeId } from "../../domain/ids";
import type { WorkflowNode } from "../../domain/workflow";
import { selectIncomingEdges, selectNode } from "../../editor/selectors";
import type { PlannedNode } from "../../engine/plan";
import type { CachedResult } from "../../engine/ports";
import type { NodeRunState } from "../../engine/run-state";
import { displayOf, type NodeDisplay } from "../run/node-status";
import type { RunStoreState } from "../run/run-store";
import { useServices } from "../services";
import { useMemo } from "react";
import type { Price } from "../../nodes/types";

/** This node's document record only: other nodes' edits do not re-render it. */
export function useWorkflowNode(id: string): WorkflowNode | undefined {
  const { editor } = useServices();
  return useStore(editor, selectNode(id));
}

/** Names of the inputs fed by an edge, as one string so the selector result compares by value. */
export function useWiredInputs(id: string): ReadonlySet<string> {
  const { editor } = useServices();
  const joined = useStore(editor, (s) =>
    selectIncomingEdges(id)(s)
      .map((e) => e.targetHandle)
      .sort()
      .join("\u0000"),
  );
  return useMemo(() => new Set(joined ? joined.split("\u0000") : []), [joined]);
}

/**
 * Status, result, logs and error of this node, from its own slice of the run store. One subscription for the four
 * parts (compared one by one): every node view holds it, so a 1,000-node graph mounts 1,000 subscriptions, not 4,000.
 * The key now only matters against the key at the last run (see displayOf): a node no run has touched does not
 * re-render when a plan gives it its key (every node of a graph just opened, in one go).
 */
export function useNodeDisplay(id: string): NodeDisplay {
  const { runs } = useServices();
  const [run, keyNow, keyAtRun, stored] = useStore(runs, useShallow(selectNodeDisplayParts(id)));
  return useMemo(() => displayOf(run, keyNow, keyAtRun, stored), [run, keyNow, keyAtRun, stored]);
}

/** What displayOf makes a node's display of: its run state, key now, key at the last run and stored result. */
export type NodeDisplayParts = [
  run: NodeRunState | undefined,
  keyNow: CacheKey | undefined,
  keyAtRun: CacheKey | undefined,
  stored: CachedResult | undefined,
];

/** useNodeDisplay's selector. The key now is left out until a run has set the node's key at run (see displayOf). */
export const selectNodeDisplayParts =
  (id: string) =>
  (s: RunStoreState): NodeDisplayParts => {
    const atRun = s.keysAtRun[id];
    return [s.run.nodes[id as NodeId], atRun === undefined ? undefined : s.keys[id], atRun, s.stored[id]];
  };

/**
 * The plan's price of this node, or null while it cannot be planned. Compared field by field (a price is
 * flat), so a replan after an edit elsewhere (new plan object, same price) does not re-render this node.
 */
export function usePlannedPrice(id: string): Price | null {
  const { runs } = useServices();
  return useStore(
    runs,
    useShallow((s) => {
      const n: PlannedNode | undefined = s.plan?.nodes.get(id as NodeId);
      return n?.role === "generation" ? n.price : null;
    }),
  );
}

/** Plan problems of this node, joined (by value, so unrelated replans do not re-render). */
export function useNodeProblems(id: string): string[] {
  const { runs } = useServices();
  const joined = useStore(runs, (s) =>
    s.planErrors
      .filter((e) => e.nodeId === id)
      .map((e) => e.message)
      .join("\n"),
  );
  return useMemo(() => (joined ? joined.split("\n") : []), [joined]);
}

import type { NodeChange } from "@xyflow/react";
import type { NodeId } from "../../domain/ids";
import type { Position } from "../../domain/workflow";
import type { FlowNode } from "./flow-elements";

export interface NodeMove {
  id: NodeId;
  position: Position;
}

/** What one onNodesChange call from React Flow asks of the canvas, sorted by where it goes. */
export interface SortedNodeChanges {
  /** Positions of a drag under way (each pointer move): drawn by the canvas, not written to the document. */
  dragging: NodeMove[];
  /** Final positions (a drag's end, an arrow key): one recorded move in the document. */
  ended: NodeMove[];
  /** The node selection after these changes, or null when they select nothing. */
  selection: Set<string> | null;
  /** Sizes React Flow measured that differ from the ones it measured before. */
  measured: Map<string, { width: number; height: number }>;
}

/**
 * Sorts React Flow's node changes. `positionOf` answers for a position change without a position (React Flow sends
 * one when a drag ends where it began); `measuredNow` holds the sizes already known; `selectedNow` the selection.
 */
export function sortNodeChanges(
  changes: readonly NodeChange<FlowNode>[],
  positionOf: (id: string) => Position | undefined,
  measuredNow: ReadonlyMap<string, { width: number; height: number }>,
  selectedNow: readonly string[],
): SortedNodeChanges {
  const out: SortedNodeChanges = { dragging: [], ended: [], selection: null, measured: new Map() };
  for (const c of changes) {
    switch (c.type) {
      case "position": {
        const pos = c.position ?? positionOf(c.id);
        if (pos) (c.dragging ? out.dragging : out.ended).push({ id: c.id as NodeId, position: pos });
        break;
      }
      case "dimensions": {
        const prev = measuredNow.get(c.id);
        const d = c.dimensions;
        if (d && (!prev || prev.width !== d.width || prev.height !== d.height)) out.measured.set(c.id, d);
        break;
      }
      case "select":
        out.selection ??= new Set(selectedNow);
        if (c.selected) out.selection.add(c.id);
        else out.selection.delete(c.id);
        break;
      case "remove":
      case "add":
      case "replace":
        // Deleting and adding go through editor commands (keyboard, palette), never through here.
        break;
      default: {
        const _: never = c;
        void _;
      }
    }
  }
  return out;
}

/**
 * The nodes with the live positions of a drag under way: only the dragged nodes get new objects (React Flow then
 * updates those alone), and the list is the same array when nothing is being dragged.
 */
export function withLivePositions(nodes: FlowNode[], live: ReadonlyMap<string, Position> | null): FlowNode[] {
  if (!live || live.size === 0) return nodes;
  return nodes.map((n) => {
    const at = live.get(n.id);
    return at ? { ...n, position: at, dragging: true } : n;
  });
}

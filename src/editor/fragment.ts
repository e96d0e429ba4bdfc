import type { EdgeId, NodeId } from "../domain/ids";
import {
  CURRENT_WORKFLOW_VERSION,
  WORKFLOW_FORMAT,
  type Position,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from "../domain/workflow";
import { NodeIdAllocator, edgeIdFor } from "./ids";
import type { Fragment } from "./types";

const jsonClone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The given nodes and the edges running between them, as a standalone document. */
export function extractFragment(doc: Workflow, ids: readonly NodeId[]): Fragment {
  const keep = new Set<string>(ids);
  return {
    format: WORKFLOW_FORMAT,
    version: CURRENT_WORKFLOW_VERSION,
    name: doc.name,
    nodes: jsonClone(doc.nodes.filter((n) => keep.has(n.id))),
    edges: jsonClone(doc.edges.filter((e) => keep.has(e.source) && keep.has(e.target))),
  };
}

export function topLeft(nodes: readonly { position: Position }[]): Position {
  if (nodes.length === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(...nodes.map((n) => n.position.x)),
    y: Math.min(...nodes.map((n) => n.position.y)),
  };
}

export interface Placed {
  nodeIds: NodeId[];
  edgeIds: EdgeId[];
  /** Old id → new id. */
  idMap: Map<string, NodeId>;
}

/**
 * Adds a fragment to `doc` (an immer draft) with fresh readable ids, shifted so its top-left
 * corner lands on `at`. Edges whose ends are not both in the fragment are dropped, and a
 * second edge into one input keeps the last (one edge per input).
 */
export function placeFragment(doc: Workflow, fragment: Fragment, at: Position): Placed {
  const ids = new NodeIdAllocator(doc);
  const origin = topLeft(fragment.nodes);
  const idMap = new Map<string, NodeId>();
  const nodeIds: NodeId[] = [];
  for (const n of fragment.nodes) {
    const id = ids.allocate(n.type);
    idMap.set(n.id, id);
    nodeIds.push(id);
    const copy = jsonClone<WorkflowNode>(n);
    copy.id = id;
    copy.position = { x: n.position.x - origin.x + at.x, y: n.position.y - origin.y + at.y };
    doc.nodes.push(copy);
  }
  const byInput = new Map<string, WorkflowEdge>();
  for (const e of fragment.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (!source || !target) continue;
    byInput.set(`${target}\u0000${e.targetHandle}`, { ...jsonClone(e), source, target });
  }
  const edgeIds: EdgeId[] = [];
  for (const e of byInput.values()) {
    const id = edgeIdFor(doc, e);
    doc.edges.push({ ...e, id });
    edgeIds.push(id);
  }
  return { nodeIds, edgeIds, idMap };
}

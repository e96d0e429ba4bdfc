import type { NodeId } from "../domain/ids";
import type { Workflow, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import type { Digraph } from "./graph";
import { findCycles, withAncestors } from "./graph";
import type { PlanError } from "./plan-types";

/**
 * What a run covers, and which of the workflow's problems stop it. "Run this node" on a half-built graph
 * must not be refused for a problem elsewhere, and a pinned node's inputs must not block a run that
 * never runs them.
 */
export interface RunScope {
  /** The valid edges as a graph over every node, in file order. */
  graph: Digraph;
  /** The targets and their ancestors (every node when no target is given): keyed and checked. */
  included: ReadonlySet<NodeId>;
  /** What the run needs: its targets and their ancestors, not walking past pinned nodes. */
  needed: ReadonlySet<NodeId>;
  /** `graph` limited to `included`. */
  scoped: Digraph;
  isPinned(id: NodeId): boolean;
  /** In `included` only to tell whether a pinned take is stale. */
  feedsPinnedOnly(id: NodeId): boolean;
}

/**
 * What the run needs: its targets ("Run all": the nodes nothing takes from) and their ancestors, not
 * walking past pinned nodes, which never run. The rest of `included` feeds only pinned nodes: it is
 * keyed to tell whether a pinned take is stale, but its errors do not block the run, and an invalid
 * node there (with what depends on it, up to the pinned nodes) is left out. "Run all" still runs the
 * valid rest of it; a targeted run runs none of it.
 */
export function scopeRun(
  workflow: Workflow,
  byId: ReadonlyMap<NodeId, WorkflowNode>,
  validEdges: readonly WorkflowEdge[],
  requested: readonly NodeId[] | undefined,
): RunScope {
  const order = workflow.nodes.map((n) => n.id);
  const out = new Map<NodeId, NodeId[]>();
  for (const e of validEdges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const graph: Digraph = { order, out };

  const targets = (requested ?? []).filter((t) => byId.has(t));
  const included = requested ? withAncestors(graph, targets) : new Set(order);
  const isPinned = (id: NodeId) => {
    const n = byId.get(id);
    return n !== undefined && isGenerationNode(n) && n.data.pinned === true && n.data.take !== undefined;
  };
  const ends = order.filter((id) => (out.get(id) ?? []).length === 0);
  const needed = withAncestors(graph, requested ? targets : ends, isPinned);
  return {
    graph,
    included,
    needed,
    scoped: { order: order.filter((id) => included.has(id)), out },
    isPinned,
    feedsPinnedOnly: (id) => included.has(id) && !needed.has(id),
  };
}

/**
 * Each error belongs to a node (an edge's: its target, or its source when the target is missing).
 * One the run needs blocks it; one that only feeds pinned nodes makes its node unusable instead,
 * and with it what depends on it, except a pinned node (it keeps its take, stale).
 */
export function triageErrors(
  errors: readonly PlanError[],
  edges: readonly WorkflowEdge[],
  scope: RunScope,
): { blocking: PlanError[]; unusable: Set<NodeId> } {
  const edgeById = new Map(edges.map((e) => [e.id, e] as const));
  const ownerOf = (er: PlanError): NodeId | undefined =>
    er.nodeId ?? (er.edgeId ? edgeById.get(er.edgeId)?.source : undefined);
  const unusable = new Set<NodeId>();
  const blocking: PlanError[] = [];
  for (const er of errors) {
    const owner = ownerOf(er);
    if (owner === undefined || scope.needed.has(owner)) blocking.push(er);
    else if (scope.feedsPinnedOnly(owner)) unusable.add(owner);
  }
  spreadUnusable(unusable, scope);
  return { blocking, unusable };
}

function spreadUnusable(unusable: Set<NodeId>, scope: RunScope): void {
  const spread = [...unusable];
  for (let id = spread.pop(); id !== undefined; id = spread.pop()) {
    for (const c of scope.graph.out.get(id) ?? []) {
      if (scope.feedsPinnedOnly(c) && !scope.isPinned(c) && !unusable.has(c)) {
        unusable.add(c);
        spread.push(c);
      }
    }
  }
}

/** Problems that block any run: a target that is not there, a cycle among what the run includes. */
export function runWideErrors(
  byId: ReadonlyMap<NodeId, WorkflowNode>,
  requested: readonly NodeId[] | undefined,
  scope: RunScope,
): PlanError[] {
  const errors: PlanError[] = [];
  for (const t of requested ?? []) {
    if (!byId.has(t)) errors.push({ nodeId: t, message: `There is no node "${t}" to run` });
  }
  for (const cycle of findCycles(scope.scoped)) {
    const first = cycle[0];
    errors.push({ nodeId: first, message: `Cycle: ${[...cycle, first].join(" → ")}` });
  }
  return errors;
}

import type { NodeId } from "../domain/ids";
import type { Workflow, WorkflowEdge } from "../domain/workflow";
import type { ModelAdapter } from "../nodes/types";
import { topoSort } from "./graph";
import { checkEdges, knowNodes, problemsOfNodes } from "./plan-known";
import { planNodes } from "./plan-nodes";
import { runWideErrors, scopeRun, triageErrors } from "./plan-scope";
import type { Plan, PlanError, PlannedNode, PlanOptions, PlanResult } from "./plan-types";

export type {
  Plan,
  PlanError,
  PlannedGeneration,
  PlannedNode,
  PlannedSource,
  PlanOptions,
  PlanResult,
  SourceValue,
} from "./plan-types";
export type { Upstream } from "./upstream";

/**
 * Planning turns a workflow into exactly what will be run, or into every reason it cannot be run.
 * It checks the whole graph before anything is sent: a plan either exists and is runnable, or
 * the user gets all problems at once (not one per attempt, each after paying for the others).
 * Its steps: know the nodes and check the edges (plan-known.ts), scope the run and triage the problems
 * (plan-scope.ts), plan and key each node (plan-nodes.ts, plan-keys.ts), keep what runs and price it (here).
 */

export async function planWorkflow(workflow: Workflow, opts: PlanOptions = {}): Promise<PlanResult> {
  const errors: PlanError[] = [];
  const known = knowNodes(workflow, errors);
  const edges = checkEdges(workflow.edges, known, errors);
  const scope = scopeRun(workflow, known.byId, edges.valid, opts.targets);
  errors.push(...problemsOfNodes(known, scope, edges));
  const { blocking, unusable } = triageErrors(errors, workflow.edges, scope);
  blocking.push(...runWideErrors(known.byId, opts.targets, scope));
  if (blocking.length > 0) return { ok: false, errors: blocking };

  const sorted = topoSort(scope.scoped).sorted.filter((id) => !unusable.has(id));
  const feedsSoraRemix = soraRemixFeeders(workflow.edges, known.adapters, opts.alsoFeedsRemix);
  const planned = await planNodes(sorted, known, edges.feeding, feedsSoraRemix, opts.newTakes);
  // Nodes that only feed pinned nodes were keyed above (staleness); a targeted run leaves them out,
  // "Run all" keeps the usable ones (it runs every node that can run).
  const inRun = (id: NodeId) => (opts.targets ? scope.needed.has(id) : !unusable.has(id));
  const { nodes, children } = keepInRun(sorted, planned, inRun);
  return {
    ok: true,
    plan: { workflowName: workflow.name, order: sorted.filter(inRun), nodes, children, estimate: estimateOf(nodes) },
  };
}

/** The nodes whose video a Sora remix reads by its id (and those a sweep says to treat so). */
function soraRemixFeeders(
  edges: readonly WorkflowEdge[],
  adapters: ReadonlyMap<NodeId, ModelAdapter>,
  alsoFeedsRemix: readonly NodeId[] | undefined,
): Set<NodeId> {
  const feeders = new Set<NodeId>();
  for (const e of edges) {
    if (e.targetHandle === "video" && adapters.get(e.target)?.videoInput?.kind === "sora-video-id")
      feeders.add(e.source);
  }
  for (const id of alsoFeedsRemix ?? []) feeders.add(id);
  return feeders;
}

/** The planned nodes and their children, limited to what this run runs. */
function keepInRun(
  sorted: readonly NodeId[],
  planned: { nodes: Map<NodeId, PlannedNode>; children: Map<NodeId, NodeId[]> },
  inRun: (id: NodeId) => boolean,
): { nodes: Map<NodeId, PlannedNode>; children: Map<NodeId, NodeId[]> } {
  const { nodes, children } = planned;
  for (const id of sorted) if (!inRun(id)) nodes.delete(id);
  for (const [id, list] of children) {
    if (!inRun(id)) children.delete(id);
    else children.set(id, list.filter(inRun));
  }
  return { nodes, children };
}

function estimateOf(nodes: ReadonlyMap<NodeId, PlannedNode>): Plan["estimate"] {
  let usd = 0;
  let upperBound = false;
  const unknownPriceNodes: NodeId[] = [];
  for (const n of nodes.values()) {
    if (n.role !== "generation" || n.pinned) continue; // a pinned node is never paid for
    if (n.price.usd === null) unknownPriceNodes.push(n.id);
    else usd += n.price.usd;
    upperBound ||= n.price.upperBound;
  }
  return { usd: Math.round(usd * 1000) / 1000, upperBound, unknownPriceNodes };
}

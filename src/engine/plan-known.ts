import type { NodeId } from "../domain/ids";
import type { NodeKind, Workflow, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { adapterForNode, getDefinition, inputsFor } from "../nodes/registry";
import type { InputHandle } from "../nodes/ports";
import type { InputPortSpec, ModelAdapter, NodeDefinition } from "../nodes/types";
import { describeNode, edgeProblem, isInputHandle, nodeProblems } from "./plan-checks";
import type { RunScope } from "./plan-scope";
import type { PlanError } from "./plan-types";

/**
 * What planning knows of a workflow before planning any node: each node with its definition and model, the
 * valid edges and what feeds each input; and the problems found on the way, all of them (not just the first).
 */

/** What planning knows of each node: the node by id, its definition, its model and that model's input ports. */
export interface Known {
  byId: Map<NodeId, WorkflowNode>;
  defOf(n: WorkflowNode): NodeDefinition;
  /** Each generation node's model, or why it has none. */
  lookups: ReadonlyMap<NodeId, ReturnType<typeof adapterForNode>>;
  adapters: Map<NodeId, ModelAdapter>;
  inputsOf(n: WorkflowNode): Readonly<Record<string, InputPortSpec>>;
}

export function knowNodes(workflow: Workflow, errors: PlanError[]): Known {
  const byId = new Map<NodeId, WorkflowNode>();
  for (const n of workflow.nodes) {
    if (byId.has(n.id))
      errors.push({ nodeId: n.id, message: `Two nodes share the id "${n.id}"; every node needs its own id` });
    byId.set(n.id, n);
  }
  // Each generation node's model first: its input ports (a model may declare its own) decide which edges
  // are valid, and remix checks look at their upstream's model.
  const lookups = new Map<NodeId, ReturnType<typeof adapterForNode>>();
  for (const n of workflow.nodes) if (isGenerationNode(n)) lookups.set(n.id, adapterForNode(n));
  const adapters = new Map<NodeId, ModelAdapter>();
  for (const [id, found] of lookups) if (found.ok) adapters.set(id, found.adapter);
  return {
    byId,
    defOf: (n) => getDefinition<NodeKind>(n.type),
    lookups,
    adapters,
    inputsOf: (n) => inputsFor(n.type, adapters.get(n.id)),
  };
}

export interface CheckedEdges {
  valid: WorkflowEdge[];
  /** "node\0port" → every edge aiming at it, valid or not. */
  into: Map<string, WorkflowEdge[]>;
  /** Which input of which node takes which upstreams (valid edges only, in file order). */
  feeding: Map<NodeId, Partial<Record<InputHandle, NodeId[]>>>;
}

/** Each edge must join real ports of compatible types, one edge per input (several on a `multiple` port). */
export function checkEdges(edges: readonly WorkflowEdge[], known: Known, errors: PlanError[]): CheckedEdges {
  const { byId, defOf, inputsOf, adapters } = known;
  const valid: WorkflowEdge[] = [];
  const into = new Map<string, WorkflowEdge[]>();
  for (const e of edges) {
    const slot = `${e.target}\u0000${e.targetHandle}`;
    into.set(slot, [...(into.get(slot) ?? []), e]);
    const problem = edgeProblem(e, byId, defOf, inputsOf, (n) => adapters.get(n.id));
    if (problem) errors.push({ edgeId: e.id, nodeId: byId.has(e.target) ? e.target : undefined, message: problem });
    else valid.push(e);
  }
  for (const [slot, list] of into) {
    if (list.length < 2) continue;
    const [target, port] = slot.split("\u0000") as [NodeId, string];
    const node = byId.get(target);
    if (!node || inputsOf(node)[port]?.multiple === true) continue;
    errors.push({
      nodeId: target,
      edgeId: list[1]?.id,
      message: `${describeNode(defOf(node), target)}: the ${port} input has ${list.length} connections (${list.map((e) => e.id).join(", ")}); an input takes one`,
    });
  }
  return { valid, into, feeding: feedingOf(valid) };
}

function feedingOf(valid: readonly WorkflowEdge[]): CheckedEdges["feeding"] {
  const feeding: CheckedEdges["feeding"] = new Map();
  for (const e of valid) {
    if (!isInputHandle(e.targetHandle)) continue;
    const into = feeding.get(e.target) ?? {};
    into[e.targetHandle] = [...(into[e.targetHandle] ?? []), e.source];
    feeding.set(e.target, into);
  }
  return feeding;
}

/** A model that could not be found, then each included node's own problems, in file order. */
export function problemsOfNodes(known: Known, scope: RunScope, edges: CheckedEdges): PlanError[] {
  const { byId, defOf, inputsOf, adapters } = known;
  const errors: PlanError[] = [];
  for (const [id, found] of known.lookups) {
    const n = byId.get(id) as WorkflowNode;
    if (found.ok || !scope.included.has(id)) continue;
    errors.push({ nodeId: id, message: `${describeNode(defOf(n), id)}: ${found.reason}` });
  }
  for (const id of scope.scoped.order) {
    const n = byId.get(id) as WorkflowNode;
    errors.push(
      ...nodeProblems(n, defOf(n), inputsOf(n), edges.feeding.get(id) ?? {}, edges.into, adapters, byId, defOf),
    );
    if (isGenerationNode(n) && n.data.pinned === true && n.data.take === undefined) {
      errors.push({
        nodeId: id,
        message: `${describeNode(defOf(n), id)}: pinned, but it has no take yet: run it once or unpin it`,
      });
    }
  }
  return errors;
}

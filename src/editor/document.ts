import type { NodeId } from "../domain/ids";
import {
  CURRENT_WORKFLOW_VERSION,
  WORKFLOW_FORMAT,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from "../domain/workflow";

export function emptyWorkflow(name = "Untitled workflow"): Workflow {
  return { format: WORKFLOW_FORMAT, version: CURRENT_WORKFLOW_VERSION, name, nodes: [], edges: [] };
}

// Node views look their node up on every store change; an index per document version keeps
// that O(1) without holding on to old documents.
const indexes = new WeakMap<Workflow, Map<string, WorkflowNode>>();

export function nodeById(doc: Workflow, id: NodeId | string): WorkflowNode | undefined {
  let index = indexes.get(doc);
  if (!index) {
    index = new Map(doc.nodes.map((n) => [n.id, n]));
    indexes.set(doc, index);
  }
  return index.get(id);
}

/** The edge feeding one input, if any (there is at most one). */
export function edgeInto(doc: Workflow, target: NodeId | string, targetHandle: string): WorkflowEdge | undefined {
  return doc.edges.find((e) => e.target === target && e.targetHandle === targetHandle);
}

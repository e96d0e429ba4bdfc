import { edgeId, endpointId, nodeId } from "../../../src/domain/ids";
import type { NodeId } from "../../../src/domain/ids";
import type { Params, Workflow, WorkflowEdge, WorkflowNode } from "../../../src/domain/workflow";
import { planWorkflow } from "../../../src/engine/plan";
import type { Plan, PlannedGeneration } from "../../../src/engine/plan";

/** Small builders so each test shows only the graph it is about. */

let pos = 0;
const at = () => ({ x: (pos += 40), y: 0 });

export const prompt = (id: string, text: string): WorkflowNode => ({
  id: nodeId(id),
  type: "prompt",
  position: at(),
  data: { text },
});
export const image = (id: string, url: string): WorkflowNode => ({
  id: nodeId(id),
  type: "image",
  position: at(),
  data: { url },
});
export const imageAsset = (id: string, asset: string): WorkflowNode => ({
  id: nodeId(id),
  type: "image",
  position: at(),
  data: { asset },
});
export const video = (id: string, url: string): WorkflowNode => ({
  id: nodeId(id),
  type: "video",
  position: at(),
  data: { url },
});
export const t2v = (id: string, params: Params = {}, endpoint?: string): WorkflowNode => ({
  id: nodeId(id),
  type: "text-to-video",
  position: at(),
  data: { params, ...(endpoint ? { endpoint: endpointId(endpoint) } : {}) },
});
export const i2v = (id: string, params: Params = {}, endpoint?: string): WorkflowNode => ({
  id: nodeId(id),
  type: "image-to-video",
  position: at(),
  data: { params, ...(endpoint ? { endpoint: endpointId(endpoint) } : {}) },
});
export const remix = (id: string, params: Params = {}, endpoint?: string): WorkflowNode => ({
  id: nodeId(id),
  type: "remix",
  position: at(),
  data: { params, ...(endpoint ? { endpoint: endpointId(endpoint) } : {}) },
});

/** "p1.text>v1.prompt" */
export function edge(spec: string, id?: string): WorkflowEdge {
  const m = /^(\w+)\.(\w+)>(\w+)\.(\w+)$/.exec(spec);
  if (!m) throw new Error(`bad edge spec ${spec}`);
  const [, s, sh, t, th] = m as unknown as [string, string, string, string, string];
  return {
    id: edgeId(id ?? `${s}-${t}-${th}`),
    source: nodeId(s),
    sourceHandle: sh,
    target: nodeId(t),
    targetHandle: th,
  };
}

export const workflow = (nodes: WorkflowNode[], edges: string[] | WorkflowEdge[], name = "test"): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name,
  nodes,
  edges: edges.map((e) => (typeof e === "string" ? edge(e) : e)),
});

export async function planOk(w: Workflow, targets?: string[]): Promise<Plan> {
  const r = await planWorkflow(w, targets ? { targets: targets.map(nodeId) } : {});
  if (!r.ok) throw new Error(`expected a plan, got: ${r.errors.map((e) => e.message).join("; ")}`);
  return r.plan;
}

export async function planErrors(w: Workflow, targets?: string[]): Promise<string[]> {
  const r = await planWorkflow(w, targets ? { targets: targets.map(nodeId) } : {});
  if (r.ok) throw new Error("expected plan errors, got a plan");
  return r.errors.map((e) => e.message);
}

export function gen(plan: Plan, id: string): PlannedGeneration {
  const n = plan.nodes.get(id as NodeId);
  if (!n || n.role !== "generation") throw new Error(`${id} is not a planned generation`);
  return n;
}

export const keyOf = (plan: Plan, id: string) => {
  const n = plan.nodes.get(id as NodeId);
  if (!n) throw new Error(`${id} not planned`);
  return n.key;
};

/** A 1×1 PNG, as a data: URL. */
export const PNG_1X1 =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

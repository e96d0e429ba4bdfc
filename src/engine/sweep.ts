import type { CacheKey, EdgeId, EndpointId, NodeId } from "../domain/ids";
import type { GenerationNode, ParamValue, Workflow, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { paramProblem } from "../nodes/params";
import { adapterForNode, adaptersFor, findAdapter, getDefinition } from "../nodes/registry";
import type { ModelAdapter } from "../nodes/types";
import type { Plan, PlanError } from "./plan";
import { planWorkflow } from "./plan";

/**
 * A sweep runs one generation node once per value of one param, side by side, so the results
 * can be compared as takes of that node. Each value becomes a clone of the node planned under
 * the content key the node itself would have with that value: a value already run costs nothing,
 * and a later plain run of the node with that value finds the sweep's result.
 */

/** "endpoint": model variants of the same kind; "prompt": prompt texts; else a declared param of the node's model. */
export interface SweepSpec {
  nodeId: NodeId;
  param: string;
  values: readonly ParamValue[];
}

export interface SweepRun {
  value: ParamValue;
  /** The clone planned for this value (its events and results carry this id). */
  runNodeId: NodeId;
  /** Where its result is looked up and stored. */
  key: CacheKey;
}

export interface Sweep {
  /** The swept (original) node: each run's result is filed as one of its takes. */
  nodeId: NodeId;
  param: string;
  /** The clones and what they need; show `billFor(plan)` first, then `execute(plan, ...)`. */
  plan: Plan;
  runs: SweepRun[];
}

export type SweepResult = { ok: true; sweep: Sweep } | { ok: false; errors: PlanError[] };

export interface SweepOptions {
  /** Give every value a fresh variant: a new take even for values already run (all paid). */
  newTakes?: boolean;
}

export const MIN_SWEEP_VALUES = 2;
export const MAX_SWEEP_VALUES = 12;

const SWEEP_MARK = "~sweep~";

/** Id of the clone that runs value `index` of a sweep of `nodeId`. */
export const sweepRunId = (nodeId: NodeId, index: number): NodeId => `${nodeId}${SWEEP_MARK}${index}` as NodeId;

/** The swept node of a clone id made by `sweepRunId`, or undefined for an ordinary node id. */
export function sweptNodeOf(runNodeId: NodeId): NodeId | undefined {
  const at = runNodeId.lastIndexOf(SWEEP_MARK);
  return at > 0 && /^\d+$/.test(runNodeId.slice(at + SWEEP_MARK.length))
    ? (runNodeId.slice(0, at) as NodeId)
    : undefined;
}

/** A sweep as its runs see it: the swept param and the value each clone runs with. */
export interface SweepOfPlan {
  param: string;
  valueOf(runNodeId: NodeId): ParamValue | undefined;
}

/** A sweep's value in words, for a spend row's note: `sweep: duration = 8`, `sweep: prompt = "a boat…"`. */
export function sweepNote(param: string, value: ParamValue): string {
  const words =
    typeof value === "string"
      ? param === "prompt"
        ? JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value)
        : value
      : String(value);
  return `sweep: ${param} = ${words}`;
}

/** A param a sweep dialog can offer, with its choices when the model has a fixed list. */
export interface SweepableParam {
  name: string;
  label: string;
  options?: readonly ParamValue[];
}

/** What can be swept on a generation node: its model variants, its prompt (when it takes one), its declared params. */
export function sweepableParams(node: Pick<GenerationNode, "type" | "data">): SweepableParam[] {
  const found = adapterForNode(node);
  if (!found.ok) return [];
  const out: SweepableParam[] = [];
  const models = adaptersFor(node.type).filter((a) => !a.retired || a.endpoint === found.adapter.endpoint);
  if (models.length > 1) out.push({ name: "endpoint", label: "Model", options: models.map((a) => a.endpoint) });
  if (getDefinition(node.type).inputs.prompt?.type === "text") out.push({ name: "prompt", label: "Prompt" });
  for (const spec of found.adapter.params)
    out.push({ name: spec.name, label: spec.label, ...(spec.kind === "enum" ? { options: spec.options } : {}) });
  return out;
}

export async function planSweep(workflow: Workflow, spec: SweepSpec, opts: SweepOptions = {}): Promise<SweepResult> {
  const node = workflow.nodes.find((n) => n.id === spec.nodeId);
  if (!node) return refuse(spec.nodeId, `There is no node "${spec.nodeId}" to sweep`);
  if (!isGenerationNode(node))
    return refuse(node.id, `${describe(node)} makes no video: only video-making nodes can be swept`);
  const name = describe(node);
  const found = adapterForNode(node);
  if (!found.ok) return refuse(node.id, `${name}: ${found.reason}`);
  const adapter = found.adapter;

  const errors = valueErrors(node, adapter, spec);
  if (errors.length > 0) return { ok: false, errors: errors.map((message) => ({ nodeId: node.id, message })) };

  const runIds = spec.values.map((_, i) => sweepRunId(node.id, i));
  const into = workflow.edges.filter((e) => e.target === node.id);
  const clones: WorkflowNode[] = [];
  const cloneEdges: WorkflowEdge[] = [];
  spec.values.forEach((value, i) => {
    const id = runIds[i] as NodeId;
    clones.push(cloneFor(node, id, spec.param, value));
    for (const e of into) {
      if (spec.param === "prompt" && e.targetHandle === "prompt") continue; // the swept text replaces what fed it
      cloneEdges.push({ ...e, id: `${e.id}${SWEEP_MARK}${i}` as EdgeId, target: id });
    }
  });

  const planned = await planWorkflow(
    { ...workflow, nodes: [...workflow.nodes, ...clones], edges: [...workflow.edges, ...cloneEdges] },
    {
      targets: runIds,
      alsoFeedsRemix: feedsSoraRemix(workflow, node.id) ? runIds : [],
      newTakes: opts.newTakes
        ? Object.fromEntries(runIds.map((id) => [id, globalThis.crypto.randomUUID()]))
        : undefined,
    },
  );
  if (!planned.ok) return { ok: false, errors: cloneErrorsInWords(planned.errors, node, spec, runIds) };

  const runs = spec.values.map((value, i): SweepRun => {
    const runNodeId = runIds[i] as NodeId;
    const n = planned.plan.nodes.get(runNodeId);
    if (!n) throw new Error(`sweep: ${runNodeId} missing from its own plan`);
    return { value, runNodeId, key: n.key };
  });
  return { ok: true, sweep: { nodeId: node.id, param: spec.param, plan: planned.plan, runs } };
}

function valueErrors(node: GenerationNode, adapter: ModelAdapter, spec: SweepSpec): string[] {
  const name = describe(node);
  const errors: string[] = [];
  const paramSpec = adapter.params.find((p) => p.name === spec.param);
  const takesPrompt = getDefinition(node.type).inputs.prompt?.type === "text";
  if (!paramSpec && spec.param !== "endpoint" && !(spec.param === "prompt" && takesPrompt)) {
    const choices = sweepableParams(node).map((p) => p.name);
    return [`${name}: "${spec.param}" cannot be swept on ${adapter.label}; choose one of ${choices.join(", ")}`];
  }
  if (spec.values.length < MIN_SWEEP_VALUES)
    errors.push(
      `${name}: a sweep of ${spec.param} needs at least ${MIN_SWEEP_VALUES} values (got ${spec.values.length})`,
    );
  if (spec.values.length > MAX_SWEEP_VALUES)
    errors.push(
      `${name}: a sweep of ${spec.param} takes at most ${MAX_SWEEP_VALUES} values (got ${spec.values.length})`,
    );
  const seen = new Set<string>();
  for (const v of spec.values) {
    const id = JSON.stringify(v);
    if (seen.has(id)) errors.push(`${name}: ${spec.param} ${show(v)} is listed twice`);
    seen.add(id);
  }
  for (const v of spec.values) {
    const problem = paramSpec
      ? paramProblem(paramSpec, v)
      : spec.param === "endpoint"
        ? endpointProblem(node, v)
        : promptProblem(v);
    if (problem) errors.push(`${name}: ${spec.param} ${show(v)}: ${problem}`);
  }
  return errors;
}

function endpointProblem(node: GenerationNode, v: ParamValue): string | undefined {
  const title = getDefinition(node.type).title;
  const known = adaptersFor(node.type).map((a) => a.endpoint);
  const other = typeof v === "string" ? findAdapter(v) : undefined;
  if (other?.kind === node.type) return undefined;
  if (other) return `${other.label} is not a ${title} model`;
  return `no ${title} model by that name (choose one of ${known.join(", ")})`;
}

function promptProblem(v: ParamValue): string | undefined {
  if (typeof v !== "string") return "a prompt is text";
  return v.trim() === "" ? "The prompt is empty" : undefined;
}

/** The node as it would be with this value: no take chosen, not pinned (a clone is there to run). */
function cloneFor(node: GenerationNode, id: NodeId, param: string, value: ParamValue): WorkflowNode {
  const { take: _take, pinned: _pinned, ...data } = node.data;
  const params = { ...(data.params ?? {}) };
  let endpoint = data.endpoint;
  if (param === "endpoint") endpoint = value as EndpointId;
  else params[param] = value;
  return { ...node, id, data: { ...data, params, ...(endpoint !== undefined ? { endpoint } : {}) } };
}

/** Whether the node feeds a Sora remix (so it is sent with `delete_video: false`, which is part of its key). */
function feedsSoraRemix(workflow: Workflow, id: NodeId): boolean {
  return workflow.edges.some((e) => {
    if (e.source !== id || e.targetHandle !== "video") return false;
    const target = workflow.nodes.find((n) => n.id === e.target);
    if (!target || !isGenerationNode(target)) return false;
    const found = adapterForNode(target);
    return found.ok && found.adapter.videoInput?.kind === "sora-video-id";
  });
}

/**
 * Plan errors name clones ("Text-to-Video v1~sweep~2"); people know the node and the value. A
 * problem every clone shares is the node's own and is said once; one only some values have names
 * the value.
 */
function cloneErrorsInWords(errors: PlanError[], node: GenerationNode, spec: SweepSpec, runIds: NodeId[]): PlanError[] {
  const title = getDefinition(node.type).title;
  const byMessage = new Map<string, { error: PlanError; values: ParamValue[] }>();
  const order: string[] = [];
  for (const er of errors) {
    const i = runIds.findIndex((id) => er.nodeId === id || er.message.includes(`${title} ${id}`));
    const message =
      i < 0
        ? er.message
        : er.message.split(`${title} ${runIds[i]}`).join(`${title} ${node.id}`).split(String(runIds[i])).join(node.id);
    const edgeId = er.edgeId && i >= 0 ? (String(er.edgeId).split(SWEEP_MARK)[0] as EdgeId) : er.edgeId;
    const entry = byMessage.get(message);
    if (!entry) {
      byMessage.set(message, {
        error: { ...er, message, nodeId: i >= 0 ? node.id : er.nodeId, ...(edgeId ? { edgeId } : {}) },
        values: i >= 0 ? [spec.values[i] as ParamValue] : [],
      });
      order.push(message);
    } else if (i >= 0) entry.values.push(spec.values[i] as ParamValue);
  }
  return order.map((m) => {
    const { error, values } = byMessage.get(m) as { error: PlanError; values: ParamValue[] };
    if (values.length === 0 || values.length === spec.values.length) return error;
    const with_ = `${title} ${node.id} (${spec.param} ${values.map(show).join(", ")})`;
    return { ...error, message: error.message.split(`${title} ${node.id}`).join(with_) };
  });
}

const describe = (n: WorkflowNode) => `${getDefinition(n.type).title} ${n.id}`;

const show = (v: ParamValue) => (typeof v === "string" ? `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : String(v));

const refuse = (nodeId: NodeId, message: string): SweepResult => ({ ok: false, errors: [{ nodeId, message }] });

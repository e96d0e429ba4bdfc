import type { EdgeId } from "../domain/ids";
import { isGenerationNode, type NodeKind, type Workflow, type WorkflowNode } from "../domain/workflow";
import { portTypeWords } from "./ports";
import { adapterForNode, getDefinition, inputsFor } from "./registry";
import type { InputPortSpec, ModelAdapter, NodeDefinition, OutputPortSpec } from "./types";

/**
 * Whether a wire may be drawn, and if not, why, in words to show next to the cursor.
 * The target's inputs are those of the model it runs (`inputsFor`). An input takes one wire:
 * connecting to an input that already has one is allowed and replaces it (`replacesEdgeId`
 * says which), so it is never a refusal. A port that takes several (reference images) adds
 * the wire after the others; the same wire twice is refused.
 */
export interface ConnectionRequest {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

export type ConnectionVerdict = { ok: true; replacesEdgeId?: EdgeId } | { ok: false; reason: string };

export function checkConnection(workflow: Workflow, req: ConnectionRequest): ConnectionVerdict {
  const source = workflow.nodes.find((n) => n.id === req.source);
  const target = workflow.nodes.find((n) => n.id === req.target);
  if (!source) return refuse(`There is no node "${req.source}" to connect from`);
  if (!target) return refuse(`There is no node "${req.target}" to connect to`);
  if (source.id === target.id) return refuse("A node cannot take its own output as an input");

  const sourceDef = definitionOf(source);
  const targetDef = definitionOf(target);
  const model = modelOf(target);
  const output = sourceDef.outputs[req.sourceHandle];
  const input = inputsFor(target.type, model)[req.targetHandle];
  if (!output) return refuse(`${sourceDef.title} has no output "${req.sourceHandle}"`);
  const running = model ? ` with ${model.label}` : "";
  if (!input) return refuse(`${targetDef.title}${running} has no input "${req.targetHandle}"`);

  const need = input.type === "video" && isGenerationNode(target) ? videoNeedOf(target) : undefined;
  if (need) {
    const problem = videoIdProblem(need.adapter, need.reason, source, output);
    if (problem) return refuse(problem);
  }
  if (output.type !== input.type) {
    return refuse(
      `${targetDef.title}'s ${req.targetHandle} input takes ${portTypeWords(input.type)}, not ${portTypeWords(output.type)}`,
    );
  }

  const into = workflow.edges.filter((e) => e.target === target.id && e.targetHandle === req.targetHandle);
  if (input.multiple && into.some((e) => e.source === source.id && e.sourceHandle === req.sourceHandle)) {
    const what = input.label.toLowerCase();
    return refuse(`${sourceDef.title} ${source.id} is already one of the ${what} of ${targetDef.title} ${target.id}`);
  }
  const replaced = input.multiple ? undefined : into[0];
  const remaining = replaced ? workflow.edges.filter((e) => e !== replaced) : workflow.edges;
  const path = pathBetween(remaining, target.id, source.id);
  if (path) return refuse(`That would make a cycle: ${[...path, target.id].join(" → ")}`);

  return replaced ? { ok: true, replacesEdgeId: replaced.id } : { ok: true };
}

/**
 * Whether `source` can feed a video input whose model needs something more than a URL
 * (Sora remix needs the id Sora gave a video it made). Undefined when it can.
 */
export function videoIdProblem(
  targetAdapter: ModelAdapter,
  reason: string,
  source: WorkflowNode,
  output: OutputPortSpec,
): string | undefined {
  if (targetAdapter.videoInput?.kind !== "sora-video-id") return undefined;
  if (output.type !== "video") return `${reason}; this input is ${portTypeWords(output.type)}`;
  if (!isGenerationNode(source)) return `${reason}; this input is an uploaded video`;
  const made = adapterForNode(source);
  if (!made.ok) return `${reason}; this input comes from a node whose model is unknown`;
  // A Sora video id only exists for videos Sora made (its generations and its remixes).
  if (made.adapter.family !== targetAdapter.family)
    return `${reason}; this input is a video made by ${made.adapter.label}`;
  return undefined;
}

function videoNeedOf(
  target: Parameters<typeof adapterForNode>[0],
): { adapter: ModelAdapter; reason: string } | undefined {
  const found = adapterForNode(target);
  if (!found.ok || found.adapter.videoInput?.kind !== "sora-video-id") return undefined;
  return { adapter: found.adapter, reason: found.adapter.videoInput.reason };
}

const definitionOf = (n: WorkflowNode): NodeDefinition => getDefinition<NodeKind>(n.type);

/** The model a generation node runs, when it has one that can run in it (its inputs may be its own). */
function modelOf(n: WorkflowNode): ModelAdapter | undefined {
  if (!isGenerationNode(n)) return undefined;
  const found = adapterForNode(n);
  return found.ok ? found.adapter : undefined;
}

/** A node's input ports (handles): its model's own when the model declares them (end frame, reference images). */
export const inputsOfNode = (n: WorkflowNode): Readonly<Record<string, InputPortSpec>> => inputsFor(n.type, modelOf(n));

const refuse = (reason: string): ConnectionVerdict => ({ ok: false, reason });

/** The nodes on a path from `from` to `to` along `edges` (both ends included), if there is one. */
function pathBetween(edges: Workflow["edges"], from: string, to: string): string[] | undefined {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const cameFrom = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (at === to) {
      const path = [at];
      for (let n = at; n !== from;) {
        n = cameFrom.get(n) as string;
        path.unshift(n);
      }
      return path;
    }
    for (const next of out.get(at) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, at);
      queue.push(next);
    }
  }
  return undefined;
}

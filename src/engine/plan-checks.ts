import type { NodeId } from "../domain/ids";
import type { Params, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { validateParams } from "../nodes/params";
import { portTypeWords } from "../nodes/ports";
import type { ModelAdapter, NodeDefinition, PortValues } from "../nodes/types";
import { mediaRefOf } from "./cache-key";
import { decodeDataUrl } from "./hash";
import type { InputPort, PlanError } from "./plan";

/**
 * The checks planning runs on each edge and node: every reason a part of the graph cannot be
 * run, in words that name the node and the field (plan.ts collects them all before answering).
 */

export const describeNode = (def: NodeDefinition, id: NodeId) => `${def.title} ${id}`;

export function edgeProblem(e: WorkflowEdge, byId: Map<NodeId, WorkflowNode>, defOf: (n: WorkflowNode) => NodeDefinition): string | undefined {
  const src = byId.get(e.source);
  const dst = byId.get(e.target);
  if (!src) return `Connection ${e.id} starts at a node that does not exist ("${e.source}")`;
  if (!dst) return `Connection ${e.id} ends at a node that does not exist ("${e.target}")`;
  const sdef = defOf(src);
  const ddef = defOf(dst);
  const output = sdef.outputs[e.sourceHandle];
  const input = ddef.inputs[e.targetHandle];
  if (!output) return `Connection ${e.id}: ${describeNode(sdef, src.id)} has no output "${e.sourceHandle}"`;
  if (!input) return `Connection ${e.id}: ${describeNode(ddef, dst.id)} has no input "${e.targetHandle}"`;
  if (e.source === e.target) return `Cycle: ${e.source} → ${e.source}`;
  if (output.type !== input.type) {
    return `Connection ${e.id}: ${describeNode(sdef, src.id)} gives ${portTypeWords(output.type)}, but the ${e.targetHandle} input of ${describeNode(ddef, dst.id)} takes ${portTypeWords(input.type)}`;
  }
  return undefined;
}

export function nodeProblems(
  n: WorkflowNode,
  def: NodeDefinition,
  upstream: Partial<Record<InputPort, NodeId>>,
  edgesInto: Map<string, WorkflowEdge[]>,
  adapters: Map<NodeId, ModelAdapter>,
  byId: Map<NodeId, WorkflowNode>,
  defOf: (n: WorkflowNode) => NodeDefinition,
): PlanError[] {
  const name = describeNode(def, n.id);
  switch (n.type) {
    case "prompt":
      return typeof n.data.text === "string" && n.data.text.trim() !== "" ? [] : [{ nodeId: n.id, message: `${name} is empty: type a prompt` }];
    case "image":
    case "video": {
      const what = n.type;
      const ref = mediaRefOf(n.data);
      if (ref?.kind === "data-url" && !decodeDataUrl(ref.url)) {
        return [{ nodeId: n.id, message: `${name}: the ${what} data: URL is damaged and cannot be read` }];
      }
      if (ref) return [];
      const url = n.data.url;
      if (typeof url === "string" && url !== "") {
        return [{ nodeId: n.id, message: `${name}: the ${what} URL must start with https://, http:// or data: ("${url.slice(0, 40)}")` }];
      }
      return [{ nodeId: n.id, message: `${name} has no ${what}: choose a file or paste a URL` }];
    }
    case "text-to-video":
    case "image-to-video":
    case "remix": {
      const adapter = adapters.get(n.id);
      const errors: PlanError[] = [];
      for (const [port, spec] of Object.entries(def.inputs)) {
        if (!spec.required) continue;
        if ((edgesInto.get(`${n.id}\u0000${port}`) ?? []).length > 0) continue; // reported with the edge if broken
        if (spec.type === "text" && textParam(n.data.params, port) !== undefined) continue;
        errors.push({ nodeId: n.id, message: missingInputMessage(name, port, spec.type) });
      }
      if (!adapter) return errors;
      const ports: PortValues = {};
      const typed = upstream.prompt ? undefined : textParam(n.data.params, "prompt");
      if (typed !== undefined) ports.prompt = typed;
      for (const issue of validateParams(adapter, n.data.params ?? {}, ports)) {
        errors.push({ nodeId: n.id, message: `${name}: ${issue.field}: ${issue.message}` });
      }
      const need = adapter.videoInput;
      const videoFrom = upstream.video ? byId.get(upstream.video) : undefined;
      if (need?.kind === "sora-video-id" && videoFrom) {
        const fromAdapter = adapters.get(videoFrom.id);
        if (!isGenerationNode(videoFrom)) {
          errors.push({ nodeId: n.id, message: `${name}: ${need.reason || `${adapter.label} needs a video made by ${adapter.family}`}, but ${describeNode(defOf(videoFrom), videoFrom.id)} is an uploaded video` });
        } else if (fromAdapter && fromAdapter.family !== adapter.family) {
          errors.push({ nodeId: n.id, message: `${name}: ${need.reason || `${adapter.label} needs a video made by ${adapter.family}`}, but ${describeNode(defOf(videoFrom), videoFrom.id)} uses ${fromAdapter.label}` });
        }
      }
      return errors;
    }
    default: {
      const _: never = n;
      return _;
    }
  }
}

function missingInputMessage(name: string, port: string, type: NodeDefinition["inputs"][string]["type"]): string {
  switch (type) {
    case "text":
      return `${name} needs a ${port}: connect a Prompt node or type one`;
    case "image":
      return `${name} needs an image: connect an Image node to its ${port} input`;
    case "video":
      return `${name} needs a video: connect a video-making node to its ${port} input`;
    default: {
      const _: never = type;
      return _;
    }
  }
}

/** Text typed into a node for a port, or undefined when there is none worth sending. */
export function textParam(params: Params | undefined, port: string): string | undefined {
  const v = params?.[port];
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

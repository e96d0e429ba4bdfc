import type { NodeId } from "../domain/ids";
import type { Params, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { validateParams } from "../nodes/params";
import { INPUT, portTypeWords, type InputHandle } from "../nodes/ports";
import type { InputPortSpec, ModelAdapter, NodeDefinition, PortValues } from "../nodes/types";
import { mediaRefOf } from "./cache-key";
import { decodeDataUrl } from "./hash";
import type { PlanError } from "./plan-types";
import type { Upstream } from "./upstream";

/**
 * The checks planning runs on each edge and node: every reason a part of the graph cannot be
 * run, in words that name the node and the field (plan.ts collects them all before answering).
 */

export const describeNode = (def: NodeDefinition, id: NodeId) => `${def.title} ${id}`;

/** A node's input ports, as the model it runs declares them (see `inputsFor`). */
type InputsOf = (n: WorkflowNode) => Readonly<Record<string, InputPortSpec>>;

export function edgeProblem(
  e: WorkflowEdge,
  byId: Map<NodeId, WorkflowNode>,
  defOf: (n: WorkflowNode) => NodeDefinition,
  inputsOf: InputsOf,
  modelOf: (n: WorkflowNode) => ModelAdapter | undefined,
): string | undefined {
  const src = byId.get(e.source);
  const dst = byId.get(e.target);
  if (!src) return `Connection ${e.id} starts at a node that does not exist ("${e.source}")`;
  if (!dst) return `Connection ${e.id} ends at a node that does not exist ("${e.target}")`;
  const sdef = defOf(src);
  const ddef = defOf(dst);
  const output = sdef.outputs[e.sourceHandle];
  const input = inputsOf(dst)[e.targetHandle];
  if (!output) return `Connection ${e.id}: ${describeNode(sdef, src.id)} has no output "${e.sourceHandle}"`;
  if (!input) {
    const model = withModel(modelOf(dst), e.targetHandle);
    return `Connection ${e.id}: ${describeNode(ddef, dst.id)} has no input "${e.targetHandle}"${model}`;
  }
  if (e.source === e.target) return `Cycle: ${e.source} → ${e.source}`;
  if (output.type !== input.type) {
    return `Connection ${e.id}: ${describeNode(sdef, src.id)} gives ${portTypeWords(output.type)}, but the ${e.targetHandle} input of ${describeNode(ddef, dst.id)} takes ${portTypeWords(input.type)}`;
  }
  return undefined;
}

/**
 * The model a missing input was looked for in: ports depend on it, so "has no input" names it, and for a port
 * other models have, says what to do.
 */
function withModel(model: ModelAdapter | undefined, handle: string): string {
  if (!model) return "";
  const advice = isInputHandle(handle) ? ": choose a model that takes it, or remove the connection" : "";
  return ` with ${model.label} (${model.endpoint})${advice}`;
}

const INPUT_HANDLES: readonly string[] = Object.values(INPUT);
/** A handle some node can have as an input (src/nodes/ports.ts). */
export const isInputHandle = (h: string): h is InputHandle => INPUT_HANDLES.includes(h);

export function nodeProblems(
  n: WorkflowNode,
  def: NodeDefinition,
  inputs: Readonly<Record<string, InputPortSpec>>,
  upstream: Upstream,
  edgesInto: Map<string, WorkflowEdge[]>,
  adapters: Map<NodeId, ModelAdapter>,
  byId: Map<NodeId, WorkflowNode>,
  defOf: (n: WorkflowNode) => NodeDefinition,
): PlanError[] {
  const name = describeNode(def, n.id);
  switch (n.type) {
    case "prompt":
      return typeof n.data.text === "string" && n.data.text.trim() !== ""
        ? []
        : [{ nodeId: n.id, message: `${name} is empty: type a prompt` }];
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
        return [
          {
            nodeId: n.id,
            message: `${name}: the ${what} URL must start with https://, http:// or data: ("${url.slice(0, 40)}")`,
          },
        ];
      }
      return [{ nodeId: n.id, message: `${name} has no ${what}: choose a file or paste a URL` }];
    }
    case "text-to-video":
    case "image-to-video":
    case "remix":
    case "text-to-image":
    case "image-edit": {
      const adapter = adapters.get(n.id);
      const errors: PlanError[] = [];
      for (const [port, spec] of Object.entries(inputs)) {
        if (!spec.required) continue;
        if ((edgesInto.get(`${n.id}\u0000${port}`) ?? []).length > 0) continue; // reported with the edge if broken
        if (spec.type === "text" && textParam(n.data.params, port) !== undefined) continue;
        errors.push({ nodeId: n.id, message: missingInputMessage(name, port, spec) });
      }
      if (!adapter) return errors;
      const ports: PortValues = {};
      const typed = upstream.prompt ? undefined : textParam(n.data.params, "prompt");
      if (typed !== undefined) ports.prompt = typed;
      for (const issue of validateParams(adapter, n.data.params ?? {}, ports)) {
        errors.push({ nodeId: n.id, message: `${name}: ${issue.field}: ${issue.message}` });
      }
      const need = adapter.videoInput;
      const videoId = upstream.video?.[0];
      const videoFrom = videoId ? byId.get(videoId) : undefined;
      if (need?.kind === "sora-video-id" && videoFrom) {
        const fromAdapter = adapters.get(videoFrom.id);
        if (!isGenerationNode(videoFrom)) {
          errors.push({
            nodeId: n.id,
            message: `${name}: ${need.reason || `${adapter.label} needs a video made by ${adapter.family}`}, but ${describeNode(defOf(videoFrom), videoFrom.id)} is an uploaded video`,
          });
        } else if (fromAdapter && fromAdapter.family !== adapter.family) {
          errors.push({
            nodeId: n.id,
            message: `${name}: ${need.reason || `${adapter.label} needs a video made by ${adapter.family}`}, but ${describeNode(defOf(videoFrom), videoFrom.id)} uses ${fromAdapter.label}`,
          });
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

function missingInputMessage(name: string, port: string, spec: InputPortSpec): string {
  const input = spec.label.toLowerCase(); // "image", "end frame", "reference images"
  switch (spec.type) {
    case "text":
      return `${name} needs a ${port}: connect a Prompt node or type one`;
    case "image":
      if (spec.multiple) return `${name} needs at least one image: connect Image nodes to its ${input} input`;
      return `${name} needs an image: connect an Image node to its ${input} input`;
    case "video":
      return `${name} needs a video: connect a video-making node to its ${input} input`;
    default: {
      const _: never = spec.type;
      return _;
    }
  }
}

/** Text typed into a node for a port, or undefined when there is none worth sending. */
export function textParam(params: Params | undefined, port: string): string | undefined {
  const v = params?.[port];
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

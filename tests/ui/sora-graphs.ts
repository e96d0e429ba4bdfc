// The workflows the UI's run tests drive, spelled once: a prompt feeding Sora 2 text-to-video nodes, and a remix
// of one (a remix needs its video's video_id, which only Sora gives). Each test names only what it is about.
import { edgeId, endpointId, nodeId } from "../../src/domain/ids";
import type { Params, Workflow, WorkflowEdge, WorkflowNode } from "../../src/domain/workflow";

export const SORA_T2V = endpointId("fal-ai/sora-2/text-to-video");
export const SORA_T2V_PRO = endpointId("fal-ai/sora-2/text-to-video/pro");
export const SORA_REMIX = endpointId("fal-ai/sora-2/video-to-video/remix");

type Position = { x: number; y: number };
const ORIGIN: Position = { x: 0, y: 0 };

export const promptNode = (id: string, text: string, position = ORIGIN): WorkflowNode => ({
  id: nodeId(id),
  type: "prompt",
  position,
  data: { text },
});

export const soraVideo = (
  id: string,
  params: Params,
  position = ORIGIN,
  endpoint: string = SORA_T2V,
): WorkflowNode => ({
  id: nodeId(id),
  type: "text-to-video",
  position,
  data: { endpoint: endpointId(endpoint), params },
});

export const soraRemix = (id: string, prompt: string, position = ORIGIN): WorkflowNode => ({
  id: nodeId(id),
  type: "remix",
  position,
  data: { endpoint: SORA_REMIX, params: { prompt } },
});

/** "p.text>v.prompt": an edge from port text of p to port prompt of v, with the id given. */
function wire(spec: string, id: string): WorkflowEdge {
  const m = /^(\w+)\.(\w+)>(\w+)\.(\w+)$/.exec(spec);
  if (!m) throw new Error(`bad edge spec ${spec}`);
  const [, source, sourceHandle, target, targetHandle] = m as unknown as [string, string, string, string, string];
  return { id: edgeId(id), source: nodeId(source), sourceHandle, target: nodeId(target), targetHandle };
}

/** A saved workflow of these nodes; its edges ("p.text>v.prompt") get the ids e1, e2… in order. */
export const graph = (name: string, nodes: WorkflowNode[], wires: string[]): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name,
  nodes,
  edges: wires.map((spec, i) => wire(spec, `e${i + 1}`)),
});

/**
 * Prompt "p" → Sora 2 text-to-video "v" (`duration` s, default 4), and with `remix` a Sora 2 remix "r" of v.
 * `spread` lays the nodes 300 px apart, as the canvas would; otherwise they all stand at the origin.
 */
export function soraChain(o: {
  name: string;
  text: string;
  duration?: number;
  endpoint?: string;
  remix?: string;
  spread?: boolean;
}): Workflow {
  const at = (x: number): Position => (o.spread ? { x, y: 0 } : ORIGIN);
  const video = soraVideo("v", { duration: o.duration ?? 4 }, at(300), o.endpoint);
  if (o.remix === undefined) return graph(o.name, [promptNode("p", o.text), video], ["p.text>v.prompt"]);
  return graph(
    o.name,
    [promptNode("p", o.text), video, soraRemix("r", o.remix, at(600))],
    ["p.text>v.prompt", "v.video>r.video"],
  );
}

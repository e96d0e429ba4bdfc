/**
 * Workflow documents for CLI tests, written as a person would write the file (plain JSON in
 * the v1 format), so the CLI's parsing is exercised too.
 */
export const T2V = "fal-ai/sora-2/text-to-video";
export const T2V_PRO = "fal-ai/sora-2/text-to-video/pro";
export const I2V = "fal-ai/sora-2/image-to-video";
export const REMIX = "fal-ai/sora-2/video-to-video/remix";

type Node = { id: string; type: string; position: { x: number; y: number }; data: Record<string, unknown> };
type Edge = { id: string; source: string; sourceHandle: string; target: string; targetHandle: string };

export function workflow(name: string, nodes: Node[], edges: Edge[]) {
  return { format: "reelflow/workflow", version: 1, name, nodes, edges };
}
let x = 0;
export const prompt = (id: string, text: string): Node => ({
  id,
  type: "prompt",
  position: { x: (x += 100), y: 0 },
  data: { text },
});
export const gen = (
  id: string,
  type: "text-to-video" | "image-to-video" | "remix" | "text-to-image" | "image-edit",
  endpoint: string,
  params: Record<string, unknown> = {},
): Node => ({
  id,
  type,
  position: { x: (x += 100), y: 100 },
  data: { endpoint, params },
});
export const edge = (source: string, sourceHandle: string, target: string, targetHandle: string): Edge => ({
  id: `e-${source}-${target}-${targetHandle}`,
  source,
  sourceHandle,
  target,
  targetHandle,
});

/** p → a (t2v) → r (remix), and an independent p → b (t2v pro). */
export function twoBranches(over: { bDuration?: number; rPrompt?: string; aPrompt?: string } = {}) {
  return workflow(
    "Two branches",
    [
      prompt("p", over.aPrompt ?? "A cat on a skateboard"),
      gen("a", "text-to-video", T2V, { duration: 4, aspect_ratio: "16:9" }),
      gen("r", "remix", REMIX, { prompt: over.rPrompt ?? "make it purple" }),
      gen("b", "text-to-video", T2V_PRO, { duration: over.bDuration ?? 4, resolution: "720p" }),
    ],
    [edge("p", "text", "a", "prompt"), edge("a", "video", "r", "video"), edge("p", "text", "b", "prompt")],
  );
}

/** A single text-to-video node with its prompt typed in. */
export function single(promptText = "A lighthouse at dusk", duration = 4) {
  return workflow("Single", [gen("v", "text-to-video", T2V, { prompt: promptText, duration })], []);
}

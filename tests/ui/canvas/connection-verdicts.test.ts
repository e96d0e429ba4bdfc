// The canvas asks whether a dragged wire may end on the handle under the pointer on every pointer move of a
// connection drag: the answer (with its reason) is the editor's own check, worked out once per wire and document.
import { describe, expect, it } from "vitest";
import type { EdgeId, NodeId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { verdictsFor } from "../../../src/ui/canvas/connection-verdicts";

const KLING_EDIT = "fal-ai/kling-video/o3/standard/video-to-video/edit";
const doc = (edges: Workflow["edges"] = []): Workflow =>
  ({
    format: "reelflow/workflow",
    version: 1,
    name: "wires",
    nodes: [
      { id: "p" as NodeId, type: "prompt", position: { x: 0, y: 0 }, data: { text: "a boat" } },
      {
        id: "v" as NodeId,
        type: "text-to-video",
        position: { x: 300, y: 0 },
        data: { endpoint: "fal-ai/veo3.1/fast", params: {} },
      },
      { id: "r" as NodeId, type: "remix", position: { x: 600, y: 0 }, data: { endpoint: KLING_EDIT, params: {} } },
      { id: "r2" as NodeId, type: "remix", position: { x: 900, y: 0 }, data: { endpoint: KLING_EDIT, params: {} } },
    ],
    edges,
  }) as Workflow;

describe("verdicts for a dragged wire", () => {
  it("refuses a wrong type with the editor's reason and accepts a right one", () => {
    const verdictOf = verdictsFor(() => doc());
    expect(verdictOf({ source: "p", sourceHandle: "text", target: "r", targetHandle: "video" })).toEqual({
      ok: false,
      reason: "Remix's video input takes a video, not text",
    });
    expect(verdictOf({ source: "p", sourceHandle: "text", target: "v", targetHandle: "prompt" })).toEqual({ ok: true });
  });

  it("answers the same wire again from what it worked out, and works it out again when the document changes", () => {
    let current = doc();
    const verdictOf = verdictsFor(() => current);
    const wire = { source: "r2", sourceHandle: "video", target: "r", targetHandle: "video" };
    const first = verdictOf(wire);
    expect(first).toEqual({ ok: true });
    expect(verdictOf({ ...wire })).toBe(first);
    // Once r feeds r2, r2 feeding r would close a loop.
    current = doc([
      {
        id: "e1" as EdgeId,
        source: "r" as NodeId,
        sourceHandle: "video",
        target: "r2" as NodeId,
        targetHandle: "video",
      },
    ]);
    expect(verdictOf(wire)).toEqual({ ok: false, reason: "That would make a cycle: r → r2 → r" });
  });

  it("reads a missing handle as no handle, never as an error", () => {
    const verdictOf = verdictsFor(() => doc());
    expect(verdictOf({ source: "p", sourceHandle: null, target: "v", targetHandle: "prompt" }).ok).toBe(false);
  });
});

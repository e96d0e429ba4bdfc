// @vitest-environment jsdom
// Issue 18: a drag's pointer moves are drawn by the canvas alone; the document (and all that follows it: node views,
// autosave, the plan) hears of the move once, at the drag's end, as one undo step.
import { act, renderHook } from "@testing-library/react";
import type { NodeChange } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { nodeId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { createEditorStore } from "../../../src/editor/store";
import type { FlowNode } from "../../../src/ui/canvas/flow-elements";
import { useFlowElements } from "../../../src/ui/canvas/use-flow-elements";

const doc: Workflow = {
  format: "reelflow/workflow",
  version: 1,
  name: "Drag",
  nodes: [
    { id: nodeId("a"), type: "prompt", position: { x: 0, y: 0 }, data: { text: "a" } },
    { id: nodeId("b"), type: "prompt", position: { x: 400, y: 0 }, data: { text: "b" } },
  ],
  edges: [],
};

const move = (id: string, x: number, y: number, dragging: boolean): NodeChange<FlowNode> => ({
  type: "position",
  id,
  position: { x, y },
  dragging,
});

function setup() {
  const editor = createEditorStore({ doc });
  const hook = renderHook(() => useFlowElements(editor, false, () => {}));
  return { editor, hook };
}

describe("dragging a node on the canvas", () => {
  it("moves the node on the canvas at each pointer move without a write to the document", () => {
    const { editor, hook } = setup();
    const before = editor.getState();
    const other = hook.result.current.nodes[1];
    for (let i = 1; i <= 5; i++) act(() => hook.result.current.onNodesChange([move("a", i * 10, i, true)]));
    expect(editor.getState().doc).toBe(before.doc);
    expect(editor.getState().revision).toBe(before.revision);
    const [a, b] = hook.result.current.nodes;
    expect(a?.position).toEqual({ x: 50, y: 5 });
    expect(a?.dragging).toBe(true);
    // The node not dragged keeps its object: React Flow does nothing for it.
    expect(b).toBe(other);
  });

  it("writes the end position once, as one undo step back to where the drag began", () => {
    const { editor, hook } = setup();
    const revision = editor.getState().revision;
    act(() => hook.result.current.onNodesChange([move("a", 10, 10, true)]));
    act(() => hook.result.current.onNodesChange([move("a", 30, 20, true)]));
    act(() => hook.result.current.onNodesChange([move("a", 30, 20, false)]));
    expect(editor.getState().revision).toBe(revision + 1);
    expect(editor.getState().doc.nodes[0]?.position).toEqual({ x: 30, y: 20 });
    expect(hook.result.current.nodes[0]?.position).toEqual({ x: 30, y: 20 });
    expect(hook.result.current.nodes[0]?.dragging).toBeUndefined();
    expect(editor.getState().history.undoLabel).toBe("Move node");
    act(() => void editor.getState().undo());
    expect(editor.getState().doc.nodes[0]?.position).toEqual({ x: 0, y: 0 });
    expect(hook.result.current.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it("a drag that ends where it began records nothing", () => {
    const { editor, hook } = setup();
    const before = editor.getState().doc;
    act(() => hook.result.current.onNodesChange([move("a", 80, 0, true)]));
    act(() => hook.result.current.onNodesChange([move("a", 0, 0, false)]));
    expect(editor.getState().doc).toBe(before);
    expect(editor.getState().history.undoLabel).toBeNull();
    expect(hook.result.current.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });
});

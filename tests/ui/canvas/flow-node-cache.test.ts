// The canvas hands React Flow a zoomed-out node's size and handles up front (no measuring pass over every node
// when a big graph opens), and only where that cannot leave React Flow with another layout's handle places.
import { describe, expect, it } from "vitest";
import type { NodeId } from "../../../src/domain/ids";
import { isGenerationKind, NODE_KINDS, type NodeKind, type WorkflowNode } from "../../../src/domain/workflow";
import { defaultAdapter, getDefinition, inputsFor } from "../../../src/nodes/registry";
import { FlowNodeCache } from "../../../src/ui/canvas/flow-elements";
import { COMPACT_BOX, compactNodeHandles, compactNodeSize } from "../../../src/ui/node/compact-size";

const prompt = (id: string, x = 0): WorkflowNode => ({
  id: id as NodeId,
  type: "prompt",
  position: { x, y: 0 },
  data: { text: `text ${id}` },
});
const t2v = (id: string): WorkflowNode =>
  ({
    id: id as NodeId,
    type: "text-to-video",
    position: { x: 400, y: 0 },
    data: { endpoint: "fal-ai/sora-2/text-to-video", params: {} },
  }) as WorkflowNode;
const none = new Set<string>();

describe("React Flow nodes built for a zoomed-out canvas", () => {
  it("a node first built compact carries its compact size and handles; built detailed, neither", () => {
    const doc = [prompt("p1"), t2v("v1")];
    const compact = new FlowNodeCache().build(doc, none, true);
    expect(compact.map((n) => n.measured)).toEqual([compactNodeSize("prompt"), compactNodeSize("text-to-video")]);
    expect(compact[1]?.handles).toEqual(compactNodeHandles("text-to-video"));
    const detailed = new FlowNodeCache().build(doc, none, false);
    for (const n of detailed) {
      expect(n.measured).toBeUndefined();
      expect(n.handles).toBeUndefined();
    }
  });

  it("a size React Flow measured replaces the guess and drops the handles (they are its to measure then)", () => {
    const cache = new FlowNodeCache();
    const doc = [prompt("p1")];
    cache.build(doc, none, true);
    cache.measured.set("p1", { width: 280, height: 130 });
    const [n] = cache.build(doc, none, true);
    expect(n?.measured).toEqual({ width: 280, height: 130 });
    expect(n?.handles).toBeUndefined();
  });

  it("a node first seen detailed gets no guess when the view zooms out (React Flow keeps its measured handles)", () => {
    const cache = new FlowNodeCache();
    const doc = [prompt("p1")];
    cache.build(doc, none, false);
    const [n] = cache.build(doc, none, true);
    expect(n?.measured).toBeUndefined();
    expect(n?.handles).toBeUndefined();
  });

  it("zoomed in before it was measured, a guessed node keeps the size but not the handles, so a new size re-measures them", () => {
    const cache = new FlowNodeCache();
    const doc = [prompt("p1")];
    cache.build(doc, none, true);
    const [n] = cache.build(doc, none, false);
    expect(n?.measured).toEqual(compactNodeSize("prompt"));
    expect(n?.handles).toBeUndefined();
    // Zoomed out again: the compact layout is back, and so are its handles.
    expect(cache.build(doc, none, true)[0]?.handles).toEqual(compactNodeHandles("prompt"));
  });

  it("nodes added to a zoomed-out graph get the guess too; unchanged nodes keep their object", () => {
    const cache = new FlowNodeCache();
    const p1 = prompt("p1");
    const [first] = cache.build([p1], none, true);
    const next = cache.build([p1, prompt("p2", 300)], none, true);
    expect(next[0]).toBe(first);
    expect(next[1]?.measured).toEqual(compactNodeSize("prompt"));
  });
});

describe("compact node geometry", () => {
  it("every kind's handles sit on the node's left (inputs) or right (outputs) edge, one port row apart, inside its height", () => {
    for (const kind of NODE_KINDS) {
      const def = getDefinition<NodeKind>(kind);
      // A generation node draws its default model's inputs (Nano Banana edit adds "More images").
      const inputs = isGenerationKind(kind) ? inputsFor(kind, defaultAdapter(kind)) : def.inputs;
      const size = compactNodeSize(kind);
      const handles = compactNodeHandles(kind);
      expect(handles.map((h) => h.id).sort()).toEqual([...Object.keys(inputs), ...Object.keys(def.outputs)].sort());
      for (const side of ["target", "source"] as const) {
        const hs = handles.filter((h) => h.type === side);
        for (const [i, h] of hs.entries()) {
          expect(h.position).toBe(side === "target" ? "left" : "right");
          // Half outside the node's border, as React Flow handles are.
          const centreX = h.x + (h.width ?? 0) / 2;
          expect(Math.abs(centreX - (side === "target" ? 0 : size.width))).toBeLessThanOrEqual(1);
          if (i > 0) expect(h.y - hs[i - 1]!.y).toBe(COMPACT_BOX.portRow);
          expect(h.y + (h.height ?? 0)).toBeLessThan(size.height);
        }
      }
      const rows = Math.max(Object.keys(inputs).length, Object.keys(def.outputs).length);
      expect(compactNodeSize(kind).height - compactNodeSize("prompt").height).toBe((rows - 1) * COMPACT_BOX.portRow);
    }
  });
});

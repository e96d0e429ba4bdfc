import { describe, expect, it } from "vitest";
import { endpointId, nodeId, type NodeId } from "../../src/domain/ids";
import type { Workflow } from "../../src/domain/workflow";
import { createEditorStore, selectIncomingEdges, selectNode, type EditorStore } from "../../src/editor";
import { defaultAdapter } from "../../src/nodes/registry";

const SORA_T2V = endpointId("fal-ai/sora-2/text-to-video");
const SORA_T2V_PRO = endpointId("fal-ai/sora-2/text-to-video/pro");
const SORA_I2V = endpointId("fal-ai/sora-2/image-to-video");
const SORA_REMIX = endpointId("fal-ai/sora-2/video-to-video/remix");

/** A store with a hand-driven clock, so coalescing is tested without real waiting. */
function editor(doc?: Workflow) {
  let t = 1_000_000;
  const store = createEditorStore({ doc, now: () => t });
  return { store, s: () => store.getState(), tick: (ms: number) => (t += ms) };
}

/** prompt-1 → t2v-1 (Sora 2 standard), plus an image node. */
function smallGraph(store: EditorStore) {
  const s = store.getState();
  const prompt = s.addNode("prompt", { x: 0, y: 0 });
  const t2v = s.addNode("text-to-video", { x: 300, y: 0 }, { endpoint: SORA_T2V });
  const image = s.addNode("image", { x: 0, y: 200 });
  const c = s.connect({ source: prompt, sourceHandle: "text", target: t2v, targetHandle: "prompt" });
  expect(c.ok).toBe(true);
  return { prompt, t2v, image };
}

describe("editor commands", () => {
  it("adds nodes with readable ids, the default model and its param defaults", () => {
    const { store, s } = editor();
    const a = s().addNode("text-to-video", { x: 10, y: 20 });
    const b = s().addNode("text-to-video", { x: 10, y: 20 });
    const p = s().addNode("prompt", { x: 0, y: 0 });
    expect([a, b, p]).toEqual(["t2v-1", "t2v-2", "prompt-1"]);
    const node = selectNode(a)(store.getState());
    const adapter = defaultAdapter("text-to-video");
    expect(node?.data).toMatchObject({ endpoint: adapter.endpoint });
    for (const spec of adapter.params)
      if (spec.default !== undefined)
        expect((node?.data as { params: Record<string, unknown> }).params[spec.name]).toBe(spec.default);
    expect(selectNode(p)(s())?.data).toEqual({ text: "" });
    expect(s().selection.nodes).toEqual([p]);
    expect(s().history.undoLabel).toBe("Add Prompt");
  });

  it("makes every command one undoable step that redo replays", () => {
    const { store, s } = editor();
    const { prompt, t2v, image } = smallGraph(store);
    const steps: [string, () => void][] = [
      ["addNode", () => s().addNode("remix", { x: 1, y: 1 })],
      ["removeNodes", () => s().removeNodes([prompt])],
      ["removeEdges", () => s().removeEdges([s().doc.edges[0]!.id])],
      ["disconnect", () => s().disconnect([s().doc.edges[0]!.id])],
      ["moveNodes", () => s().moveNodes([{ id: t2v, position: { x: 999, y: 5 } }])],
      ["setParam", () => s().setParam(t2v, "duration", 8)],
      ["setPromptText", () => s().setPromptText(prompt, "a fox at dawn")],
      ["setMedia", () => s().setMedia(image, { url: "https://example.com/cat.png" })],
      ["setEndpoint", () => s().setEndpoint(t2v, SORA_T2V_PRO)],
      ["duplicate", () => s().duplicate([t2v])],
      ["paste", () => s().paste({ ...s().doc, nodes: [s().doc.nodes[0]!], edges: [] }, { x: 50, y: 50 })],
      ["renameWorkflow", () => s().renameWorkflow("Renamed")],
      ["deleteSelection", () => (s().setSelection({ nodes: [t2v] }), s().deleteSelection())],
    ];
    for (const [name, run] of steps) {
      const before = s().doc;
      const depth = s().history.depth;
      run();
      const after = s().doc;
      expect(after, name).not.toEqual(before);
      expect(s().history.depth, name).toBe(depth + 1);
      expect(s().undo(), name).toBe(true);
      expect(s().doc, name).toEqual(before);
      expect(s().redo(), name).toBe(true);
      expect(s().doc, name).toEqual(after);
      s().undo();
      s().breakCoalescing();
    }
  });

  it("removes nodes together with their edges, and undo brings both back", () => {
    const { store, s } = editor();
    const { prompt, t2v } = smallGraph(store);
    s().setSelection({ nodes: [prompt] });
    s().removeNodes([prompt]);
    expect(s().doc.nodes.map((n) => n.id)).not.toContain(prompt);
    expect(s().doc.edges).toEqual([]);
    expect(s().selection.nodes).toEqual([]);
    s().undo();
    expect(s().doc.edges).toEqual([expect.objectContaining({ source: prompt, target: t2v })]);
  });

  it("records a whole drag as one step back to where it started", () => {
    const { store, s } = editor();
    const { t2v } = smallGraph(store);
    const depth = s().history.depth;
    for (let i = 1; i <= 10; i++) s().dragNodes([{ id: t2v, position: { x: 300 + i * 10, y: i } }]);
    expect(selectNode(t2v)(s())?.position).toEqual({ x: 400, y: 10 });
    expect(s().history.depth).toBe(depth);
    s().moveNodes([{ id: t2v, position: { x: 400, y: 10 } }]);
    expect(s().history.depth).toBe(depth + 1);
    expect(s().history.undoLabel).toBe("Move node");
    s().undo();
    expect(selectNode(t2v)(s())?.position).toEqual({ x: 300, y: 0 });
    s().redo();
    expect(selectNode(t2v)(s())?.position).toEqual({ x: 400, y: 10 });
  });

  it("a drag that ends where it began records nothing", () => {
    const { store, s } = editor();
    const { t2v } = smallGraph(store);
    const depth = s().history.depth;
    s().dragNodes([{ id: t2v, position: { x: 500, y: 500 } }]);
    s().moveNodes([{ id: t2v, position: { x: 300, y: 0 } }]);
    expect(s().history.depth).toBe(depth);
    expect(selectNode(t2v)(s())?.position).toEqual({ x: 300, y: 0 });
  });
});

describe("connect", () => {
  it("refuses an incompatible connection with the reason and changes nothing", () => {
    const { store, s } = editor();
    const { t2v, image } = smallGraph(store);
    const before = s().doc;
    const depth = s().history.depth;
    const r = s().connect({ source: image, sourceHandle: "image", target: t2v, targetHandle: "prompt" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/prompt input takes text, not an image/);
    expect(s().doc).toBe(before);
    expect(s().history.depth).toBe(depth);
  });

  it("refuses a Sora remix fed by an uploaded video, naming why", () => {
    const { s } = editor();
    const video = s().addNode("video", { x: 0, y: 0 });
    const remix = s().addNode("remix", { x: 300, y: 0 }, { endpoint: SORA_REMIX });
    const r = s().connect({ source: video, sourceHandle: "video", target: remix, targetHandle: "video" });
    expect(r).toEqual({
      ok: false,
      reason: expect.stringMatching(/Remix needs a video made by Sora 2.*uploaded video/),
    });
  });

  it("refuses a cycle, naming the loop", () => {
    const { s } = editor();
    const a = s().addNode("remix", { x: 0, y: 0 }, { endpoint: SORA_REMIX });
    const b = s().addNode("remix", { x: 300, y: 0 }, { endpoint: SORA_REMIX });
    expect(s().connect({ source: a, sourceHandle: "video", target: b, targetHandle: "video" }).ok).toBe(true);
    const back = s().connect({ source: b, sourceHandle: "video", target: a, targetHandle: "video" });
    expect(back).toEqual({ ok: false, reason: expect.stringContaining("cycle") });
    expect(s().doc.edges).toHaveLength(1);
  });

  it("replaces the edge already on an input in one step, and one undo restores the old edge", () => {
    const { store, s } = editor();
    const { prompt, t2v } = smallGraph(store);
    const other = s().addNode("prompt", { x: 0, y: 100 });
    const before = s().doc;
    const r = s().connect({ source: other, sourceHandle: "text", target: t2v, targetHandle: "prompt" });
    expect(r.ok).toBe(true);
    expect(s().doc.edges).toHaveLength(1);
    expect(s().doc.edges[0]).toMatchObject({ source: other, target: t2v, targetHandle: "prompt" });
    expect(s().history.undoLabel).toBe("Replace connection");
    s().undo();
    expect(s().doc).toEqual(before);
    expect(s().doc.edges[0]).toMatchObject({ source: prompt });
  });

  it("connecting the same wire again is a no-op", () => {
    const { store, s } = editor();
    const { prompt, t2v } = smallGraph(store);
    const depth = s().history.depth;
    const r = s().connect({ source: prompt, sourceHandle: "text", target: t2v, targetHandle: "prompt" });
    expect(r).toEqual({ ok: true, value: s().doc.edges[0]!.id });
    expect(s().history.depth).toBe(depth);
  });
});

describe("typing and history", () => {
  it("coalesces keystrokes on one prompt into one step", () => {
    const { store, s, tick } = editor();
    const { prompt } = smallGraph(store);
    const depth = s().history.depth;
    let text = "";
    for (const ch of "a red fox") {
      text += ch;
      s().setPromptText(prompt, text);
      tick(150);
    }
    expect(s().history.depth).toBe(depth + 1);
    expect(s().history.undoLabel).toBe("Edit prompt");
    s().undo();
    expect((selectNode(prompt)(s())?.data as { text: string }).text).toBe("");
    s().redo();
    expect((selectNode(prompt)(s())?.data as { text: string }).text).toBe("a red fox");
  });

  it("starts a new step after a pause, after breakCoalescing, and for another target", () => {
    const { store, s, tick } = editor();
    const { prompt, t2v } = smallGraph(store);
    const depth = s().history.depth;
    s().setPromptText(prompt, "a");
    tick(2000);
    s().setPromptText(prompt, "ab");
    s().breakCoalescing();
    s().setPromptText(prompt, "abc");
    s().setParam(t2v, "duration", 8);
    s().setParam(t2v, "aspect_ratio", "9:16");
    expect(s().history.depth).toBe(depth + 5);
    s().undo();
    s().undo();
    s().undo();
    expect((selectNode(prompt)(s())?.data as { text: string }).text).toBe("ab");
  });

  it("typing the prompt into a generation node stores it as its prompt param", () => {
    const { s } = editor();
    const t2v = s().addNode("text-to-video", { x: 0, y: 0 }, { endpoint: SORA_T2V });
    expect(s().setPromptText(t2v, "city at night").ok).toBe(true);
    expect(selectNode(t2v)(s())?.data).toMatchObject({ params: { prompt: "city at night" } });
  });

  it("keeps at most historyLimit steps", () => {
    const store = createEditorStore({ historyLimit: 3 });
    for (let i = 0; i < 5; i++) store.getState().addNode("prompt", { x: i, y: 0 });
    expect(store.getState().history.depth).toBe(3);
    while (store.getState().undo());
    expect(store.getState().doc.nodes).toHaveLength(2);
  });

  it("a new edit after undo drops the redo branch", () => {
    const { s } = editor();
    s().addNode("prompt", { x: 0, y: 0 });
    s().undo();
    expect(s().history.canRedo).toBe(true);
    s().addNode("image", { x: 0, y: 0 });
    expect(s().history.canRedo).toBe(false);
  });

  it("loading a document clears history and selection", () => {
    const { store, s } = editor();
    smallGraph(store);
    const doc = s().doc;
    const rev = s().revision;
    s().replaceDocument({ ...doc, name: "Loaded" });
    expect(s().history).toMatchObject({ canUndo: false, canRedo: false, depth: 0 });
    expect(s().selection).toEqual({ nodes: [], edges: [] });
    expect(s().doc.name).toBe("Loaded");
    expect(s().revision).toBeGreaterThan(rev);
  });
});

describe("params and models", () => {
  it("setEndpoint keeps the prompt and every param the new model accepts", () => {
    const { s } = editor();
    const t2v = s().addNode("text-to-video", { x: 0, y: 0 }, { endpoint: SORA_T2V_PRO });
    s().setPromptText(t2v, "waves");
    s().setParam(t2v, "duration", 8);
    s().setParam(t2v, "resolution", "1080p");
    s().setParam(t2v, "aspect_ratio", "9:16");
    const before = s().doc;
    const r = s().setEndpoint(t2v, SORA_T2V);
    expect(r).toEqual({ ok: true, value: { dropped: ["resolution"] } });
    expect(selectNode(t2v)(s())?.data).toEqual({
      endpoint: SORA_T2V,
      params: { prompt: "waves", duration: 8, aspect_ratio: "9:16", resolution: "720p" },
    });
    s().undo();
    expect(s().doc).toEqual(before);
  });

  it("refuses a model of another kind and an unknown param, each with a reason", () => {
    const { s } = editor();
    const t2v = s().addNode("text-to-video", { x: 0, y: 0 }, { endpoint: SORA_T2V });
    const wrongKind = s().setEndpoint(t2v, SORA_I2V);
    expect(wrongKind.ok).toBe(false);
    if (!wrongKind.ok) expect(wrongKind.reason).toMatch(/Image-to-Video model/);
    const unknown = s().setParam(t2v, "fps", 30);
    expect(unknown).toEqual({ ok: false, reason: expect.stringContaining('no parameter "fps"') });
    expect(s().setParam(t2v, "duration", Number.NaN).ok).toBe(false);
  });

  it("refuses a media URL the file format would not load", () => {
    const { s } = editor();
    const image = s().addNode("image", { x: 0, y: 0 });
    const r = s().setMedia(image, { url: "not a url" });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("http(s) URL") });
    expect(selectNode(image)(s())?.data).toEqual({});
    expect(s().setMedia(image, { asset: "abc123" }).ok).toBe(true);
    expect(selectNode(image)(s())?.data).toEqual({ asset: "abc123" });
  });
});

describe("duplicate and paste", () => {
  it("duplicates nodes with fresh ids, inner edges and the edges feeding them", () => {
    const { store, s } = editor();
    const { prompt, t2v } = smallGraph(store);
    const remix = s().addNode("remix", { x: 600, y: 0 }, { endpoint: SORA_REMIX });
    s().connect({ source: t2v, sourceHandle: "video", target: remix, targetHandle: "video" });
    const copies = s().duplicate([t2v, remix]);
    expect(copies).toEqual(["t2v-2", "remix-2"]);
    expect(s().selection.nodes).toEqual(copies);
    const [t2vCopy, remixCopy] = copies as [NodeId, NodeId];
    expect(selectNode(t2vCopy)(s())?.position).toEqual({ x: 340, y: 40 });
    expect(selectIncomingEdges(t2vCopy)(s())).toEqual([
      expect.objectContaining({ source: prompt, targetHandle: "prompt" }),
    ]);
    expect(selectIncomingEdges(remixCopy)(s())).toEqual([
      expect.objectContaining({ source: t2vCopy, targetHandle: "video" }),
    ]);
    expect(new Set(s().doc.edges.map((e) => e.id)).size).toBe(s().doc.edges.length);
  });

  it("pastes a fragment with fresh ids, its top-left corner at the given point", () => {
    const { store, s } = editor();
    smallGraph(store);
    const fragment = {
      ...s().doc,
      edges: s().doc.edges.slice(),
      nodes: s().doc.nodes.filter((n) => n.type !== "image"),
    };
    const pasted = s().paste(fragment, { x: 1000, y: 1000 });
    expect(pasted).toEqual(["prompt-2", "t2v-2"]);
    expect(pasted.map((id) => selectNode(id)(s())?.position)).toEqual([
      { x: 1000, y: 1000 },
      { x: 1300, y: 1000 },
    ]);
    expect(s().doc.edges.filter((e) => pasted.includes(e.target))).toEqual([
      expect.objectContaining({ source: nodeId("prompt-2"), target: nodeId("t2v-2") }),
    ]);
    expect(s().selection.nodes).toEqual(pasted);
    expect(s().selection.edges).toHaveLength(1);
  });
});

describe("selectors", () => {
  it("keep the identity of untouched nodes and derived lists across unrelated edits", () => {
    const { store, s } = editor();
    const { prompt, t2v } = smallGraph(store);
    const node = selectNode(t2v)(s());
    const incoming = selectIncomingEdges(t2v)(s());
    s().setPromptText(prompt, "changed");
    expect(selectNode(t2v)(s())).toBe(node);
    expect(selectIncomingEdges(t2v)(s())).toBe(incoming);
    expect(selectIncomingEdges(t2v)(s())).toBe(selectIncomingEdges(t2v)(s()));
  });
});

describe("history summary", () => {
  it("keeps its identity while dragging, so undo buttons do not re-render per frame", () => {
    const { store, s } = editor();
    const { t2v } = smallGraph(store);
    const summary = s().history;
    s().dragNodes([{ id: t2v, position: { x: 1, y: 1 } }]);
    s().dragNodes([{ id: t2v, position: { x: 2, y: 2 } }]);
    expect(s().history).toBe(summary);
    s().moveNodes([{ id: t2v, position: { x: 2, y: 2 } }]);
    expect(s().history).not.toBe(summary);
    expect(s().history.undoLabel).toBe("Move node");
  });
});

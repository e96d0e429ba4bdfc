import { describe, expect, it } from "vitest";
import { endpointId } from "../../src/domain/ids";
import { createEditorStore, parseFragment, serializeFragment, looksLikeFragment } from "../../src/editor";

describe("clipboard fragments", () => {
  it("round-trips a selection through workflow JSON and pastes it into another document", () => {
    const src = createEditorStore();
    const s = () => src.getState();
    const prompt = s().addNode("prompt", { x: 100, y: 100 });
    const t2v = s().addNode(
      "text-to-video",
      { x: 400, y: 120 },
      { endpoint: endpointId("fal-ai/sora-2/text-to-video") },
    );
    const left = s().addNode("image", { x: 0, y: 0 });
    s().setPromptText(prompt, "a lighthouse in fog");
    s().setParam(t2v, "duration", 12);
    s().connect({ source: prompt, sourceHandle: "text", target: t2v, targetHandle: "prompt" });

    const text = serializeFragment(s().doc, [prompt, t2v]);
    expect(text).not.toBeNull();
    expect(looksLikeFragment(text!)).toBe(true);
    const parsed = parseFragment(text!);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.fragment.nodes.map((n) => n.id)).toEqual([prompt, t2v]);
    expect(parsed.fragment.nodes.some((n) => n.id === left)).toBe(false);

    // Pasting into a document that already uses those ids gives fresh ones.
    const dst = createEditorStore({ doc: s().doc });
    const pasted = dst.getState().paste(parsed.fragment, { x: 0, y: 500 });
    expect(pasted).toEqual(["prompt-2", "t2v-2"]);
    const [p2, t2] = pasted.map((id) => dst.getState().doc.nodes.find((n) => n.id === id)!);
    expect(p2).toMatchObject({ type: "prompt", position: { x: 0, y: 500 }, data: { text: "a lighthouse in fog" } });
    expect(t2).toMatchObject({
      type: "text-to-video",
      position: { x: 300, y: 520 },
      data: { params: { duration: 12 } },
    });
    expect(dst.getState().doc.edges.filter((e) => e.target === t2!.id)).toEqual([
      expect.objectContaining({ source: p2!.id, sourceHandle: "text", targetHandle: "prompt" }),
    ]);
  });

  it("refuses text that is not a workflow, with the parser's words", () => {
    expect(parseFragment("hello")).toEqual({ ok: false, errors: [expect.stringContaining("not valid JSON")] });
    const wrong = parseFragment(
      JSON.stringify({ format: "reelflow/workflow", version: 1, nodes: [{ id: "x", type: "banana" }] }),
    );
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors.join()).toMatch(/unknown node type "banana"/);
    expect(looksLikeFragment("just words")).toBe(false);
  });

  it("serialises nothing for an empty selection", () => {
    expect(serializeFragment(createEditorStore().getState().doc, [])).toBeNull();
  });
});

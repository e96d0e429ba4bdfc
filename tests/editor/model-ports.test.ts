import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { endpointId, type NodeId } from "../../src/domain/ids";
import { createEditorStore } from "../../src/editor";
import {
  forgetDeclaredPortModels,
  framesModel,
  referencesModel,
  registerDeclaredPortModels,
} from "../engine/helpers/declared-ports";

/** Editing nodes whose model declares its own input ports: an end frame, reference images that take several. */

const SORA_I2V = endpointId("fal-ai/sora-2/image-to-video");

beforeEach(registerDeclaredPortModels);
afterEach(forgetDeclaredPortModels);

function editor() {
  const store = createEditorStore({});
  const s = () => store.getState();
  const add = (kind: "prompt" | "image", url?: string) => s().addNode(kind, { x: 0, y: 0 }, url ? { url } : undefined);
  const wire = (source: NodeId, sourceHandle: string, target: NodeId, targetHandle: string) =>
    s().connect({ source, sourceHandle, target, targetHandle });
  const into = (target: NodeId) =>
    s()
      .doc.edges.filter((e) => e.target === target)
      .map((e) => `${e.source}>${e.targetHandle}`);
  return { s, add, wire, into };
}

describe("model-declared ports in the editor", () => {
  it("wires several reference images in order, each added, and the same wire again changes nothing", () => {
    const { s, add, wire, into } = editor();
    const node = s().addNode("image-to-video", { x: 0, y: 0 }, { endpoint: referencesModel.endpoint });
    const [a, b] = [add("image", "https://x/a.png"), add("image", "https://x/b.png")];
    expect(wire(b, "image", node, "images").ok).toBe(true);
    expect(wire(a, "image", node, "images").ok).toBe(true);
    const edges = s().doc.edges.length;
    expect(wire(b, "image", node, "images").ok).toBe(true);
    expect(s().doc.edges).toHaveLength(edges);
    expect(into(node)).toEqual([`${b}>images`, `${a}>images`]);
  });

  it("an end frame takes one image: a second one replaces it", () => {
    const { s, add, wire, into } = editor();
    const node = s().addNode("image-to-video", { x: 0, y: 0 }, { endpoint: framesModel.endpoint });
    const [a, b] = [add("image", "https://x/a.png"), add("image", "https://x/b.png")];
    wire(a, "image", node, "end_image");
    expect(wire(b, "image", node, "end_image").ok).toBe(true);
    expect(into(node)).toEqual([`${b}>end_image`]);
    expect(s().history.undoLabel).toBe("Replace connection");
  });

  it("switching to a model without a port drops its edges and says so; undo brings them back", () => {
    const { s, add, wire, into } = editor();
    const node = s().addNode("image-to-video", { x: 0, y: 0 }, { endpoint: framesModel.endpoint });
    const [p, a, b] = [add("prompt"), add("image", "https://x/a.png"), add("image", "https://x/b.png")];
    wire(p, "text", node, "prompt");
    wire(a, "image", node, "image");
    wire(b, "image", node, "end_image");
    const before = s().doc;
    const r = s().setEndpoint(node, SORA_I2V);
    expect(r.ok && r.value.dropped).toEqual(["duration", "the End frame connection"]);
    expect(into(node)).toEqual([`${p}>prompt`, `${a}>image`]);
    s().undo();
    expect(s().doc).toEqual(before);
  });

  it("switching to a model with more ports keeps every edge", () => {
    const { s, add, wire, into } = editor();
    const node = s().addNode("image-to-video", { x: 0, y: 0 }, { endpoint: SORA_I2V });
    const [p, a] = [add("prompt"), add("image", "https://x/a.png")];
    wire(p, "text", node, "prompt");
    wire(a, "image", node, "image");
    const r = s().setEndpoint(node, framesModel.endpoint);
    expect(r.ok && r.value.dropped.filter((d) => d.includes("connection"))).toEqual([]);
    expect(into(node)).toEqual([`${p}>prompt`, `${a}>image`]);
  });

  it("counts the reference images a model without them drops", () => {
    const { s, add, wire, into } = editor();
    const node = s().addNode("image-to-video", { x: 0, y: 0 }, { endpoint: referencesModel.endpoint });
    const [p, a, b] = [add("prompt"), add("image", "https://x/a.png"), add("image", "https://x/b.png")];
    wire(p, "text", node, "prompt");
    wire(a, "image", node, "images");
    wire(b, "image", node, "images");
    const r = s().setEndpoint(node, framesModel.endpoint);
    expect(r.ok && r.value.dropped).toEqual(["2 Reference images connections"]);
    expect(into(node)).toEqual([`${p}>prompt`]);
  });
});

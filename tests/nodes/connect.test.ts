import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { edgeId, endpointId, nodeId } from "../../src/domain/ids";
import type { Workflow, WorkflowEdge, WorkflowNode } from "../../src/domain/workflow";
import { checkConnection } from "../../src/nodes/connect";
import { adaptersFor, findAdapter } from "../../src/nodes/registry";
import {
  forgetDeclaredPortModels,
  framesModel,
  referencesModel,
  registerDeclaredPortModels,
} from "../engine/helpers/declared-ports";

const at = { x: 0, y: 0 };
const node = (id: string, type: WorkflowNode["type"], data: Record<string, unknown> = {}) =>
  ({ id: nodeId(id), type, position: at, data: type === "prompt" ? { text: "x", ...data } : data }) as WorkflowNode;
const edge = (
  id: string,
  source: string,
  sourceHandle: string,
  target: string,
  targetHandle: string,
): WorkflowEdge => ({
  id: edgeId(id),
  source: nodeId(source),
  sourceHandle,
  target: nodeId(target),
  targetHandle,
});
const workflow = (nodes: WorkflowNode[], edges: WorkflowEdge[] = []): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name: "t",
  nodes,
  edges,
});
const wire = (w: Workflow, source: string, sourceHandle: string, target: string, targetHandle: string) =>
  checkConnection(w, { source, sourceHandle, target, targetHandle });

const base = workflow(
  [
    node("p1", "prompt"),
    node("img", "image", { url: "https://x/a.png" }),
    node("clip", "video", { url: "https://x/a.mp4" }),
    node("v1", "text-to-video", { endpoint: "fal-ai/sora-2/text-to-video" }),
    node("i2v", "image-to-video"),
    node("r1", "remix"),
    node("r2", "remix", { endpoint: "fal-ai/sora-2/video-to-video/remix" }),
    node("r3", "remix"),
  ],
  [edge("e1", "p1", "text", "v1", "prompt"), edge("e2", "v1", "video", "r1", "video")],
);

/** A wire written as "source.output → target.input". */
const wireOf = (w: Workflow, spec: string) => {
  const [from = "", to = ""] = spec.split(" → ");
  const [source = "", sourceHandle = ""] = from.split(".");
  const [target = "", targetHandle = ""] = to.split(".");
  return wire(w, source, sourceHandle, target, targetHandle);
};

describe("checkConnection: refusals say why", () => {
  it.each([
    // Sora remix needs a video made by Sora 2.
    ["img.image → r2.video", "Remix needs a video made by Sora 2; this input is an image"],
    ["p1.text → r2.video", "Remix needs a video made by Sora 2; this input is text"],
    ["clip.video → r2.video", "Remix needs a video made by Sora 2; this input is an uploaded video"],
    // Port types must match.
    ["p1.text → i2v.image", "Image-to-Video's image input takes an image, not text"],
    ["img.image → v1.prompt", "Text-to-Video's prompt input takes text, not an image"],
    ["v1.video → i2v.prompt", "Image-to-Video's prompt input takes text, not a video"],
    // Ports and nodes must exist.
    ["p1.video → v1.prompt", `Prompt has no output "video"`],
    ["p1.text → v1.image", `Text-to-Video with Sora 2 has no input "image"`],
    ["ghost.text → v1.prompt", `There is no node "ghost" to connect from`],
    ["p1.text → ghost.prompt", `There is no node "ghost" to connect to`],
    ["r1.video → r1.video", "A node cannot take its own output as an input"],
  ])("%s: %s", (spec, reason) => {
    expect(wireOf(base, spec)).toEqual({ ok: false, reason });
  });

  it("Sora remix refuses a video another model made, naming the model", () => {
    const veo = findAdapter("fal-ai/veo3.1/fast");
    const other = veo ?? { label: "" };
    const w = workflow([...base.nodes, node("veo", "text-to-video", { endpoint: "fal-ai/veo3.1/fast" })]);
    expect(wire(w, "veo", "video", "r2", "video")).toEqual(
      veo
        ? { ok: false, reason: `Remix needs a video made by Sora 2; this input is a video made by ${other.label}` }
        : {
            ok: false,
            reason: "Remix needs a video made by Sora 2; this input comes from a node whose model is unknown",
          },
    );
    const unknown = workflow([...base.nodes, node("odd", "text-to-video", { endpoint: endpointId("fal-ai/gone") })]);
    expect(wire(unknown, "odd", "video", "r2", "video")).toEqual({
      ok: false,
      reason: "Remix needs a video made by Sora 2; this input comes from a node whose model is unknown",
    });
  });

  const urlEditor = adaptersFor("remix").find((a) => a.videoInput?.kind === "url");
  it.skipIf(!urlEditor)("a remix model that takes any video URL accepts an uploaded video", () => {
    const w = workflow([...base.nodes, node("edit", "remix", { endpoint: urlEditor?.endpoint })]);
    expect(wire(w, "clip", "video", "edit", "video")).toEqual({ ok: true });
    expect(wire(w, "img", "image", "edit", "video")).toEqual({
      ok: false,
      reason: "Remix's video input takes a video, not an image",
    });
  });

  it("a wire that closes a loop is refused, naming the loop", () => {
    const chain = workflow(base.nodes, [
      ...base.edges,
      edge("e3", "r1", "video", "r2", "video"),
      edge("e4", "r2", "video", "r3", "video"),
    ]);
    // r3 → r1 would replace e2 (v1 → r1) but r1 → r2 → r3 still leads back.
    expect(wire(chain, "r3", "video", "r1", "video")).toEqual({
      ok: false,
      reason: "That would make a cycle: r1 → r2 → r3 → r1",
    });
    expect(wire(chain, "r2", "video", "r1", "video")).toEqual({
      ok: false,
      reason: "That would make a cycle: r1 → r2 → r1",
    });
  });
});

describe("checkConnection: allowed wires", () => {
  it("a second wire into an input replaces the first: allowed, naming the edge it replaces", () => {
    const w = workflow([...base.nodes, node("p2", "prompt"), node("v2", "text-to-video")], base.edges);
    expect(wire(w, "p2", "text", "v1", "prompt")).toEqual({ ok: true, replacesEdgeId: "e1" });
    expect(wire(w, "v2", "video", "r1", "video")).toEqual({ ok: true, replacesEdgeId: "e2" });
  });

  it.each([
    // Sora generations and Sora remixes feed a Sora remix.
    "v1.video → r2.video",
    "r1.video → r2.video",
    // Prompt and image into their inputs; one output may feed many inputs (p1 already feeds v1).
    "p1.text → i2v.prompt",
    "img.image → i2v.image",
    "p1.text → r1.prompt",
  ])("%s", (spec) => {
    expect(wireOf(base, spec)).toEqual({ ok: true });
  });
});

describe("checkConnection: ports the target's model declares", () => {
  beforeEach(registerDeclaredPortModels);
  afterEach(forgetDeclaredPortModels);

  const graph = (edges: WorkflowEdge[] = []) =>
    workflow(
      [
        node("p1", "prompt"),
        node("a", "image", { url: "https://x/a.png" }),
        node("b", "image", { url: "https://x/b.png" }),
        node("clip", "video", { url: "https://x/a.mp4" }),
        node("f1", "image-to-video", { endpoint: framesModel.endpoint }),
        node("r1", "image-to-video", { endpoint: referencesModel.endpoint }),
        node("sora", "image-to-video", { endpoint: "fal-ai/sora-2/image-to-video" }),
      ],
      edges,
    );

  it("an end frame is one more input that takes one image, replacing the one it had", () => {
    expect(wire(graph(), "b", "image", "f1", "end_image")).toEqual({ ok: true });
    const fed = graph([edge("e1", "a", "image", "f1", "end_image")]);
    expect(wire(fed, "b", "image", "f1", "end_image")).toEqual({ ok: true, replacesEdgeId: "e1" });
    expect(wire(graph(), "clip", "video", "f1", "end_image")).toEqual({
      ok: false,
      reason: "Image-to-Video's end_image input takes an image, not a video",
    });
  });

  it("reference images take several wires, each added after the others, but not the same one twice", () => {
    const fed = graph([edge("e1", "a", "image", "r1", "images")]);
    expect(wire(fed, "b", "image", "r1", "images")).toEqual({ ok: true });
    expect(wire(fed, "a", "image", "r1", "images")).toEqual({
      ok: false,
      reason: "Image a is already one of the reference images of Image-to-Video r1",
    });
  });

  it.each([
    { target: "sora", port: "end_image", reason: `Image-to-Video with Sora 2 has no input "end_image"` },
    { target: "f1", port: "images", reason: `Image-to-Video with Frames Test has no input "images"` },
  ])("a model without the port refuses it, naming the model: $reason", ({ target, port, reason }) => {
    expect(wire(graph(), "b", "image", target, port)).toEqual({ ok: false, reason });
  });
});

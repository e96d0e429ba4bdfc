import { describe, expect, it } from "vitest";
import { parseWorkflow, parseWorkflowText, serializeWorkflow } from "../../src/domain/parse";

const minimal = () => ({
  format: "reelflow/workflow",
  version: 1,
  name: "Tiny",
  nodes: [
    { id: "p1", type: "prompt", position: { x: 0, y: 0 }, data: { text: "A cat" } },
    { id: "v1", type: "text-to-video", position: { x: 300, y: 0 }, data: { params: { duration: 8 } } },
  ],
  edges: [{ id: "e1", source: "p1", sourceHandle: "text", target: "v1", targetHandle: "prompt" }],
});

const errorsOf = (input: unknown) => {
  const r = parseWorkflow(input);
  if (r.ok) throw new Error("expected the parse to fail");
  return r.errors;
};

describe("parseWorkflow: round trip", () => {
  it("keeps unknown optional fields at every level through parse → serialize → parse", () => {
    const doc = minimal() as Record<string, unknown> & ReturnType<typeof minimal>;
    const withExtras = {
      ...doc,
      topExtra: { deep: [1, { x: null }] },
      nodes: doc.nodes.map((n) => ({
        ...n,
        nodeExtra: "n",
        position: { ...n.position, zExtra: 3 },
        data: { ...n.data, dataExtra: [true] },
      })),
      edges: doc.edges.map((e) => ({ ...e, edgeExtra: { color: "red" } })),
    };
    const r = parseWorkflow(withExtras);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    const saved = JSON.parse(serializeWorkflow(r.workflow));
    expect(saved).toEqual(withExtras);
    const again = parseWorkflowText(serializeWorkflow(r.workflow));
    if (!again.ok) throw new Error(again.errors.join("\n"));
    expect(again.workflow).toEqual(r.workflow);
  });

  it("keeps the author's key order", () => {
    const input = {
      nodes: [{ data: { text: "hi" }, type: "prompt", id: "p", position: { y: 1, x: 2 } }],
      edges: [],
      version: 1,
      name: "n",
      format: "reelflow/workflow",
    };
    const r = parseWorkflow(input);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(serializeWorkflow(r.workflow)).toBe(`${JSON.stringify(input, null, 2)}\n`);
  });

  it("fills what a hand-written file may leave out: name, position, data, edges, prompt text", () => {
    const r = parseWorkflow({
      format: "reelflow/workflow",
      version: 1,
      nodes: [
        { id: "p", type: "prompt" },
        { id: "v", type: "remix" },
      ],
    });
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.workflow.name).toBe("Untitled workflow");
    expect(r.workflow.edges).toEqual([]);
    expect(r.workflow.nodes).toEqual([
      { id: "p", type: "prompt", position: { x: 0, y: 0 }, data: { text: "" } },
      { id: "v", type: "remix", position: { x: 0, y: 0 }, data: {} },
    ]);
  });

  it("accepts the node kind video and data: URLs for images", () => {
    const r = parseWorkflow({
      ...minimal(),
      nodes: [
        { id: "clip", type: "video", data: { url: "https://example.com/a.mp4" } },
        { id: "pic", type: "image", data: { url: "data:image/png;base64,AAAA" } },
        { id: "local", type: "image", data: { asset: "ab12" } },
      ],
      edges: [],
    });
    expect(r.ok).toBe(true);
  });

  it("reads image nodes in a version 1 file, and the chosen image of a batch (issue 19)", () => {
    const file = {
      ...minimal(),
      nodes: [
        minimal().nodes[0],
        {
          id: "k1",
          type: "text-to-image",
          data: {
            endpoint: "fal-ai/nano-banana-2",
            params: { num_images: 3 },
            take: { key: "abc-i2", image: 2 },
          },
        },
        { id: "e1", type: "image-edit", data: {} },
      ],
      edges: [
        { id: "a", source: "p1", sourceHandle: "text", target: "k1", targetHandle: "prompt" },
        { id: "b", source: "k1", sourceHandle: "image", target: "e1", targetHandle: "image" },
      ],
    };
    const r = parseWorkflow(file);
    if (!r.ok) throw new Error(r.errors.join("; "));
    expect(r.migratedFrom).toBeUndefined();
    expect(r.workflow.nodes.map((n) => n.type)).toEqual(["prompt", "text-to-image", "image-edit"]);
    const k1 = r.workflow.nodes[1];
    expect(k1?.type === "text-to-image" && k1.data.take).toEqual({ key: "abc-i2", image: 2 });
    expect(parseWorkflowText(serializeWorkflow(r.workflow))).toEqual(r);
  });

  it("refuses a chosen image that is no place in a batch", () => {
    const bad = (image: unknown) => ({
      ...minimal(),
      nodes: [{ id: "k1", type: "text-to-image", data: { take: { key: "abc", image } } }],
      edges: [],
    });
    for (const image of [-1, 1.5, "2"]) expect(errorsOf(bad(image))[0]).toMatch(/^Node "k1": .*image/);
  });

  it("never shares objects with its input, so later edits cannot reach back into the caller's data", () => {
    const input = minimal();
    const r = parseWorkflow(input);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    (r.workflow.nodes[0]?.data as { text: string }).text = "changed";
    expect(input.nodes[0]?.data.text).toBe("A cat");
  });

  it("never lets a key named __proto__ become a prototype (zod drops it)", () => {
    const r = parseWorkflowText(
      '{"format":"reelflow/workflow","version":1,"name":"x","nodes":[],"edges":[],"__proto__":{"polluted":true}}',
    );
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect((r.workflow as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(serializeWorkflow(r.workflow)).not.toContain("polluted");
  });

  it("ends a saved file with a newline and 2-space indents", () => {
    const r = parseWorkflow(minimal());
    if (!r.ok) throw new Error(r.errors.join("\n"));
    const text = serializeWorkflow(r.workflow);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe('  "format": "reelflow/workflow",');
  });
});

describe("parseWorkflow: errors in words", () => {
  it("not JSON", () => {
    const r = parseWorkflowText("{ nope");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^The file is not valid JSON: /);
  });

  it("reads a file that starts with a byte order mark", () => {
    expect(parseWorkflowText(`\uFEFF${JSON.stringify(minimal())}`).ok).toBe(true);
  });

  it("not an object", () => {
    expect(errorsOf([1, 2])).toEqual(["The file is not a Reelflow workflow: expected a JSON object, found a list."]);
    expect(errorsOf("hello")).toEqual([`The file is not a Reelflow workflow: expected a JSON object, found "hello".`]);
    expect(errorsOf(null)).toEqual(["The file is not a Reelflow workflow: expected a JSON object, found null."]);
  });

  it("format missing or wrong", () => {
    const { format: _, ...noFormat } = minimal();
    expect(errorsOf(noFormat)).toEqual([
      `The file is not a Reelflow workflow: it has no "format" field (expected "reelflow/workflow").`,
    ]);
    expect(errorsOf({ ...minimal(), format: "tldraw" })).toEqual([
      `The file is not a Reelflow workflow: its "format" is "tldraw", expected "reelflow/workflow".`,
    ]);
  });

  it("version missing, not a whole number, newer, or older than any migration", () => {
    const { version: _, ...noVersion } = minimal();
    expect(errorsOf(noVersion)).toEqual([
      `The file has no "version" field; a Reelflow workflow says which format version it uses (this app writes version 1).`,
    ]);
    expect(errorsOf({ ...minimal(), version: "1" })).toEqual([
      `The "version" field must be a whole number such as 1, found "1".`,
    ]);
    expect(errorsOf({ ...minimal(), version: 1.5 })).toEqual([
      `The "version" field must be a whole number such as 1, found 1.5.`,
    ]);
    expect(errorsOf({ ...minimal(), version: 2 })).toEqual([
      "This file was made by a newer Reelflow (format version 2); this app reads up to version 1. Update Reelflow to open it.",
    ]);
    expect(errorsOf({ ...minimal(), version: 0 })).toEqual([
      "This file uses workflow format version 0, which this Reelflow cannot read (there is no migration from version 0 to 1).",
    ]);
  });

  it("top-level fields of the wrong kind", () => {
    expect(errorsOf({ ...minimal(), name: 7, nodes: {} })).toEqual([
      `The "name" field must be text, found 7`,
      `The "nodes" field must be a list, found an object`,
    ]);
    const { nodes: _, ...noNodes } = minimal();
    expect(errorsOf(noNodes)).toEqual([`The "nodes" field is missing`]);
  });

  it("names the node and the field", () => {
    const doc = minimal();
    expect(errorsOf({ ...doc, nodes: [{ ...doc.nodes[0], type: "upscale" }, doc.nodes[1]] })).toEqual([
      `Node "p1": unknown node type "upscale"`,
    ]);
    expect(errorsOf({ ...doc, nodes: [{ id: "p1", data: {} }, doc.nodes[1]] })).toEqual([
      `Node "p1": "type" is missing (one of prompt, image, video, text-to-video, image-to-video, remix, text-to-image, image-edit)`,
    ]);
    expect(errorsOf({ ...doc, nodes: [{ ...doc.nodes[0], id: "" }, doc.nodes[1]], edges: [] })).toEqual([
      `Node #1: id must not be empty`,
    ]);
    expect(errorsOf({ ...doc, nodes: ["p1", doc.nodes[1]], edges: [] })).toEqual([
      `Node #1 must be an object, found "p1"`,
    ]);
    expect(errorsOf({ ...doc, nodes: [doc.nodes[0], { ...doc.nodes[1], data: { endpoint: 5 } }] })).toEqual([
      `Node "v1": data.endpoint must be text, found 5`,
    ]);
    expect(errorsOf({ ...doc, nodes: [doc.nodes[0], { ...doc.nodes[1], data: { params: { d: [4] } } }] })).toEqual([
      `Node "v1": data.params.d must be text, a number or true/false, found a list`,
    ]);
    expect(
      errorsOf({ ...doc, nodes: [doc.nodes[0], { id: "i", type: "image", data: { url: "/tmp/cat.png" } }], edges: [] }),
    ).toEqual([`Node "i": data.url must be an http(s) URL or a data: URL, found "/tmp/cat.png"`]);
  });

  it("names the edge and the problem", () => {
    const doc = minimal();
    expect(errorsOf({ ...doc, edges: [{ ...doc.edges[0], target: "zz" }] })).toEqual([
      `Edge "e1": target node "zz" does not exist`,
    ]);
    expect(errorsOf({ ...doc, edges: [doc.edges[0], { ...doc.edges[0] }] })).toEqual([
      `Edge "e1": the id is used by 2 edges; each edge needs its own id`,
    ]);
    expect(errorsOf({ ...doc, edges: [{ ...doc.edges[0], sourceHandle: 1 }] })).toEqual([
      `Edge "e1": sourceHandle must be text, found 1`,
    ]);
  });

  it("reports every problem at once, not one per attempt", () => {
    const doc = minimal();
    const errors = errorsOf({
      ...doc,
      nodes: [doc.nodes[0], doc.nodes[0], doc.nodes[1]],
      edges: [{ ...doc.edges[0], source: "a", target: "b" }],
    });
    expect(errors).toEqual([
      `Node "p1": the id is used by 2 nodes; each node needs its own id`,
      `Edge "e1": source node "a" does not exist`,
      `Edge "e1": target node "b" does not exist`,
    ]);
  });

  it("leaves port names and types to the connection checks (structure only here)", () => {
    const doc = minimal();
    expect(parseWorkflow({ ...doc, edges: [{ ...doc.edges[0], targetHandle: "image" }] }).ok).toBe(true);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWorkflowText, serializeWorkflow } from "../../src/domain/parse";

// Golden files: every workflow file format version ever written must keep opening, and
// every kind of bad file must keep failing with the same words.
const dir = join(import.meta.dirname, "..", "fixtures", "workflows");
const read = (...p: string[]) => readFileSync(join(dir, ...p), "utf8");

describe("golden workflow files, version 1", () => {
  const files = readdirSync(join(dir, "v1")).filter((f) => f.endsWith(".json"));

  it("has golden files to check", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of files) {
    it(`${file} opens and saves back to the same JSON`, () => {
      const text = read("v1", file);
      const r = parseWorkflowText(text);
      if (!r.ok) throw new Error(r.errors.join("\n"));
      expect(r.migratedFrom).toBeUndefined();
      expect(JSON.parse(serializeWorkflow(r.workflow))).toEqual(JSON.parse(text));
    });
  }

  it("reads the example of the format spec exactly as written", () => {
    const r = parseWorkflowText(read("v1", "cat-remix.reelflow.json"));
    if (!r.ok) throw new Error(r.errors.join("\n"));
    const w = r.workflow;
    expect(w.name).toBe("Cat remix");
    expect(w.nodes.map((n) => [n.id, n.type])).toEqual([
      ["p1", "prompt"],
      ["v1", "text-to-video"],
      ["r1", "remix"],
    ]);
    expect(w.nodes[1]?.data).toEqual({
      endpoint: "fal-ai/sora-2/text-to-video",
      params: { duration: 4, aspect_ratio: "16:9" },
    });
    expect(w.nodes[2]?.data).toEqual({ params: { prompt: "make it purple" } });
    expect(w.edges[1]).toEqual({ id: "e2", source: "v1", sourceHandle: "video", target: "r1", targetHandle: "video" });
  });

  it("saves a file written in the app's own layout byte for byte, unknown fields and key order included", () => {
    const text = read("v1", "every-kind-with-extras.reelflow.json");
    const r = parseWorkflowText(text);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(serializeWorkflow(r.workflow)).toBe(text);
  });
});

describe("bad workflow files fail with a message naming the problem", () => {
  const cases: Record<string, (errors: string[]) => void> = {
    "not-json.reelflow.json": (errors) => {
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^The file is not valid JSON: \S/);
    },
    "wrong-format.reelflow.json": (errors) =>
      expect(errors).toEqual([
        `The file is not a Reelflow workflow: its "format" is "comfyui/workflow", expected "reelflow/workflow".`,
      ]),
    "future-version.reelflow.json": (errors) =>
      expect(errors).toEqual([
        "This file was made by a newer Reelflow (format version 3); this app reads up to version 1. Update Reelflow to open it.",
      ]),
    "unknown-node-type.reelflow.json": (errors) => expect(errors).toEqual([`Node "v1": unknown node type "upscale"`]),
    "broken-edge.reelflow.json": (errors) => expect(errors).toEqual([`Edge "e2": source node "zz" does not exist`]),
    "duplicate-id.reelflow.json": (errors) =>
      expect(errors).toEqual([`Node "v1": the id is used by 2 nodes; each node needs its own id`]),
    "bad-fields.reelflow.json": (errors) =>
      expect(errors).toEqual([
        `Node "p1": position.y must be a number, found "top"`,
        `Node "p1": data.text must be text, found 42`,
        `Node "i1": data.url must be an http(s) URL or a data: URL, found "C:\\\\pictures\\\\cat.png"`,
        `Node "v1": data.params.duration must be text, a number or true/false, found null`,
        `Node #4: id is missing`,
        `Edge "e1": sourceHandle is missing`,
      ]),
  };

  it("covers every bad golden file", () => {
    expect(readdirSync(join(dir, "bad")).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [file, check] of Object.entries(cases)) {
    it(file, () => {
      const r = parseWorkflowText(read("bad", file));
      expect(r.ok).toBe(false);
      if (!r.ok) check(r.errors);
    });
  }
});

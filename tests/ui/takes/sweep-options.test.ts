import { describe, expect, it } from "vitest";
import { endpointId, nodeId } from "../../../src/domain/ids";
import type { GenerationNode } from "../../../src/domain/workflow";
import { adaptersFor, findAdapter } from "../../../src/nodes/registry";
import { valuesOf } from "../../../src/ui/takes/sweep/SweepValues";
import {
  parseNumberList,
  parsePromptLines,
  sweepChoicesFor,
  valuesProblem,
  valueText,
  type SweepChoice,
} from "../../../src/ui/takes/sweep/sweep-options";

const t2v = (endpoint: string, params: GenerationNode["data"]["params"] = {}): GenerationNode => ({
  id: nodeId("t2v"),
  type: "text-to-video",
  position: { x: 0, y: 0 },
  data: { endpoint: endpointId(endpoint), params },
});

describe("sweep choices of a node", () => {
  it("offers the model's enum params with every option, its number params, the other models and prompts", () => {
    const node = t2v("fal-ai/veo3.1", { duration: "6s", prompt: "a boat" });
    const choices = sweepChoicesFor(node);
    const byParam = new Map(choices.map((c) => [c.param, c]));
    const adapter = findAdapter("fal-ai/veo3.1");
    if (!adapter) throw new Error("no veo");
    // every enum param of the adapter with 2+ options, with its options, current value from the node
    for (const spec of adapter.params) {
      if (spec.kind === "enum") expect(byParam.get(spec.name)).toMatchObject({ kind: "enum", options: spec.options });
      if (spec.kind === "number")
        expect(byParam.get(spec.name)).toMatchObject({ kind: "number", min: spec.min, max: spec.max });
      if (spec.kind === "boolean" || spec.kind === "text") expect(byParam.has(spec.name)).toBe(false);
    }
    expect(byParam.get("duration")).toMatchObject({ current: "6s" });
    expect(byParam.get("resolution")).toMatchObject({ current: "720p" }); // the default when the node leaves it out
    const models = byParam.get("endpoint");
    expect(models?.kind).toBe("endpoint");
    if (models?.kind === "endpoint") {
      expect(models.options.map((o) => o.value)).toEqual(adaptersFor("text-to-video").map((a) => a.endpoint));
      expect(models.current).toBe("fal-ai/veo3.1");
      expect(models.options.find((o) => o.value === "fal-ai/sora-2/text-to-video")?.retired).toBe(true);
    }
    expect(byParam.get("prompt")).toMatchObject({ kind: "prompt", current: "a boat" });
  });

  it("a Sora node sweeps its durations 4, 8 and 12 as numbers", () => {
    const d = sweepChoicesFor(t2v("fal-ai/sora-2/text-to-video")).find((c) => c.param === "duration");
    expect(d).toMatchObject({ kind: "enum", options: [4, 8, 12], current: 4 });
  });
});

describe("sweep values", () => {
  const seed: Extract<SweepChoice, { kind: "number" }> = {
    kind: "number",
    param: "seed",
    label: "Seed",
    min: 0,
    max: 100,
    integer: true,
    current: undefined,
  };

  it("reads a typed number list and names a bad item", () => {
    expect(parseNumberList("1, 2 3;4", seed)).toEqual({ ok: true, values: [1, 2, 3, 4] });
    expect(parseNumberList("1, x", seed)).toEqual({ ok: false, message: 'Seed: "x" is not a number' });
    expect(parseNumberList("1.5", seed)).toEqual({ ok: false, message: "Seed: 1.5 is not a whole number" });
    expect(parseNumberList("101", seed)).toEqual({ ok: false, message: "Seed: 101 is outside 0–100" });
  });

  it("reads prompts one per line, skipping blank lines", () => {
    expect(parsePromptLines("a cat\n\n  a dog  \r\na fox\n")).toEqual(["a cat", "a dog", "a fox"]);
  });

  it("needs 2 to 12 distinct values", () => {
    expect(valuesProblem([4])).toBe("Choose at least 2 values");
    expect(valuesProblem([4, 8])).toBeNull();
    expect(valuesProblem([4, 4])).toBe("4 is listed twice");
    expect(valuesProblem(Array.from({ length: 13 }, (_, i) => i))).toBe("A sweep takes at most 12 values (13 chosen)");
    // "4" and 4 are different values for fal
    expect(valuesProblem(["4", 4])).toBeNull();
  });

  it("shows models by label and long prompts shortened", () => {
    const models = sweepChoicesFor(t2v("fal-ai/veo3.1")).find((c) => c.kind === "endpoint");
    if (!models) throw new Error("no model choice");
    expect(valueText(models, "fal-ai/veo3.1/fast")).toBe("Veo 3.1 Fast");
    expect(valueText({ kind: "prompt" }, "x".repeat(80))).toBe(`“${"x".repeat(57)}…”`);
  });
});

describe("values held by the dialog's form", () => {
  const choices = sweepChoicesFor(t2v("fal-ai/veo3.1", { prompt: "a boat" }));
  const choice = (param: string) => {
    const c = choices.find((x) => x.param === param);
    if (!c) throw new Error(`no ${param}`);
    return c;
  };

  it("ticked options come in the model's order, whatever the order they were ticked in", () => {
    expect(valuesOf(choice("duration"), { picked: { duration: ["8s", "4s"] }, typed: {} })).toEqual({
      values: ["4s", "8s"],
      problem: null,
    });
    expect(valuesOf(choice("endpoint"), { picked: { endpoint: ["fal-ai/veo3.1/fast"] }, typed: {} })).toEqual({
      values: ["fal-ai/veo3.1/fast"],
      problem: "Choose at least 2 values",
    });
  });

  it("a typed number list is read, and a bad item is the problem", () => {
    expect(valuesOf(choice("seed"), { picked: {}, typed: { seed: "1, 2, 3" } })).toEqual({
      values: [1, 2, 3],
      problem: null,
    });
    expect(valuesOf(choice("seed"), { picked: {}, typed: { seed: "1, two" } }).problem).toBe(
      'Seed: "two" is not a number',
    );
  });

  it("prompts are the non-empty lines", () => {
    expect(valuesOf(choice("prompt"), { picked: {}, typed: { prompt: "a boat\n\na ship" } })).toEqual({
      values: ["a boat", "a ship"],
      problem: null,
    });
  });
});

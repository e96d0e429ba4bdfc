import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWorkflowText } from "../../../src/domain/parse";
import { retiredModelsOf, retiredUseWords } from "../../../src/ui/retired/retired-models";

const example = (file: string) => {
  const r = parseWorkflowText(readFileSync(join(import.meta.dirname, "../../../public/examples", file), "utf8"));
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.workflow;
};

describe("which retired models a workflow uses", () => {
  it("names each retired family once, from the nodes", () => {
    // Diamond runs Sora 2, Sora 2 Pro and Sora 2 Remix: one family, said once.
    expect(retiredModelsOf(example("diamond.reelflow.json"))).toEqual([{ family: "Sora 2", on: "2026-09-24" }]);
    expect(retiredUseWords(retiredModelsOf(example("diamond.reelflow.json")))).toBe(
      "Uses a retired model: Sora 2 (retired 2026-09-24)",
    );
  });

  it("finds none in an example on current models, and says nothing then", () => {
    expect(retiredModelsOf(example("remix-chain.reelflow.json"))).toEqual([]);
    expect(retiredUseWords([])).toBe("");
  });
});

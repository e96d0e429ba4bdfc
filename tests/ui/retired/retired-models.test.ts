import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWorkflowText } from "../../../src/domain/parse";
import { readExampleIndex } from "../../../src/ui/files/workflow-files";
import { retiredModelsOf, retiredModelsOfEndpoints, retiredUseWords } from "../../../src/ui/retired/retired-models";

const examples = join(import.meta.dirname, "../../../public/examples");
const example = (file: string) => {
  const r = parseWorkflowText(readFileSync(join(examples, file), "utf8"));
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

describe("which retired models an example uses, from index.json alone (the list reads no example file)", () => {
  const index = readExampleIndex(JSON.parse(readFileSync(join(examples, "index.json"), "utf8")));

  it("is what the example's own nodes say, for every listed example", () => {
    expect(index.length).toBeGreaterThan(0);
    for (const e of index)
      expect({ file: e.file, uses: retiredModelsOfEndpoints(e.endpoints) }).toEqual({
        file: e.file,
        uses: retiredModelsOf(example(e.file)),
      });
    expect(index.filter((e) => retiredModelsOfEndpoints(e.endpoints).length > 0).length).toBeGreaterThan(0);
  });

  it("names each family once; an entry without endpoints (or with junk) marks nothing", () => {
    const sora = ["fal-ai/sora-2/text-to-video", "fal-ai/sora-2/text-to-video/pro", "fal-ai/veo3.1/fast"];
    expect(retiredModelsOfEndpoints(sora)).toEqual([{ family: "Sora 2", on: "2026-09-24" }]);
    const read = readExampleIndex({
      examples: [
        { file: "a.json", title: "A" },
        { file: "b.json", endpoints: "fal-ai/sora-2/text-to-video" },
      ],
    });
    expect(read.map((e) => e.endpoints)).toEqual([[], []]);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWorkflowText } from "../../src/domain/parse";
import { isGenerationNode, type Workflow } from "../../src/domain/workflow";
import { planWorkflow } from "../../src/engine/plan";
import { checkConnection } from "../../src/nodes/connect";
import { validateParams } from "../../src/nodes/params";
import { adapterForNode, getDefinition } from "../../src/nodes/registry";
import { resolveCatalogueModels } from "../examples/catalogue-models";

// The examples shipped in public/examples are what a new user opens first and what the
// CLI is demonstrated with: each must open, wire correctly and plan without a problem.
const dir = join(import.meta.dirname, "..", "..", "public", "examples");
const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as {
  examples: { file: string; title: string; description: string }[];
};

const load = (file: string): Workflow => {
  const r = parseWorkflowText(readFileSync(join(dir, file), "utf8"));
  if (!r.ok) throw new Error(`${file}: ${r.errors.join("; ")}`);
  return r.workflow;
};

// Models read from fal's catalogue (the bundled snapshot here) become known first, as the app and CLI do before planning.
await resolveCatalogueModels(index.examples.map((e) => load(e.file)));

describe("public/examples", () => {
  it("index.json lists every example file once, each with a title and description", () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".reelflow.json"))
      .sort();
    expect(index.examples.map((e) => e.file).sort()).toEqual(files);
    for (const e of index.examples) {
      expect(e.title.trim()).not.toBe("");
      expect(e.description.trim()).not.toBe("");
    }
  });

  it("includes the four the engine is demonstrated with", () => {
    expect(index.examples.map((e) => e.file)).toEqual(
      expect.arrayContaining([
        "single-t2v.reelflow.json",
        "i2v-pro.reelflow.json",
        "t2v-remix.reelflow.json",
        "diamond.reelflow.json",
      ]),
    );
  });

  for (const { file } of index.examples) {
    describe(file, () => {
      it("opens, and its models exist and accept its params", () => {
        const w = load(file);
        for (const n of w.nodes) {
          if (!isGenerationNode(n)) continue;
          const found = adapterForNode(n);
          if (!found.ok) throw new Error(`${n.id}: ${found.reason}`);
          expect({ node: n.id, issues: validateParams(found.adapter, n.data.params ?? {}, {}) }).toEqual({
            node: n.id,
            issues: [],
          });
        }
      });

      it("every wire is one the editor would draw, and every required input is fed", () => {
        const w = load(file);
        for (const e of w.edges) {
          const without = { ...w, edges: w.edges.filter((x) => x !== e) };
          expect({ edge: e.id, verdict: checkConnection(without, e) }).toEqual({ edge: e.id, verdict: { ok: true } });
        }
        for (const n of w.nodes) {
          for (const [port, spec] of Object.entries(getDefinition(n.type).inputs)) {
            const fed = w.edges.some((e) => e.target === n.id && e.targetHandle === port);
            const typed = isGenerationNode(n) && typeof n.data.params?.[port] === "string";
            if (spec.required) expect({ node: n.id, port, fed: fed || typed }).toEqual({ node: n.id, port, fed: true });
          }
        }
      });

      // What a new user opens first shows its whole cost: no "$0.00 + 1 unknown" (issue 15).
      it("plans with every price known", async () => {
        const r = await planWorkflow(load(file));
        if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
        const gens = [...r.plan.nodes.values()].filter((n) => n.role === "generation");
        const unknown = gens.filter((n) => n.price.usd === null).map((n) => n.id);
        expect({ file, unknown }).toEqual({ file, unknown: [] });
        expect(r.plan.estimate.unknownPriceNodes).toEqual([]);
        expect(r.plan.estimate.usd).toBeGreaterThan(0);
      });
    });
  }

  it("the first example, Text to video, costs $1.20 (8 s of Veo 3.1 Fast with audio), not $0.00 + 1 unknown", async () => {
    expect(index.examples[0]?.file).toBe("text-to-video.reelflow.json");
    const r = await planWorkflow(load("text-to-video.reelflow.json"));
    expect(r.ok && r.plan.estimate).toEqual({ usd: 1.2, upperBound: false, unknownPriceNodes: [] });
  });

  it("the diamond runs two independent branches from one prompt", () => {
    const w = load("diamond.reelflow.json");
    const fromIdea = w.edges.filter((e) => e.source === "idea").map((e) => e.target);
    expect(fromIdea.sort()).toEqual(["take-pro", "take-standard"]);
    const intoRemixes = w.edges.filter((e) => e.targetHandle === "video").map((e) => [e.source, e.target]);
    expect(intoRemixes).toEqual([
      ["take-standard", "restyle-standard"],
      ["take-pro", "restyle-pro"],
    ]);
  });
});

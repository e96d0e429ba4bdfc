import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheKey } from "../../../src/domain/ids";
import { parseWorkflowText } from "../../../src/domain/parse";
import { isGenerationNode, type Params, type Workflow } from "../../../src/domain/workflow";
import { cacheKeyFor } from "../../../src/engine/cache-key";
import { planWorkflow, type PlannedGeneration } from "../../../src/engine/plan";
import { effectiveParams, validateParams } from "../../../src/nodes/params";
import { endpointSchemas, validateBody, type EndpointSchema } from "../../fake-fal/schemas";
import { CTX, PORTS, adapter } from "./fixtures";

// A node keeps its params in fal's own forms (issue 15, item 7): Kling O3's `duration` is "5" to fal,
// while Reelflow's files have always held 5. Both must validate, price, key and send alike, and the keys
// of files saved before this change must not move (their cached results would be lost).

const KLING_T2V = "fal-ai/kling-video/o3/standard/text-to-video";
const kling = adapter(KLING_T2V);

describe("Kling O3 duration in either form", () => {
  it("validates \"5\" as it validates 5 (it was refused with 'Input should be a valid integer')", () => {
    expect(validateParams(kling, { duration: "5" }, PORTS)).toEqual([]);
    expect(validateParams(kling, { duration: 5 }, PORTS)).toEqual([]);
    expect(validateParams(kling, { duration: "16" }, PORTS)).toEqual([
      { field: "duration", message: "Input should be less than or equal to 15" },
    ]);
    expect(validateParams(kling, { duration: "5s" }, PORTS)).toEqual([
      { field: "duration", message: "Input should be a valid integer" },
    ]);
  });

  it('prices, keys and sends "5" exactly as 5, and the body carries fal\'s string', async () => {
    for (const p of [{ duration: "5" }, { duration: 5 }] as Params[]) {
      const eff = effectiveParams(kling, p);
      expect(eff.duration).toBe(5);
      expect(kling.price(eff, {})).toEqual({ usd: 0.42, upperBound: false, basis: "5 s × $0.084/s (audio off)" });
      expect(kling.price(p, {}).usd).toBe(0.42);
      const body = kling.buildInput(p, PORTS, CTX);
      expect(body.duration).toBe("5");
      expect(kling.buildInput(eff, PORTS, CTX)).toEqual(body);
      expect(validateBody(endpointSchemas[KLING_T2V] as EndpointSchema, body).errors).toEqual([]);
    }
  });

  it("keeps the cache key a node with duration 5 had before fal's form was accepted", async () => {
    // Computed with the code of commit 66e3936 (before this change) for these params and this prompt key.
    const PINNED = "e4b13ee06471d3318499d49c54529cc9e8cc74f8337b8b01283fa472533057d2";
    const prompt = cacheKey("p".repeat(64));
    for (const duration of [5, "5"]) {
      const params = effectiveParams(kling, { duration, aspect_ratio: "9:16" });
      const key = await cacheKeyFor({
        kind: "text-to-video",
        endpoint: kling.endpoint,
        params,
        inputs: { prompt },
        feedsRemix: false,
      });
      expect({ duration, key }).toEqual({ duration, key: PINNED });
    }
  });
});

describe("a shipped example's Kling node, planned", () => {
  const file = join(import.meta.dirname, "..", "..", "..", "public", "examples", "compare-models.reelflow.json");
  const load = (): Workflow => {
    const r = parseWorkflowText(readFileSync(file, "utf8"));
    if (!r.ok) throw new Error(r.errors.join("; "));
    return r.workflow;
  };
  const klingOf = async (w: Workflow): Promise<PlannedGeneration> => {
    const r = await planWorkflow(w);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
    return r.plan.nodes.get("kling" as never) as PlannedGeneration;
  };
  const withDuration = (w: Workflow, duration: string | number): Workflow => ({
    ...w,
    nodes: w.nodes.map((n) =>
      isGenerationNode(n) && n.id === "kling"
        ? { ...n, data: { ...n.data, params: { ...n.data.params, duration } } }
        : n,
    ),
  });

  it('has the key it had before (duration 8), and the same key, price and body with fal\'s "8"', async () => {
    // The planned key of node "kling" in public/examples/compare-models.reelflow.json at commit 66e3936.
    const PINNED = "513074bec133d206273adff2e4dd3a6b332aff5cf8432d996127f864e4245f61";
    const w = load();
    const asNumber = await klingOf(withDuration(w, 8));
    const asText = await klingOf(withDuration(w, "8"));
    expect(asNumber.key).toBe(PINNED);
    expect(asText.key).toBe(PINNED);
    expect(asText.params).toEqual(asNumber.params);
    expect(asText.price).toEqual(asNumber.price);
    const body = asText.adapter.buildInput(asText.params, { prompt: "a fox" }, CTX);
    expect(body.duration).toBe("8");
  });
});

describe("an enum of strings accepts the matching number (Seedance's duration)", () => {
  const seedance = adapter("bytedance/seedance-2.0/text-to-video");
  it('8 validates, prices and is sent as "8"; Veo\'s "8s" is left alone', () => {
    expect(validateParams(seedance, { duration: 8 }, PORTS)).toEqual([]);
    expect(seedance.buildInput({ duration: 8 }, PORTS, CTX).duration).toBe("8");
    expect(seedance.price({ duration: 8 }, {})).toEqual(seedance.price({ duration: "8" }, {}));
    expect(effectiveParams(seedance, { duration: 8 }).duration).toBe("8");
    const veo = adapter("fal-ai/veo3.1/fast");
    expect(effectiveParams(veo, { duration: "8s" }).duration).toBe("8s");
    expect(veo.buildInput({ duration: "8s" }, PORTS, CTX).duration).toBe("8s");
  });
});

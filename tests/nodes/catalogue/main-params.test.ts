// Issue 16 item 8: a generation node shows the params that decide the video and keeps the rest behind "More". For a
// model read from fal's schema the split is made from its fields: required ones, prompt-like text, length, shape,
// resolution and sound up front; negative prompt, seed, safety checker, prompt expansion and the like in More.
import { describe, expect, it } from "vitest";
import { adapterFromFalModel } from "../../../src/nodes/catalogue/schema-adapter";
import { loadSnapshot } from "../../../src/adapters/catalogue/snapshot";
import { allAdapters as adapters } from "../../../src/nodes/registry";
import type { ModelAdapter } from "../../../src/nodes/types";
import { adapterOf, falModel, inputSchemaOf } from "./fixtures";

const split = (a: ModelAdapter) => ({
  main: a.params.filter((p) => !p.more).map((p) => p.name),
  more: a.params.filter((p) => p.more).map((p) => p.name),
});

describe("main params and More, for models read from fal's schema", () => {
  it("Wan 2.7 text-to-video: shape, resolution and length up front; the rest in More", () => {
    expect(split(adapterOf("wanTextToVideo"))).toEqual({
      main: ["aspect_ratio", "resolution", "duration"],
      more: ["negative_prompt", "enable_prompt_expansion", "seed", "enable_safety_checker"],
    });
  });

  it("Kling O3 reference-to-video: sound, length and shape up front; its shot type in More", () => {
    expect(split(adapterOf("klingReference"))).toEqual({
      main: ["generate_audio", "duration", "aspect_ratio"],
      more: ["shot_type"],
    });
  });

  it("a required field is always up front, whatever its name", () => {
    const model = falModel("wanTextToVideo");
    const input = inputSchemaOf(model);
    input.properties.seed = { title: "Seed", type: "integer" };
    input.required = [...input.required, "seed"];
    expect(split(adapterOf(model)).main).toContain("seed");
  });

  it("every model of the bundled snapshot shows at most a handful up front", async () => {
    const snapshot = await loadSnapshot();
    const crowded: string[] = [];
    for (const m of snapshot.models) {
      const built = adapterFromFalModel(m, undefined, "snapshot", snapshot.madeAt);
      if (built.ok && split(built.adapter).main.length > 6)
        crowded.push(`${m.endpoint_id}: ${split(built.adapter).main.join(", ")}`);
    }
    expect(crowded).toEqual([]);
  }, 60_000);
});

describe("main params and More, for the curated models", () => {
  it("negative prompt, seed, auto-fix, safety, shot type and bitrate are in More, and nothing else", () => {
    const inMore = new Set(adapters().flatMap((a) => split(a).more));
    expect([...inMore].sort()).toEqual([
      // FLUX.1 [dev]'s sampler and file settings (issue 19): steps, guidance, speed, safety checker, format.
      "acceleration",
      "auto_fix",
      "bitrate_mode",
      "enable_safety_checker",
      "guidance_scale",
      "negative_prompt",
      "num_inference_steps",
      "output_format",
      "safety_tolerance",
      "seed",
      "shot_type",
    ]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { loadSnapshot } from "../../src/adapters/catalogue/snapshot";
import { schemaKeyParams } from "../../src/engine/cache-key";
import type { FalModel } from "../../src/nodes/catalogue/fal-api";
import { registerCatalogueAdapters, resetCatalogueForTests } from "../../src/nodes/catalogue/known";
import { adapterFromFalModel } from "../../src/nodes/catalogue/schema-adapter";
import type { ModelAdapter } from "../../src/nodes/types";
import { wan27TextToVideo } from "../fake-fal/catalogue/wan27";
import { gen, keyOf, planOk, prompt, t2v, workflow } from "./helpers/workflow";

// One node, one key, whichever document its catalogue adapter was read from: the bundled snapshot (fal-js 1.10.1
// writes Wan 2.7's `duration` as "5") or fal's live document (5). Otherwise a node run while fal answered and
// planned again after a fallback to the snapshot (or the other way) would be paid for twice. Curated keys are
// left exactly as they were.

const WAN = "fal-ai/wan/v2.7/text-to-video";
afterEach(() => resetCatalogueForTests());

function adapterOf(model: FalModel | undefined, from: "snapshot" | "live"): ModelAdapter {
  if (!model) throw new Error(`no ${WAN} document`);
  const built = adapterFromFalModel(model, undefined, from, "2026-12-06");
  if (!built.ok) throw new Error(built.reason);
  return built.adapter;
}

const snapshotWan = async () =>
  adapterOf(
    (await loadSnapshot()).models.find((m) => m.endpoint_id === WAN),
    "snapshot",
  );
const liveWan = () => adapterOf(wan27TextToVideo.model as FalModel, "live");

/** The node planned with this adapter as its model: its key, and the body it would send. */
async function planned(adapter: ModelAdapter, params: Record<string, string | number>) {
  resetCatalogueForTests();
  registerCatalogueAdapters([adapter]);
  const plan = await planOk(workflow([prompt("p", "A fox in the snow"), t2v("w", params, WAN)], ["p.text>w.prompt"]));
  const node = gen(plan, "w");
  expect(node.adapter).toBe(adapter);
  const body = node.adapter.buildInput(node.params, { prompt: "A fox in the snow" }, { feedsRemix: false });
  return { key: keyOf(plan, "w"), body };
}

describe("cache keys of catalogue models", () => {
  it("are one for Wan 2.7 read from the snapshot and from fal's live document; each body keeps its form", async () => {
    const snapshot = await snapshotWan();
    const live = liveWan();
    expect(snapshot.params.find((p) => p.name === "duration")).toMatchObject({ default: "5" });
    expect(live.params.find((p) => p.name === "duration")).toMatchObject({ default: 5 });

    const byDefault = [await planned(snapshot, {}), await planned(live, {})];
    expect(byDefault[0]?.key).toBe(byDefault[1]?.key);
    expect(byDefault.map((p) => p.body.duration)).toEqual(["5", 5]);

    const set = [await planned(snapshot, { duration: 10, seed: 3 }), await planned(live, { duration: 10, seed: 3 })];
    expect(set[0]?.key).toBe(set[1]?.key);
    expect(set.map((p) => p.body.duration)).toEqual(["10", 10]);
    expect(set[0]?.key).not.toBe(byDefault[0]?.key);
  });

  it("still tell apart what fal tells apart: only whole numbers written as text become numbers", () => {
    const params = { a: "5", b: "-2", c: "8s", d: "auto", e: "7.5", f: "05", g: "0", h: 6, i: true, j: "16:9" };
    const keyed = { a: 5, b: -2, c: "8s", d: "auto", e: "7.5", f: "05", g: 0, h: 6, i: true, j: "16:9" };
    expect(schemaKeyParams(params)).toEqual(keyed);
    expect(schemaKeyParams({ big: "123456789012345678901" })).toEqual({ big: "123456789012345678901" });
  });

  it("of curated models are unchanged, whole numbers written as text included", async () => {
    // Recorded with the recipe before schema keys were made canonical (commit da3be3b): Seedance 2.0's curated
    // `duration` is fal's string "5", and stays so in its key.
    const plan = await planOk(
      workflow(
        [
          prompt("p1", "A heron at dawn"),
          t2v("s1", { duration: "5", resolution: "720p" }, "bytedance/seedance-2.0/text-to-video"),
        ],
        ["p1.text>s1.prompt"],
      ),
    );
    expect(gen(plan, "s1").params.duration).toBe("5");
    expect(keyOf(plan, "s1")).toBe("84ccaa73629f950d7aaf54edab8035c5b54b45fec024b591dbfeabaaae725539");
  });
});

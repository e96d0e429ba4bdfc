import { describe, expect, it } from "vitest";
import { adapterFromFalModel } from "../../../src/nodes/catalogue/schema-adapter";
import { defaultAdapter } from "../../../src/nodes/registry";
import { falModel } from "./fixtures";

describe("a model fal lists as deprecated", () => {
  it("goes through the retired-model path, offering the kind's first current curated model", () => {
    const model = falModel("wanTextToVideo");
    model.metadata = { ...model.metadata, status: "deprecated", updated_at: "2026-11-30T10:00:00Z" };
    const built = adapterFromFalModel(model, undefined, "live", "2026-12-06");
    if (!built.ok) throw new Error(built.reason);
    expect(built.adapter.retired).toEqual({
      on: "2026-11-30",
      successor: defaultAdapter("text-to-video").endpoint,
      note: expect.stringContaining("deprecated"),
    });
  });

  it("an active one is not retired", () => {
    const built = adapterFromFalModel(falModel("wanTextToVideo"), undefined, "live", "2026-12-06");
    expect(built.ok && built.adapter.retired).toBe(undefined);
  });
});

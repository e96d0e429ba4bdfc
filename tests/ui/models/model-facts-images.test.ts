import { describe, expect, it } from "vitest";
import { findAdapter } from "../../../src/nodes/registry";
import { perSecondText } from "../../../src/ui/models/model-facts";

// Issue 19: an image model's button says its price per image (at its defaults: one image), not per video.
describe("the price words of an image model", () => {
  it("says per image", () => {
    const flux = findAdapter("fal-ai/flux/dev");
    if (!flux) throw new Error("FLUX.1 [dev] is not curated");
    expect(perSecondText(flux)).toBe("$0.025 per image");
  });
});

import { describe, expect, it } from "vitest";
import { priceFromFact } from "../../../src/nodes/catalogue/price";
import { adapterOf, falModel, inputSchemaOf, livePrice } from "./fixtures";

const WAN_T2V = "fal-ai/wan/v2.7/text-to-video";
const VEO_LITE = "fal-ai/veo3.1/lite/image-to-video";
const LTX = "fal-ai/ltx-2.3/extend-video";
const WAN_EDIT = "fal-ai/wan/v2.7/edit-video";
const KLING_REF = "fal-ai/kling-video/o3/standard/reference-to-video";

describe("prices from fal's unit price", () => {
  it("seconds: the unit price × the seconds asked for, with its source and date", () => {
    const a = adapterOf("wanTextToVideo", livePrice(WAN_T2V, "seconds", 0.1));
    expect(a.price({ duration: "8" }, {})).toEqual({
      usd: 0.8,
      upperBound: false,
      basis: "8 s × $0.10/s, fal pricing API 2026-12-06",
    });
    // The schema's default length when the node leaves it unset.
    expect(a.price({}, {}).usd).toBe(0.5);
  });

  it('reads the length in any of its forms: "8s", "5" and 5', () => {
    const veo = adapterOf("veoLiteImageToVideo", livePrice(VEO_LITE, "seconds", 0.05));
    expect(veo.price({ duration: "6s" }, {}).usd).toBe(0.3);
    const model = falModel("wanTextToVideo");
    inputSchemaOf(model).properties.duration = { title: "Duration", type: "integer", enum: [5, 10], default: 5 };
    const a = adapterOf(model, livePrice(WAN_T2V, "seconds", 0.1));
    expect(a.price({ duration: 10 }, {}).usd).toBe(1);
  });

  it('a length left to the model ("auto") is priced at the longest it allows, as an upper bound', () => {
    const model = falModel("wanTextToVideo");
    const duration = { title: "Duration", type: "string", enum: ["auto", "5", "10"], default: "auto" };
    inputSchemaOf(model).properties.duration = duration;
    const a = adapterOf(model, livePrice(WAN_T2V, "seconds", 0.1));
    expect(a.price({}, {})).toEqual({
      usd: 1,
      upperBound: true,
      basis: "up to 10 s (length left to fal) × $0.10/s, fal pricing API 2026-12-06",
    });
  });

  it("a snapshot's price says it is from the snapshot, and its date", () => {
    const fact = { ...livePrice(VEO_LITE, "seconds", 0.05), fetchedAt: "2026-12-05T00:00:00.000Z" };
    expect(adapterOf("veoLiteImageToVideo", fact, "snapshot").price({}, {}).basis).toBe(
      "8 s × $0.05/s, fal pricing API, snapshot of 2026-12-05",
    );
  });

  it("tiers: the rate of the resolution asked for, the schema default included", () => {
    const a = adapterOf("wanTextToVideo", livePrice(WAN_T2V, "seconds", 0.1, { "720p": 0.1, "1080p": 0.15 }));
    expect(a.price({}, {})).toEqual({
      usd: 0.75,
      upperBound: false,
      basis: "5 s × $0.15/s (1080p), fal pricing API 2026-12-06",
    });
    expect(a.price({ resolution: "720p", duration: "10" }, {}).usd).toBe(1);
  });

  it("videos: the unit price once", () => {
    const a = adapterOf("ltxExtend", livePrice(LTX, "videos", 0.5));
    expect(a.price({ duration: 20 }, {})).toEqual({
      usd: 0.5,
      upperBound: false,
      basis: "1 video × $0.50, fal pricing API 2026-12-06",
    });
  });

  it("a number length param is priced by its value", () => {
    expect(adapterOf("ltxExtend", livePrice(LTX, "seconds", 0.04)).price({ duration: 12 }, {}).usd).toBe(0.48);
  });

  it.each([
    ["units", "price unknown (fal charges per unit)"],
    ["video segments", "price unknown (fal charges per video segment)"],
    ["compute seconds", "price unknown (fal charges per compute second)"],
  ])("other units (%s): unknown, never $0", (unit, basis) => {
    const a = adapterOf("klingReference", livePrice(KLING_REF, unit, 0.014));
    expect(a.price({}, {})).toEqual({ usd: null, upperBound: false, basis });
  });

  it("no price fact: unknown, and says fal's pricing API had none", () => {
    expect(adapterOf("klingReference").price({}, {})).toEqual({
      usd: null,
      upperBound: false,
      basis: `price unknown (fal's pricing API has no price for ${KLING_REF})`,
    });
  });

  it("an edit that keeps its source's length: the source's seconds, else the longest source its schema allows", () => {
    const a = adapterOf("wanEdit", livePrice(WAN_EDIT, "seconds", 0.1));
    expect(a.price({}, { sourceDurationSec: 6 })).toEqual({
      usd: 0.6,
      upperBound: false,
      basis: "6 s of source video × $0.10/s, fal pricing API 2026-12-06",
    });
    expect(a.price({}, { sourceDurationSec: null })).toEqual({
      usd: 1,
      upperBound: true,
      basis: "up to 10 s of source video (source length unknown) × $0.10/s, fal pricing API 2026-12-06",
    });
    // Asked to cut to 4 s: priced at 4 s whatever the source.
    expect(a.price({ duration: "4" }, { sourceDurationSec: 9 }).usd).toBe(0.4);
  });

  it("an edit with no length param and no stated source limit: the source's length, else unknown", () => {
    const model = falModel("wanEdit");
    const input = inputSchemaOf(model);
    delete input.properties.duration;
    input.properties.video_url = { title: "Video Url", type: "string", description: "The video to edit." };
    const a = adapterOf(model, livePrice(WAN_EDIT, "seconds", 0.1));
    expect(a.price({}, { sourceDurationSec: 3 }).usd).toBe(0.3);
    expect(a.price({}, {})).toEqual({
      usd: null,
      upperBound: false,
      basis: "price unknown ($0.10/s, fal pricing API 2026-12-06, but the source video's length is not known yet)",
    });
  });

  it("a length fal fixes (a duration field no param offers) is priced at its default", () => {
    const model = falModel("wanTextToVideo");
    const duration = { title: "Duration", anyOf: [{ type: "string" }, { type: "integer" }], default: "6s" };
    inputSchemaOf(model).properties.duration = duration;
    const a = adapterOf(model, livePrice(WAN_T2V, "seconds", 0.1));
    expect(a.price({}, {}).basis).toBe("6 s (fal's default length) × $0.10/s, fal pricing API 2026-12-06");
  });

  it("a currency other than USD is not converted", () => {
    const fact = { ...livePrice(WAN_T2V, "seconds", 0.1), currency: "EUR" };
    const model = {
      endpoint: WAN_T2V,
      kind: "text-to-video",
      params: [],
      defaultSeconds: 5,
      maxSourceSec: null,
      from: "live",
    } as const;
    expect(priceFromFact(fact, {}, {}, model)).toEqual({
      usd: null,
      upperBound: false,
      basis: "price unknown (fal quotes it in EUR)",
    });
  });
});

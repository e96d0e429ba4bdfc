import { afterEach, describe, expect, it } from "vitest";
import type { PriceFact } from "../../../src/nodes/catalogue/fal-api";
import { registerPriceFacts, resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import { FAL_MODEL_INDEX } from "../../../src/nodes/models/model-kit";
import type { Price } from "../../../src/nodes/types";
import { adapter, currentAdapters } from "./fixtures";

// Figures from each model's fal page (checked 2026-11-25) or, where the page had none, fal's model index
// (captured 2026-09-16, read 2026-12-05); the expected totals below are worked by hand from those per-second
// and per-token rates, several of them the sources' own worked examples.

const price = (
  endpoint: string,
  params: Record<string, string | number | boolean> = {},
  sourceDurationSec?: number | null,
) => adapter(endpoint).price(params, { sourceDurationSec });

const known = (p: Price) => {
  expect(p.usd).not.toBeNull();
  return p.usd as number;
};

describe("Veo 3.1 prices", () => {
  const veo = "fal-ai/veo3.1";
  it("charges $0.40/s with audio and $0.20/s without at 720p and 1080p", () => {
    expect(price(veo)).toEqual({ usd: 3.2, upperBound: false, basis: "8 s × $0.4/s (720p/1080p, audio on)" });
    expect(known(price(veo, { generate_audio: false }))).toBeCloseTo(1.6, 6);
    expect(known(price(veo, { resolution: "1080p", duration: "4s" }))).toBeCloseTo(1.6, 6);
  });
  it("charges $0.60/s with audio and $0.40/s without at 4k", () => {
    expect(known(price(veo, { resolution: "4k", duration: "4s" }))).toBeCloseTo(2.4, 6);
    expect(known(price(veo, { resolution: "4k", duration: "6s", generate_audio: false }))).toBeCloseTo(2.4, 6);
  });
  it("scales with the chosen duration (the page's example: 5 s at 1080p with audio would be $2.00)", () => {
    expect(known(price(veo, { duration: "6s" }))).toBeCloseTo(2.4, 6);
  });
  // Figures from fal's model index (captured 2026-09-16, read 2026-12-05): these four pages had no price.
  it("Veo 3.1 Fast: $0.15/s with audio, $0.10/s without; $0.35 / $0.30 at 4k (the index's example: 5 s 1080p with audio $0.75)", () => {
    const fast = "fal-ai/veo3.1/fast";
    expect(price(fast)).toEqual({ usd: 1.2, upperBound: false, basis: "8 s × $0.15/s (720p/1080p, audio on)" });
    expect(known(price(fast, { generate_audio: false }))).toBeCloseTo(0.8, 6);
    expect(known(price(fast, { resolution: "4k", duration: "4s" }))).toBeCloseTo(1.4, 6);
    expect(known(price(fast, { resolution: "4k", duration: "4s", generate_audio: false }))).toBeCloseTo(1.2, 6);
  });
  it("Veo 3.1 image-to-video is priced as Veo 3.1: $0.40 / $0.20 per s, $0.60 / $0.40 at 4k", () => {
    const i2v = "fal-ai/veo3.1/image-to-video";
    expect(known(price(i2v))).toBeCloseTo(3.2, 6);
    expect(known(price(i2v, { generate_audio: false, duration: "6s" }))).toBeCloseTo(1.2, 6);
    expect(known(price(i2v, { resolution: "4k" }))).toBeCloseTo(4.8, 6);
    expect(known(price(i2v, { resolution: "4k", generate_audio: false }))).toBeCloseTo(3.2, 6);
  });
  it("Veo 3.1 Fast image-to-video is priced as Veo 3.1 Fast", () => {
    const i2v = "fal-ai/veo3.1/fast/image-to-video";
    expect(known(price(i2v))).toBeCloseTo(1.2, 6);
    expect(known(price(i2v, { generate_audio: false }))).toBeCloseTo(0.8, 6);
    expect(known(price(i2v, { resolution: "4k" }))).toBeCloseTo(2.8, 6);
    expect(known(price(i2v, { resolution: "4k", generate_audio: false }))).toBeCloseTo(2.4, 6);
  });
  it("Veo 3.1 extend charges $0.40/s with audio, $0.20/s without, for the 7 s fal adds", () => {
    const extend = "fal-ai/veo3.1/extend-video";
    expect(price(extend, {}, 8)).toEqual({
      usd: 2.8,
      upperBound: false,
      basis: "7 s added × $0.4/s (720p/1080p, audio on)",
    });
    expect(known(price(extend, { generate_audio: false }, 8))).toBeCloseTo(1.4, 6);
  });
});

describe("Kling O3 prices", () => {
  const std = "fal-ai/kling-video/o3/standard/image-to-video";
  it("Standard image-to-video: $0.084/s audio off (the default), $0.112/s on", () => {
    expect(price(std)).toEqual({ usd: 0.42, upperBound: false, basis: "5 s × $0.084/s (audio off)" });
    expect(known(price(std, { generate_audio: true }))).toBeCloseTo(0.56, 6);
    expect(known(price(std, { duration: 15 }))).toBeCloseTo(1.26, 6);
    expect(known(price(std, { duration: 15, generate_audio: true }))).toBeCloseTo(1.68, 6);
  });
  it("Standard and Pro text-to-video: $0.084 / $0.112 and $0.112 / $0.14 per s (audio off / on)", () => {
    expect(price("fal-ai/kling-video/o3/standard/text-to-video")).toEqual({
      usd: 0.42,
      upperBound: false,
      basis: "5 s × $0.084/s (audio off)",
    });
    expect(
      known(price("fal-ai/kling-video/o3/standard/text-to-video", { duration: 10, generate_audio: true })),
    ).toBeCloseTo(1.12, 6);
    expect(known(price("fal-ai/kling-video/o3/pro/text-to-video"))).toBeCloseTo(0.56, 6);
    // The index's example: a 5 s Pro video with audio on costs $0.70.
    expect(known(price("fal-ai/kling-video/o3/pro/text-to-video", { generate_audio: true }))).toBeCloseTo(0.7, 6);
  });
  it("Pro image-to-video: $0.112/s audio off, $0.14/s on", () => {
    expect(known(price("fal-ai/kling-video/o3/pro/image-to-video", { duration: 10 }))).toBeCloseTo(1.12, 6);
    expect(
      known(price("fal-ai/kling-video/o3/pro/image-to-video", { duration: 10, generate_audio: true })),
    ).toBeCloseTo(1.4, 6);
  });
  it("Standard edit: $0.126 per second of the source video, audio or not", () => {
    const edit = "fal-ai/kling-video/o3/standard/video-to-video/edit";
    expect(price(edit, {}, 5)).toEqual({ usd: 0.63, upperBound: false, basis: "5 s of source video × $0.126/s" });
    expect(price(edit, {}, null)).toMatchObject({ usd: 1.89, upperBound: true });
  });
  it("Pro edit without a live price: the higher of its two published rates, as an upper bound naming both", () => {
    const p = price("fal-ai/kling-video/o3/pro/video-to-video/edit", {}, 5);
    expect(p).toMatchObject({ usd: 1.68, upperBound: true });
    expect(p.basis).toBe(
      "5 s of source video × $0.336/s, the highest of the published rates " +
        "(fal page 2026-11-25: $0.336/s; fal model index 2026-09-16: $0.168/s); fal's live price decides",
    );
  });
  it("Pro edit with a source of unknown length is priced at the longest accepted (15 s), as an upper bound", () => {
    const p = price("fal-ai/kling-video/o3/pro/video-to-video/edit", {}, null);
    expect(known(p)).toBeCloseTo(5.04, 6);
    expect(p.upperBound).toBe(true);
  });
});

describe("live prices from fal's Pricing API", () => {
  afterEach(() => resetCatalogueForTests());
  const PRO_EDIT = "fal-ai/kling-video/o3/pro/video-to-video/edit";
  const fact = (endpoint: string, over: Partial<PriceFact> = {}): PriceFact => ({
    endpoint_id: endpoint,
    unit_price: 0.168,
    unit: "seconds",
    currency: "USD",
    source: "fal pricing API",
    fetchedAt: "2026-12-06T09:30:00.000Z",
    ...over,
  });

  it("decide the Kling O3 Pro edit's rate, and its basis says which figure and when", () => {
    registerPriceFacts([fact(PRO_EDIT)]);
    expect(price(PRO_EDIT, {}, 5)).toEqual({
      usd: 0.84,
      upperBound: false,
      basis: "5 s of source video × $0.168/s (fal pricing API 2026-12-06)",
    });
    expect(price(PRO_EDIT, {}, null)).toMatchObject({ usd: 2.52, upperBound: true });
    registerPriceFacts([fact(PRO_EDIT, { unit_price: 0.336, fetchedAt: "2026-12-07T09:30:00.000Z" })]);
    expect(price(PRO_EDIT, {}, 5)).toMatchObject({
      usd: 1.68,
      upperBound: false,
      basis: expect.stringContaining("fal pricing API 2026-12-07"),
    });
  });

  it("only when the fact is live and per second: a figure read from public material or in another unit does not decide", () => {
    registerPriceFacts([fact(PRO_EDIT, { source: "fal model index (2026-09-16)" })]);
    expect(price(PRO_EDIT, {}, 5)).toMatchObject({ usd: 1.68, upperBound: true });
    resetCatalogueForTests();
    registerPriceFacts([fact(PRO_EDIT, { unit: "videos" })]);
    expect(price(PRO_EDIT, {}, 5)).toMatchObject({ usd: 1.68, upperBound: true });
  });

  it("leave the other curated tables deciding: Veo 3.1's audio-off tier is not fal's one rate", () => {
    registerPriceFacts([
      fact("fal-ai/veo3.1", { unit_price: 0.5 }),
      fact("fal-ai/kling-video/o3/standard/video-to-video/edit", { unit_price: 0.2 }),
    ]);
    expect(price("fal-ai/veo3.1", { generate_audio: false })).toMatchObject({
      usd: 1.6,
      basis: "8 s × $0.2/s (720p/1080p, audio off)",
    });
    expect(price("fal-ai/kling-video/o3/standard/video-to-video/edit", {}, 5)).toMatchObject({ usd: 0.63 });
  });
});

describe("Seedance 2.0 prices (per 1,000 video tokens; tokens = h × w × s × 24 / 1024)", () => {
  const std = "bytedance/seedance-2.0/text-to-video";
  it("720p costs $0.3024/s: 5 s is 108,000 tokens × $0.014/1k", () => {
    expect(known(price(std, { duration: "5", aspect_ratio: "16:9" }))).toBeCloseTo(1.512, 6);
    expect(price(std, { duration: "5", aspect_ratio: "16:9" }).upperBound).toBe(false);
  });
  it("audio does not change the price", () => {
    expect(price(std, { duration: "5", generate_audio: false }).usd).toBe(
      price(std, { duration: "5", generate_audio: true }).usd,
    );
  });
  it("resolution changes the price with the pixel count", () => {
    expect(known(price(std, { duration: "5", resolution: "1080p" }))).toBeCloseTo(3.402, 6);
    expect(known(price(std, { duration: "5", resolution: "4k" }))).toBeCloseTo(13.608, 6);
    expect(known(price(std, { duration: "5", resolution: "480p" }))).toBeCloseTo(0.6725, 4);
  });
  it("duration auto is priced at the 15 s the model may choose, as an upper bound", () => {
    const p = price(std);
    expect(known(p)).toBeCloseTo(15 * 0.3024, 6);
    expect(p.upperBound).toBe(true);
    expect(p.basis).toContain("auto");
  });
  it("Fast costs $0.2419/s at 720p (the page's 10 s clip ≈ $2.42)", () => {
    expect(known(price("bytedance/seedance-2.0/fast/text-to-video", { duration: "10" }))).toBeCloseTo(2.4192, 6);
  });
  it("image-to-video costs about $0.30/s at 720p", () => {
    expect(known(price("bytedance/seedance-2.0/image-to-video", { duration: "4" }))).toBeCloseTo(1.2096, 6);
  });
});

describe("every adapter's price", () => {
  it.each(currentAdapters.map((a) => [a.endpoint, a] as const))(
    "%s is a number above $0 or unknown, with a basis",
    (_e, a) => {
      const p = a.price({}, { sourceDurationSec: 5 });
      if (p.usd !== null) expect(p.usd).toBeGreaterThan(0);
      expect(p.basis.length).toBeGreaterThan(0);
    },
  );
  it.each(currentAdapters.map((a) => [a.endpoint, a] as const))(
    "%s records its sources and the date checked",
    (_e, a) => {
      // Priced from fal's model index (read 2026-12-05) when the page had no price, else checked on its page.
      const fromIndex = a.sources.urls.includes(FAL_MODEL_INDEX.url);
      expect({ checked: a.sources.checked, fromIndex }).toEqual({
        checked: fromIndex ? "2026-12-05" : "2026-11-25",
        fromIndex,
      });
      expect(a.sources.urls.some((u) => u.startsWith("https://fal.ai/models/"))).toBe(true);
      expect(a.retired).toBeUndefined();
    },
  );
  it("every price that was unknown now has fal's model index as its source", () => {
    const fromIndex = currentAdapters
      .filter((a) => a.sources.urls.includes(FAL_MODEL_INDEX.url))
      .map((a) => a.endpoint);
    expect(fromIndex.sort()).toEqual(
      [
        "fal-ai/veo3.1/fast",
        "fal-ai/veo3.1/image-to-video",
        "fal-ai/veo3.1/fast/image-to-video",
        "fal-ai/veo3.1/extend-video",
        "fal-ai/kling-video/o3/standard/text-to-video",
        "fal-ai/kling-video/o3/pro/text-to-video",
        "fal-ai/kling-video/o3/pro/image-to-video",
        "fal-ai/kling-video/o3/standard/video-to-video/edit",
        "fal-ai/kling-video/o3/pro/video-to-video/edit",
      ].sort(),
    );
    for (const a of currentAdapters)
      expect({ endpoint: a.endpoint, usd: a.price({}, { sourceDurationSec: 5 }).usd }).not.toMatchObject({ usd: null });
  });
  it.each(currentAdapters.map((a) => [a.endpoint, a] as const))(
    "%s cites its own fal page, not a sibling's (so an unknown price sends the user to the right page)",
    (endpoint, a) => {
      const falPages = a.sources.urls.filter((u) => u.startsWith("https://fal.ai/models/"));
      expect(falPages).toEqual([`https://fal.ai/models/${endpoint}`]);
    },
  );
});

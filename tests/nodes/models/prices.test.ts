import { describe, expect, it } from "vitest";
import type { Price } from "../../../src/nodes/types";
import { adapter, currentAdapters } from "./fixtures";

// Figures from each model's fal page (checked 2026-11-25); the expected totals below are worked by hand
// from those per-second and per-token rates, several of them the pages' own worked examples.

const price = (endpoint: string, params: Record<string, string | number | boolean> = {}, sourceDurationSec?: number | null) =>
  adapter(endpoint).price(params, { sourceDurationSec });

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
  it.each(["fal-ai/veo3.1/fast", "fal-ai/veo3.1/image-to-video", "fal-ai/veo3.1/fast/image-to-video", "fal-ai/veo3.1/extend-video"])(
    "%s has no published price: unknown, never $0",
    (endpoint) => {
      const p = price(endpoint, { generate_audio: false });
      expect(p.usd).toBeNull();
      expect(p.basis).toMatch(/^price unknown/);
    },
  );
});

describe("Kling O3 prices", () => {
  const std = "fal-ai/kling-video/o3/standard/image-to-video";
  it("Standard image-to-video: $0.084/s audio off (the default), $0.112/s on", () => {
    expect(price(std)).toEqual({ usd: 0.42, upperBound: false, basis: "5 s × $0.084/s (audio off)" });
    expect(known(price(std, { generate_audio: true }))).toBeCloseTo(0.56, 6);
    expect(known(price(std, { duration: 15 }))).toBeCloseTo(1.26, 6);
    expect(known(price(std, { duration: 15, generate_audio: true }))).toBeCloseTo(1.68, 6);
  });
  it("Pro edit charges $0.336 per second of the source video", () => {
    expect(price("fal-ai/kling-video/o3/pro/video-to-video/edit", {}, 5)).toEqual({
      usd: 1.68,
      upperBound: false,
      basis: "5 s of source video × $0.336/s",
    });
  });
  it("Pro edit with a source of unknown length is priced at the longest accepted (15 s), as an upper bound", () => {
    const p = price("fal-ai/kling-video/o3/pro/video-to-video/edit", {}, null);
    expect(known(p)).toBeCloseTo(5.04, 6);
    expect(p.upperBound).toBe(true);
  });
  it.each([
    "fal-ai/kling-video/o3/standard/text-to-video",
    "fal-ai/kling-video/o3/pro/text-to-video",
    "fal-ai/kling-video/o3/pro/image-to-video",
    "fal-ai/kling-video/o3/standard/video-to-video/edit",
  ])("%s has no published price: unknown", (endpoint) => {
    const p = price(endpoint, { duration: 10, generate_audio: true }, 8);
    expect(p.usd).toBeNull();
    expect(p.basis).toMatch(/^price unknown/);
  });
});

describe("Seedance 2.0 prices (per 1,000 video tokens; tokens = h × w × s × 24 / 1024)", () => {
  const std = "bytedance/seedance-2.0/text-to-video";
  it("720p costs $0.3024/s: 5 s is 108,000 tokens × $0.014/1k", () => {
    expect(known(price(std, { duration: "5", aspect_ratio: "16:9" }))).toBeCloseTo(1.512, 6);
    expect(price(std, { duration: "5", aspect_ratio: "16:9" }).upperBound).toBe(false);
  });
  it("audio does not change the price", () => {
    expect(price(std, { duration: "5", generate_audio: false }).usd).toBe(price(std, { duration: "5", generate_audio: true }).usd);
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
  it.each(currentAdapters.map((a) => [a.endpoint, a] as const))("%s is a number above $0 or unknown, with a basis", (_e, a) => {
    const p = a.price({}, { sourceDurationSec: 5 });
    if (p.usd !== null) expect(p.usd).toBeGreaterThan(0);
    expect(p.basis.length).toBeGreaterThan(0);
  });
  it.each(currentAdapters.map((a) => [a.endpoint, a] as const))("%s records its sources and the date checked", (_e, a) => {
    expect(a.sources.checked).toBe("2026-11-25");
    expect(a.sources.urls.some((u) => u.startsWith("https://fal.ai/models/"))).toBe(true);
    expect(a.retired).toBeUndefined();
  });
  it.each(currentAdapters.map((a) => [a.endpoint, a] as const))(
    "%s cites its own fal page, not a sibling's (so an unknown price sends the user to the right page)",
    (endpoint, a) => {
      const falPages = a.sources.urls.filter((u) => u.startsWith("https://fal.ai/models/"));
      expect(falPages).toEqual([`https://fal.ai/models/${endpoint}`]);
    },
  );
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkedSnapshot,
  loadImageSnapshot,
  loadSnapshot,
  loadVideoSnapshot,
} from "../../../src/adapters/catalogue/snapshot";
import type { CatalogueSnapshot, FalModel, OpenApiDocument } from "../../../src/nodes/catalogue/fal-api";
import { FAL_JS_TYPES, installedFalJsVersion, snapshotFromFalJs } from "../../../scripts/catalog-from-fal-js";
import { splitSnapshot } from "../../../scripts/catalog-snapshot-file";

// The bundled snapshot as the app and CLI load it (the same dynamic imports Vite splits into their own chunks):
// two parts, fal's video models and its image models, and `loadSnapshot` both together.
let snapshot: CatalogueSnapshot;
let parts: { video: CatalogueSnapshot; image: CatalogueSnapshot };
beforeAll(async () => {
  snapshot = await loadSnapshot();
  parts = { video: await loadVideoSnapshot(), image: await loadImageSnapshot() };
}, 60_000); // vitest transforms ~4 MB of JSON the first time

const ids = () => snapshot.models.map((m) => m.endpoint_id);
const documentOf = (model: FalModel): OpenApiDocument | undefined =>
  model.openapi && !("error" in model.openapi) ? model.openapi : undefined;
const categoryOf = (id: string) => snapshot.models.find((m) => m.endpoint_id === id)?.metadata?.category;
const priceOf = (id: string) => snapshot.prices.find((p) => p.endpoint_id === id);

describe("loadSnapshot", () => {
  it("reads the bundled files once per process", async () => {
    expect(await loadSnapshot()).toBe(snapshot);
    expect(await loadVideoSnapshot()).toBe(parts.video);
    expect(snapshot).toMatchObject({ format: "reelflow/fal-catalogue", version: 1 });
  });

  it("is the video part and the image part, by category, under one envelope", () => {
    const categories = (s: CatalogueSnapshot) => new Set(s.models.map((m) => m.metadata?.category));
    expect(categories(parts.video)).toEqual(new Set(["text-to-video", "image-to-video", "video-to-video"]));
    expect(categories(parts.image)).toEqual(new Set(["text-to-image", "image-to-image"]));
    expect(snapshot.models).toEqual([...parts.video.models, ...parts.image.models]);
    expect(snapshot.prices).toEqual([...parts.video.prices, ...parts.image.prices]);
    const imageIds = new Set(parts.image.models.map((m) => m.endpoint_id));
    expect(parts.image.prices.every((p) => imageIds.has(p.endpoint_id))).toBe(true);
    const { models: _vm, prices: _vp, ...video } = parts.video;
    const { models: _im, prices: _ip, ...image } = parts.image;
    expect(image).toEqual(video);
  });

  it("refuses a file of another format or version with a sentence that says how to fix it", () => {
    const good = {
      format: "reelflow/fal-catalogue",
      version: 1,
      madeAt: "2026-12-06",
      origin: "fal-api",
      note: "",
      models: [],
      prices: [],
    };
    expect(checkedSnapshot(good)).toBe(good);
    expect(() => checkedSnapshot({ ...good, version: 2 })).toThrow(/version 2 .*npm run catalog:update/);
    expect(() => checkedSnapshot({ ...good, format: "other" })).toThrow(/format is "other"/);
    expect(() => checkedSnapshot({ ...good, models: undefined })).toThrow(/models or prices/);
    expect(() => checkedSnapshot(null)).toThrow(/cannot be read/);
  });
});

describe("the bundled snapshot", () => {
  it("says where it comes from and when", () => {
    expect(Date.parse(snapshot.madeAt)).not.toBeNaN();
    if (snapshot.origin === "public-material") {
      expect(snapshot.note).toMatch(/fal-js \d+\.\d+\.\d+ endpoint types/);
      expect(snapshot.note).toContain("npm run catalog:update");
    }
  });

  it("lists each model once, each part sorted by endpoint id, each with an OpenAPI document or an error record", () => {
    for (const part of [parts.video, parts.image]) {
      const partIds = part.models.map((m) => m.endpoint_id);
      expect(partIds).toEqual([...partIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(new Set(ids()).size).toBe(ids().length);
    for (const model of snapshot.models) {
      const doc = documentOf(model);
      if (!doc) {
        const error = { code: expect.any(String), message: expect.any(String) };
        expect(model.openapi, model.endpoint_id).toEqual({ error });
        continue;
      }
      expect(doc.openapi, model.endpoint_id).toMatch(/^3\.0\./);
      type Post = { post?: { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } } };
      const post = doc.paths[`/${model.endpoint_id}`] as Post | undefined;
      const ref = post?.post?.requestBody?.content?.["application/json"]?.schema?.$ref ?? "";
      expect(doc.components?.schemas?.[ref.replace("#/components/schemas/", "")], model.endpoint_id).toBeDefined();
    }
  });

  it("every $ref of every document points at a component of that document", () => {
    const dangling: string[] = [];
    for (const model of snapshot.models) {
      const doc = documentOf(model);
      if (!doc) continue;
      for (const [, name] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
        if (!doc.components?.schemas?.[name ?? ""]) dangling.push(`${model.endpoint_id} → ${name}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it("holds only fal's video and image categories, active models, and no audio-driven, LoRA or trainer endpoints", () => {
    const categories = ["text-to-video", "image-to-video", "video-to-video", "text-to-image", "image-to-image"];
    for (const model of snapshot.models) {
      expect(categories).toContain(model.metadata?.category);
      expect(model.metadata?.status ?? "active").toBe("active");
    }
    expect(ids().filter((id) => /audio-to-video|trainer|\/lora$/.test(id))).toEqual([]);
  });

  it("has the families of the reference price file that fal-js knows, in the right categories", () => {
    const families: Record<string, string[]> = {
      "Veo 3.1": [
        "fal-ai/veo3.1",
        "fal-ai/veo3.1/image-to-video",
        "fal-ai/veo3.1/first-last-frame-to-video",
        "fal-ai/veo3.1/extend-video",
        "fal-ai/veo3.1/fast",
        "fal-ai/veo3.1/lite",
        "fal-ai/veo3.1/lite/image-to-video",
        "fal-ai/veo3.1/lite/first-last-frame-to-video",
      ],
      "Kling O3": [
        "fal-ai/kling-video/o3/standard/text-to-video",
        "fal-ai/kling-video/o3/pro/image-to-video",
        "fal-ai/kling-video/o3/standard/reference-to-video",
        "fal-ai/kling-video/o3/pro/reference-to-video",
        "fal-ai/kling-video/o3/pro/video-to-video/edit",
      ],
      "Wan 2.7": [
        "fal-ai/wan/v2.7/text-to-video",
        "fal-ai/wan/v2.7/image-to-video",
        "fal-ai/wan/v2.7/reference-to-video",
        "fal-ai/wan/v2.7/edit-video",
      ],
      "LTX 2.3": ["fal-ai/ltx-2.3/text-to-video", "fal-ai/ltx-2.3/image-to-video", "fal-ai/ltx-2.3/extend-video"],
      "Grok Imagine video": [
        "xai/grok-imagine-video/text-to-video",
        "xai/grok-imagine-video/image-to-video",
        "xai/grok-imagine-video/edit-video",
      ],
    };
    for (const [family, members] of Object.entries(families)) {
      expect(
        members.filter((id) => !ids().includes(id)),
        family,
      ).toEqual([]);
    }
    expect(categoryOf("fal-ai/veo3.1")).toBe("text-to-video");
    expect(categoryOf("fal-ai/veo3.1/first-last-frame-to-video")).toBe("image-to-video");
    expect(categoryOf("fal-ai/veo3.1/extend-video")).toBe("video-to-video");
    expect(categoryOf("fal-ai/kling-video/o3/pro/reference-to-video")).toBe("image-to-video");
    expect(categoryOf("fal-ai/wan/v2.7/reference-to-video")).toBe("video-to-video"); // takes reference videos
    expect(categoryOf("fal-ai/ltx-2.3/extend-video")).toBe("video-to-video");
  });

  it("prices carry their source and date; units as fal's Pricing API says them; nothing at $0", () => {
    expect(snapshot.prices.length).toBeGreaterThan(0);
    for (const price of snapshot.prices) {
      expect(price.source, price.endpoint_id).not.toBe("");
      expect(Date.parse(price.fetchedAt), price.endpoint_id).not.toBeNaN();
      expect(price.unit_price, price.endpoint_id).toBeGreaterThan(0);
      expect(price.currency).toBe("USD");
      if (snapshot.origin === "public-material")
        expect(price.source, price.endpoint_id).toMatch(
          /^fal's (model index of \d{4}-\d{2}-\d{2}|model page|pricing docs)$/,
        );
    }
    for (const part of [parts.video, parts.image]) {
      const priced = part.prices.map((p) => p.endpoint_id);
      expect(priced).toEqual([...priced].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it("has fal's text-to-image and image edit models (a list of images), so the image nodes have them offline", () => {
    const images = snapshot.models.filter((m) => /-to-image$/.test(m.metadata?.category ?? ""));
    expect(images.length).toBeGreaterThan(200);
    expect(categoryOf("fal-ai/flux/dev")).toBe("text-to-image");
    expect(categoryOf("fal-ai/nano-banana-2")).toBe("text-to-image");
    expect(categoryOf("fal-ai/bytedance/seedream/v4/text-to-image")).toBe("text-to-image");
    expect(categoryOf("fal-ai/imagen4/preview")).toBe("text-to-image");
    expect(categoryOf("fal-ai/nano-banana/edit")).toBe("image-to-image");
    expect(categoryOf("fal-ai/bytedance/seedream/v4/edit")).toBe("image-to-image");
    expect(categoryOf("fal-ai/flux-pro/kontext")).toBe("image-to-image");
    // Not for a prompted image node: an upscaler, an inpainter needing a mask, a LoRA variant.
    expect(categoryOf("clarityai/crystal-upscaler")).toBeUndefined();
    expect(categoryOf("fal-ai/flux-pro/v1/fill")).toBeUndefined();
    expect(categoryOf("fal-ai/flux-lora")).toBeUndefined();
  });

  it("prices only the curated image models (per image, from checked sources); every other image model has none", () => {
    if (snapshot.origin !== "public-material") return;
    expect(priceOf("fal-ai/flux/dev")).toMatchObject({
      unit: "image",
      unit_price: 0.025,
      source: "fal's pricing docs",
    });
    expect(priceOf("fal-ai/nano-banana/edit")).toMatchObject({ unit: "image", unit_price: 0.039 });
    expect(priceOf("fal-ai/nano-banana-2")).toMatchObject({
      unit_price: 0.08,
      tiers: { "0.5K": 0.06, "1K": 0.08, "2K": 0.12, "4K": 0.16 },
    });
    expect(priceOf("fal-ai/nano-banana-pro/edit")).toMatchObject({ unit_price: 0.15, tiers: { "4K": 0.3 } });
    const nano = ["fal-ai/nano-banana", "fal-ai/nano-banana-2", "fal-ai/nano-banana-pro"];
    const curated = new Set(["fal-ai/flux/dev", ...nano, ...nano.map((id) => `${id}/edit`)]);
    const pricedImages = snapshot.prices.filter((p) => /-to-image$/.test(categoryOf(p.endpoint_id) ?? ""));
    expect(new Set(pricedImages.map((p) => p.endpoint_id))).toEqual(curated);
    expect(priceOf("fal-ai/bytedance/seedream/v4/text-to-image")).toBeUndefined();
  });

  it("quotes the published figures of the reference file (public-material snapshot)", () => {
    if (snapshot.origin !== "public-material") return;
    // Audio-on rate at the default resolution, as fal answered for Veo 3.1; tiers by resolution.
    expect(priceOf("fal-ai/veo3.1")).toMatchObject({ unit: "seconds", unit_price: 0.4, tiers: { "4k": 0.6 } });
    expect(priceOf("fal-ai/veo3.1/lite")).toMatchObject({ unit_price: 0.05, tiers: { "720p": 0.05, "1080p": 0.08 } });
    expect(priceOf("fal-ai/wan/v2.7/text-to-video")).toMatchObject({ unit_price: 0.15 }); // its default is 1080p
    expect(priceOf("fal-ai/kling-video/o3/pro/video-to-video/edit")?.note).toMatch(/\$0\.168/);
    expect(priceOf("bytedance/seedance-2.0/text-to-video")).toMatchObject({ unit: "units", unit_price: 0.014 });
    expect(priceOf("luma/agent/ray/v3.2/text-to-video")).toMatchObject({ unit: "video segments" });
    expect(priceOf("fal-ai/veo3.1/fast/extend-video")?.source).toBe("fal's model page");
    expect(priceOf("fal-ai/veo3.1/fast")?.source).toBe("fal's model index of 2026-09-16");
  });

  it("is what catalog:from-fal-js makes today from fal-js and the published prices (regenerate it if not)", () => {
    if (snapshot.origin !== "public-material") return;
    const path = join(process.cwd(), FAL_JS_TYPES);
    const options = { falJsVersion: installedFalJsVersion(), madeAt: snapshot.madeAt };
    const fresh = splitSnapshot(snapshotFromFalJs(path, readFileSync(path, "utf8"), options));
    for (const part of ["video", "image"] as const) {
      expect(fresh[part].note).toBe(parts[part].note);
      expect(fresh[part].prices, part).toEqual(parts[part].prices);
      expect(fresh[part].models.length, part).toBe(parts[part].models.length);
      expect(JSON.stringify(fresh[part].models) === JSON.stringify(parts[part].models), part).toBe(true);
    }
  }, 60_000);
});

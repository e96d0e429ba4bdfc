import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PublishedPrice } from "../../src/adapters/catalogue/snapshot-prices";
import type { FalModel, OpenApiDocument } from "../../src/nodes/catalogue/fal-api";
import { snapshotFromFalJs } from "../../scripts/catalog-from-fal-js";
import { displayNameOf, schemaBaseName } from "../../scripts/catalog-openapi-doc";
import { splitSnapshot } from "../../scripts/catalog-snapshot-file";

// The converter from fal-js's endpoint types to fal-shaped models, on a hand-written miniature of endpoints.d.ts.
const FIXTURE = join(import.meta.dirname, "fixtures", "mini-endpoints.d.ts");
const PRICES: PublishedPrice[] = [
  {
    endpoints: ["fal-ai/mini/text-to-video"],
    unit: "seconds",
    tiers: { "720p": 0.1, "1080p": 0.15 },
    assumedTier: "720p",
    source: "P: test page",
    checked: "2026-11-25",
  },
  {
    endpoints: ["fal-ai/mini/image-to-video"],
    unit: "seconds",
    tiers: { "720p": 0.2, "1080p": 0.3 },
    assumedTier: "720p",
    source: "M: test index",
    checked: "2026-12-05",
  },
  {
    endpoints: ["fal-ai/mini/text-to-image"],
    unit: "image",
    rate: 0.025,
    source: "P: test pricing record",
    checked: "2026-12-05",
  },
  {
    endpoints: ["other/not-in-fal-js"],
    unit: "units",
    rate: 0.014,
    source: "P: test",
    checked: "2026-12-05",
    note: "tokens",
  },
];
const snapshot = snapshotFromFalJs(FIXTURE, readFileSync(FIXTURE, "utf8"), {
  falJsVersion: "9.9.9",
  madeAt: "2026-12-06",
  prices: PRICES,
});

const modelOf = (id: string): FalModel => {
  const model = snapshot.models.find((m) => m.endpoint_id === id);
  if (!model) throw new Error(`no model ${id}`);
  return model;
};
const documentOf = (id: string): OpenApiDocument => {
  const doc = modelOf(id).openapi;
  if (!doc || "error" in doc) throw new Error(`no document for ${id}`);
  return doc;
};
type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };
const schemaOf = (id: string, name: string): Schema => documentOf(id).components?.schemas?.[name] as Schema;

describe("catalog-from-fal-js on a miniature endpoints.d.ts", () => {
  it("keeps the video and image endpoints, sorted by id, each in its category; leaves out audio-driven ones", () => {
    expect(snapshot.models.map((m) => [m.endpoint_id, m.metadata?.category])).toEqual([
      ["fal-ai/mini/broken", "text-to-video"],
      ["fal-ai/mini/edit", "image-to-image"],
      ["fal-ai/mini/image-to-video", "image-to-video"],
      ["fal-ai/mini/text-to-image", "text-to-image"],
      ["fal-ai/mini/text-to-video", "text-to-video"],
      ["fal-ai/mini/video-to-video/edit", "video-to-video"],
    ]);
    expect(modelOf("fal-ai/mini/text-to-video").metadata).toEqual({
      display_name: "Mini Text to Video",
      category: "text-to-video",
      status: "active",
      model_url: "https://fal.ai/models/fal-ai/mini/text-to-video",
    });
    expect(snapshot).toMatchObject({ format: "reelflow/fal-catalogue", version: 1, origin: "public-material" });
    expect(snapshot.note).toContain("fal-js 9.9.9");
    expect(snapshot.note).toContain("checked 2026-11-25 and 2026-12-05");
  });

  it("writes a fal-shaped OpenAPI 3.0.4 document: POST /<id> takes <Name>Input, its result is <Name>Output", () => {
    const doc = documentOf("fal-ai/mini/text-to-video");
    expect(doc.openapi).toBe("3.0.4");
    expect(doc.info?.["x-fal-metadata"]).toMatchObject({
      endpointId: "fal-ai/mini/text-to-video",
      category: "text-to-video",
    });
    type Post = { post: { requestBody: { content: Record<string, unknown> } } };
    const post = doc.paths["/fal-ai/mini/text-to-video"] as Post;
    expect(post.post.requestBody.content["application/json"]).toEqual({
      schema: { $ref: "#/components/schemas/MiniTextToVideoInput" },
    });
    const result = doc.paths["/fal-ai/mini/text-to-video/requests/{request_id}"] as {
      get: { responses: Record<string, { content: Record<string, unknown> }> };
    };
    expect(result.get.responses["200"]?.content["application/json"]).toEqual({
      schema: { $ref: "#/components/schemas/MiniTextToVideoOutput" },
    });
  });

  it("converts enums (string, integer), defaults, nullable, arrays, unions with an object, required, order", () => {
    const input = schemaOf("fal-ai/mini/text-to-video", "MiniTextToVideoInput");
    const p = input.properties ?? {};
    expect(p.aspect_ratio).toEqual({
      title: "Aspect Ratio",
      type: "string",
      enum: ["16:9", "9:16", "1:1"],
      description: "The aspect ratio of the generated video.",
      default: "16:9",
    });
    expect(p.duration).toMatchObject({ type: "integer", enum: [5, 10], default: 5 });
    expect(p.guidance).toMatchObject({ type: "number", enum: [0.5, 1.5], default: 0.5 });
    expect(p.generate_audio).toMatchObject({ type: "boolean", default: true });
    expect(p.seed).toMatchObject({ anyOf: [{ type: "number" }, { type: "null" }] });
    expect(p.seed).not.toHaveProperty("default");
    expect(p.tags).toMatchObject({ type: "array", items: { type: "string" }, default: ["calm"] });
    // A bare word default (fal-js writes some without quotes) and a number given to a string enum.
    expect(p.image_size).toMatchObject({
      anyOf: [{ $ref: "#/components/schemas/ImageSize" }, { type: "string", enum: ["square_hd", "landscape_16_9"] }],
      default: "square_hd",
    });
    expect(p.safety_tolerance).toMatchObject({ enum: ["1", "2", "3", "4"], default: "4" });
    // JSDoc that mentions "@Image1" is description, not a tag.
    expect(p.prompt?.description).toBe("The prompt. Mention references as @Image1, @Image2.");
    expect(input.required).toEqual(["prompt"]);
    expect((input["x-fal-order-properties"] as string[])[0]).toBe("prompt");
    expect(schemaOf("fal-ai/mini/text-to-video", "ImageSize").properties?.height).toMatchObject({ default: 512 });
  });

  it("makes file fields plain URL strings and referenced object types components (the output's File)", () => {
    const input = schemaOf("fal-ai/mini/image-to-video", "MiniImageToVideoInput");
    expect(input.properties?.image_url).toEqual({
      title: "Image Url",
      type: "string",
      description: "The first frame.",
    });
    expect(input.properties?.end_image_url).toMatchObject({ type: "string" });
    expect(input.required).toEqual(["image_url", "prompt"]);
    const output = schemaOf("fal-ai/mini/image-to-video", "MiniImageToVideoOutput");
    expect(output.properties?.video).toEqual({
      title: "Video",
      $ref: "#/components/schemas/File",
      description: "The generated video",
    });
    expect(schemaOf("fal-ai/mini/image-to-video", "File")).toMatchObject({
      type: "object",
      properties: { url: { type: "string" }, content_type: { type: "string" } },
      required: ["url"],
    });
  });

  it("keeps image models a Text-to-Image or Image Edit node can run: prompted, every file a picture, no LoRA", () => {
    // Left out: an upscaler (no prompt), an inpainter (needs a mask no port fills), a LoRA variant.
    const ids = snapshot.models.map((m) => m.endpoint_id);
    expect(ids).not.toContain("fal-ai/mini/upscale");
    expect(ids).not.toContain("fal-ai/mini/inpaint");
    expect(ids).not.toContain("fal-ai/mini-lora");
    expect(documentOf("fal-ai/mini/edit").info?.["x-fal-metadata"]).toMatchObject({ category: "image-to-image" });
    const edit = schemaOf("fal-ai/mini/edit", "MiniEditInput");
    expect(edit.properties?.image_urls).toMatchObject({ type: "array", items: { type: "string" } });
    expect(edit.required).toEqual(["image_urls", "prompt"]);
    const output = schemaOf("fal-ai/mini/text-to-image", "MiniTextToImageOutput");
    expect(output.properties?.images).toMatchObject({ type: "array", items: { $ref: "#/components/schemas/File" } });
  });

  it("sets an error record, not a document, where a type cannot be converted", () => {
    expect(modelOf("fal-ai/mini/broken").openapi).toEqual({
      error: { code: "unconvertible_type", message: expect.stringContaining("fal-ai/mini/broken") },
    });
  });

  it("invents no bounds (fal-js has none)", () => {
    const text = JSON.stringify(snapshot.models);
    expect(text).not.toMatch(/"(minimum|maximum|exclusiveMinimum|minLength|maxLength)"/);
  });

  it("prices each published endpoint at its model's default resolution, else the assumed tier, with source", () => {
    expect(snapshot.prices).toEqual([
      {
        endpoint_id: "fal-ai/mini/image-to-video",
        unit: "seconds",
        currency: "USD",
        source: "M: test index",
        fetchedAt: "2026-12-05",
        unit_price: 0.2,
        tiers: { "720p": 0.2, "1080p": 0.3 },
        note: "Quoted at 720p: the model's default resolution is not known.",
      },
      {
        endpoint_id: "fal-ai/mini/text-to-image",
        unit: "image",
        currency: "USD",
        source: "P: test pricing record",
        fetchedAt: "2026-12-05",
        unit_price: 0.025,
      },
      {
        endpoint_id: "fal-ai/mini/text-to-video",
        unit: "seconds",
        currency: "USD",
        source: "P: test page",
        fetchedAt: "2026-11-25",
        unit_price: 0.15,
        tiers: { "720p": 0.1, "1080p": 0.15 },
      },
      {
        endpoint_id: "other/not-in-fal-js",
        unit: "units",
        currency: "USD",
        source: "P: test",
        fetchedAt: "2026-12-05",
        unit_price: 0.014,
        note: "tokens",
      },
    ]);
  });

  it("names components and models from the id the way fal does", () => {
    expect(schemaBaseName("fal-ai/kling-video/v2.1/standard/image-to-video")).toBe("KlingVideoV21StandardImageToVideo");
    expect(schemaBaseName("fal-ai/veo3.1/lite")).toBe("Veo31Lite");
    expect(displayNameOf("fal-ai/veo3.1/lite/first-last-frame-to-video")).toBe("Veo3.1 Lite First Last Frame to Video");
  });
});

describe("the snapshot written as two files", () => {
  it("video models (and prices of no model) in one, image models in the other, under the same envelope", () => {
    const { video, image } = splitSnapshot(snapshot);
    const ids = (s: { models: readonly FalModel[] }) => s.models.map((m) => m.endpoint_id);
    expect(ids(video)).toEqual([
      "fal-ai/mini/broken",
      "fal-ai/mini/image-to-video",
      "fal-ai/mini/text-to-video",
      "fal-ai/mini/video-to-video/edit",
    ]);
    expect(ids(image)).toEqual(["fal-ai/mini/edit", "fal-ai/mini/text-to-image"]);
    expect(image.prices.map((p) => p.endpoint_id)).toEqual(["fal-ai/mini/text-to-image"]);
    expect([...video.prices, ...image.prices].map((p) => p.endpoint_id).sort()).toEqual(
      snapshot.prices.map((p) => p.endpoint_id).sort(),
    );
    for (const part of [video, image]) {
      const { models: _m, prices: _p, ...envelope } = part;
      const { models: _wm, prices: _wp, ...whole } = snapshot;
      expect(envelope).toEqual(whole);
    }
  });
});

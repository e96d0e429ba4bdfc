import type { CatalogueSnapshot, FalModel, FalPrice, PriceFact } from "../../../src/nodes/catalogue/fal-api";

/**
 * Small fal records shaped like the Model API's answers (an OpenAPI 3.0.4 document per model, `$ref`s into
 * `components.schemas`, `x-fal-order-properties`), enough for the real schema adapter to derive a node.
 */

type Category = "text-to-video" | "image-to-video" | "video-to-video" | "text-to-image";

const INPUT_BY_CATEGORY: Record<Category, { properties: Record<string, unknown>; required: string[] }> = {
  "text-to-video": {
    properties: {
      prompt: { type: "string", title: "Prompt" },
      duration: { type: "string", enum: ["5", "10"], default: "5", title: "Duration" },
    },
    required: ["prompt"],
  },
  "image-to-video": {
    properties: {
      prompt: { type: "string", title: "Prompt" },
      image_url: { type: "string", title: "Image Url" },
      duration: { type: "integer", enum: [4, 6, 8], default: 6, title: "Duration" },
    },
    required: ["prompt", "image_url"],
  },
  "video-to-video": {
    properties: {
      prompt: { type: "string", title: "Prompt" },
      video_url: { type: "string", title: "Video Url" },
    },
    required: ["prompt", "video_url"],
  },
  "text-to-image": {
    properties: { prompt: { type: "string", title: "Prompt" } },
    required: ["prompt"],
  },
};

/** A video model answers one `video` file; an image model a list of `images`. */
function outputOf(category: Category) {
  if (category !== "text-to-image") {
    return { properties: { video: { $ref: "#/components/schemas/File" } }, required: ["video"] };
  }
  const images = { type: "array", items: { $ref: "#/components/schemas/File" } };
  return { properties: { images }, required: ["images"] };
}

export function falModel(id: string, name: string, category: Category = "text-to-video", status = "active"): FalModel {
  const input = INPUT_BY_CATEGORY[category];
  const json = (ref: string) => ({
    content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
  });
  return {
    endpoint_id: id,
    metadata: { display_name: name, category, status, model_url: `https://fal.run/${id}` },
    openapi: {
      openapi: "3.0.4",
      info: { title: name, version: "1.0.0", "x-fal-metadata": { endpointId: id, category } },
      paths: {
        [`/${id}`]: { post: { requestBody: { required: true, ...json("Input") } } },
        [`/${id}/requests/{request_id}`]: {
          get: { responses: { "200": { description: "Result", ...json("Output") } } },
        },
      },
      components: {
        schemas: {
          Input: { type: "object", ...input, "x-fal-order-properties": Object.keys(input.properties) },
          Output: { type: "object", ...outputOf(category), "x-fal-order-properties": outputOf(category).required },
          File: {
            type: "object",
            properties: { url: { type: "string" }, content_type: { type: "string" } },
            required: ["url"],
          },
        },
      },
    },
  };
}

/** A model fal could not make a document for (its `openapi` is an error record). */
export const modelWithoutDocument = (id: string, name: string): FalModel => ({
  endpoint_id: id,
  metadata: { display_name: name, category: "text-to-video", status: "active" },
  openapi: { error: { code: "expansion_failed", message: "schema generation failed" } },
});

export const falPrice = (id: string, unitPrice: number, unit = "seconds"): FalPrice => ({
  endpoint_id: id,
  unit_price: unitPrice,
  unit,
  currency: "USD",
});

export const priceFact = (id: string, unitPrice: number, fetchedAt: string, source = "fal model page"): PriceFact => ({
  ...falPrice(id, unitPrice),
  source,
  fetchedAt,
});

export function snapshotOf(models: FalModel[], prices: PriceFact[], madeAt = "2026-12-06"): CatalogueSnapshot {
  return {
    format: "reelflow/fal-catalogue",
    version: 1,
    madeAt,
    origin: "public-material",
    note: "test snapshot",
    models,
    prices,
  };
}

/** Endpoint ids no curated adapter has. */
export const WAN = "fal-ai/wan/v2.7/text-to-video";
export const LTX = "lightricks/ltx-2.3/text-to-video";
export const MINIMAX = "minimax/h3/image-to-video";
export const HAPPY = "alibaba/happy-horse/video-edit";

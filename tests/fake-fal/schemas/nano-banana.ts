import type { EndpointSchema, FieldRule } from "./types";

// Written from fal's client types (fal-ai/fal-js libs/client/src/types/endpoints.ts, as shipped in
// @fal-ai/client 1.10.1: NanoBananaInput, NanoBananaEditInput, NanoBanana2Input, NanoBanana2EditInput,
// NanoBananaProInput, NanoBananaProEditInput), not from src/nodes. Every one answers NanoBananaOutput
// `{ images: ImageFile[], description }`; an edit takes `image_urls`, a list of strings.

const RATIOS = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"];
const prompt: FieldRule = { type: "string", required: true };
const imageUrls: FieldRule = { type: "string-list", required: true, minItems: 1 };
const numImages: FieldRule = { type: "integer", required: false, min: 1, default: 1 };
const outputFormat: FieldRule = { type: "string", required: false, enum: ["jpeg", "png", "webp"], default: "png" };
const safety: FieldRule = { type: "string", required: false, enum: ["1", "2", "3", "4", "5", "6"], default: "4" };
const seed: FieldRule = { type: "integer", required: false };
const syncMode: FieldRule = { type: "boolean", required: false, default: false };
const limitGenerations: FieldRule = { type: "boolean", required: false };
const webSearch: FieldRule = { type: "boolean", required: false, default: false };

const common = {
  prompt,
  num_images: numImages,
  output_format: outputFormat,
  safety_tolerance: safety,
  seed,
  sync_mode: syncMode,
  limit_generations: limitGenerations,
};
const v1Fields = (aspect: FieldRule) => ({ ...common, aspect_ratio: aspect });
const nb2Fields = {
  ...common,
  aspect_ratio: {
    type: "string",
    required: false,
    enum: ["auto", ...RATIOS, "4:1", "1:4", "8:1", "1:8"],
    default: "auto",
  } satisfies FieldRule,
  resolution: { type: "string", required: false, enum: ["0.5K", "1K", "2K", "4K"], default: "1K" } satisfies FieldRule,
  enable_web_search: webSearch,
  thinking_level: { type: "string", required: false, enum: ["minimal", "high"] } satisfies FieldRule,
};
const proFields = {
  ...common,
  aspect_ratio: { type: "string", required: false, enum: ["auto", ...RATIOS], default: "auto" } satisfies FieldRule,
  resolution: { type: "string", required: false, enum: ["1K", "2K", "4K"], default: "1K" } satisfies FieldRule,
  enable_web_search: webSearch,
};

export const nanoBananaSchemas: readonly EndpointSchema[] = [
  {
    endpoint: "fal-ai/nano-banana",
    output: "images",
    fields: v1Fields({ type: "string", required: false, enum: RATIOS, default: "1:1" }),
  },
  {
    endpoint: "fal-ai/nano-banana/edit",
    output: "images",
    fields: {
      ...v1Fields({ type: "string", required: false, enum: ["auto", ...RATIOS], default: "auto" }),
      image_urls: imageUrls,
    },
  },
  { endpoint: "fal-ai/nano-banana-2", output: "images", fields: nb2Fields },
  { endpoint: "fal-ai/nano-banana-2/edit", output: "images", fields: { ...nb2Fields, image_urls: imageUrls } },
  { endpoint: "fal-ai/nano-banana-pro", output: "images", fields: proFields },
  { endpoint: "fal-ai/nano-banana-pro/edit", output: "images", fields: { ...proFields, image_urls: imageUrls } },
];

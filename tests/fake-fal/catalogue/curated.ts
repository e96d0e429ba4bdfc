/**
 * The endpoints Reelflow has curated adapters for, as fal's Model and Pricing APIs list them: their documents are
 * made from the fake's own hand-written schemas (../schemas, the ones submits are validated against), so the
 * served document and the fake's validation always agree. Sora 2 was retired upstream: status "deprecated".
 * Prices are the rate fal answers (one per endpoint; Veo 3.1 and Kling O3 the audio-on rate, Seedance 2.0 per
 * 1,000 tokens) from ../shared/reference/fal-video-prices.md; the Sora remix has none listed, so no row.
 */
import { endpointSchemas, type EndpointSchema, type FieldRule } from "../schemas/index";
import { catalogueEntry, type CatalogueEntry } from "./entry";
import { integer, listOf, orNull, ref, text, videoOut, type JsonSchema, type ObjectSpec } from "./openapi";

interface Listing {
  name: string;
  category: "text-to-video" | "image-to-video" | "video-to-video" | "text-to-image" | "image-to-image";
  price?: { unitPrice: number; unit: "seconds" | "units" | "image" };
}

const T2V = "text-to-video";
const I2V = "image-to-video";
const V2V = "video-to-video";
/** Per second of output; `tokens`: Seedance's unit, per 1,000 tokens. */
const listed = (name: string, category: Listing["category"], perSecond?: number, tokens?: number): Listing => ({
  name,
  category,
  ...(perSecond !== undefined ? { price: { unitPrice: perSecond, unit: "seconds" } } : {}),
  ...(tokens !== undefined ? { price: { unitPrice: tokens, unit: "units" } } : {}),
});

const LISTINGS: Record<string, Listing> = {
  "fal-ai/sora-2/text-to-video": listed("Sora 2 Text to Video", T2V, 0.1),
  "fal-ai/sora-2/text-to-video/pro": listed("Sora 2 Pro Text to Video", T2V, 0.3),
  "fal-ai/sora-2/image-to-video": listed("Sora 2 Image to Video", I2V, 0.1),
  "fal-ai/sora-2/image-to-video/pro": listed("Sora 2 Pro Image to Video", I2V, 0.3),
  "fal-ai/sora-2/video-to-video/remix": listed("Sora 2 Remix", V2V),
  "fal-ai/veo3.1": listed("Veo 3.1", T2V, 0.4),
  "fal-ai/veo3.1/fast": listed("Veo 3.1 Fast", T2V, 0.15),
  "fal-ai/veo3.1/image-to-video": listed("Veo 3.1 Image to Video", I2V, 0.4),
  "fal-ai/veo3.1/fast/image-to-video": listed("Veo 3.1 Fast Image to Video", I2V, 0.15),
  "fal-ai/veo3.1/extend-video": listed("Veo 3.1 Extend Video", V2V, 0.4),
  "fal-ai/kling-video/o3/standard/text-to-video": listed("Kling O3 Standard Text to Video", T2V, 0.112),
  "fal-ai/kling-video/o3/pro/text-to-video": listed("Kling O3 Pro Text to Video", T2V, 0.14),
  "fal-ai/kling-video/o3/standard/image-to-video": listed("Kling O3 Standard Image to Video", I2V, 0.112),
  "fal-ai/kling-video/o3/pro/image-to-video": listed("Kling O3 Pro Image to Video", I2V, 0.14),
  "fal-ai/kling-video/o3/standard/video-to-video/edit": listed("Kling O3 Standard Video Edit", V2V, 0.126),
  "fal-ai/kling-video/o3/pro/video-to-video/edit": listed("Kling O3 Pro Video Edit", V2V, 0.168),
  "bytedance/seedance-2.0/text-to-video": listed("Seedance 2.0 Text to Video", T2V, undefined, 0.014),
  "bytedance/seedance-2.0/fast/text-to-video": listed("Seedance 2.0 Fast Text to Video", T2V, undefined, 0.0112),
  "bytedance/seedance-2.0/image-to-video": listed("Seedance 2.0 Image to Video", I2V, undefined, 0.014),
  // Image models (issue 19): per image, at 1K, from fal's model index as Reelflow's tables have it.
  "fal-ai/nano-banana": perImage("Nano Banana", "text-to-image", 0.039),
  "fal-ai/nano-banana/edit": perImage("Nano Banana Edit", "image-to-image", 0.039),
  "fal-ai/nano-banana-2": perImage("Nano Banana 2", "text-to-image", 0.08),
  "fal-ai/nano-banana-2/edit": perImage("Nano Banana 2 Edit", "image-to-image", 0.08),
  "fal-ai/nano-banana-pro": perImage("Nano Banana Pro", "text-to-image", 0.15),
  "fal-ai/nano-banana-pro/edit": perImage("Nano Banana Pro Edit", "image-to-image", 0.15),
};

function perImage(name: string, category: Listing["category"], usd: number): Listing {
  return { name, category, price: { unitPrice: usd, unit: "image" } };
}

function propertyOf(rule: FieldRule): JsonSchema {
  const fallback = "default" in rule && rule.default !== undefined ? { default: rule.default } : {};
  switch (rule.type) {
    case "string":
      return { type: "string", ...(rule.enum ? { enum: [...rule.enum] } : {}), ...fallback };
    case "number-enum":
      return { type: "integer", enum: [...rule.enum], ...fallback };
    case "boolean":
      return { type: "boolean", ...fallback };
    case "integer":
      return {
        type: "integer",
        ...(rule.min !== undefined ? { minimum: rule.min } : {}),
        ...(rule.max !== undefined ? { maximum: rule.max } : {}),
        ...fallback,
      };
    case "string-list":
      return {
        type: "array",
        items: { type: "string" },
        ...(rule.minItems !== undefined ? { minItems: rule.minItems } : {}),
      };
    default: {
      const _: never = rule;
      return _;
    }
  }
}

function outputOf(schema: EndpointSchema): ObjectSpec {
  switch (schema.output) {
    case "sora-video":
      return {
        title: "VideoOutput",
        properties: {
          video: videoOut("VideoFile", "The generated video"),
          video_id: text("The ID of the generated video"),
          thumbnail: orNull({ ...ref("File"), description: "Thumbnail image for the video" }),
          spritesheet: orNull({ ...ref("File"), description: "Spritesheet image for the video" }),
        },
        required: ["video", "video_id"],
      };
    case "video":
      return {
        title: "VideoOutput",
        properties: { video: videoOut("File", "The generated video") },
        required: ["video"],
      };
    case "video-with-seed":
      return {
        title: "VideoOutput",
        properties: { video: videoOut("File", "The generated video"), seed: integer("The seed used for generation") },
        required: ["video", "seed"],
      };
    case "images":
      return {
        title: "ImagesOutput",
        properties: {
          images: listOf(ref("Image"), "The generated images"),
          description: text("The description of the generated images"),
        },
        required: ["images", "description"],
      };
    default: {
      const _: never = schema.output;
      return _;
    }
  }
}

function curatedEntry(schema: EndpointSchema, listing: Listing): CatalogueEntry {
  const properties = Object.fromEntries(Object.entries(schema.fields).map(([name, rule]) => [name, propertyOf(rule)]));
  const required = Object.entries(schema.fields)
    .filter(([, rule]) => rule.required)
    .map(([name]) => name);
  const retired = schema.endpoint.startsWith("fal-ai/sora-2/");
  return catalogueEntry({
    endpointId: schema.endpoint,
    displayName: listing.name,
    category: listing.category,
    description: `${listing.name} on fal.`,
    status: retired ? "deprecated" : "active",
    date: retired ? "2025-10-06T00:00:00Z" : "2026-01-15T00:00:00Z",
    document: { input: { title: "Input", properties, required }, output: outputOf(schema) },
    ...(listing.price ? { price: listing.price } : {}),
  });
}

export const curatedEntries: readonly CatalogueEntry[] = Object.values(endpointSchemas).map((schema) => {
  const listing = LISTINGS[schema.endpoint];
  if (!listing) throw new Error(`fake fal: no catalogue listing for ${schema.endpoint}`);
  return curatedEntry(schema, listing);
});

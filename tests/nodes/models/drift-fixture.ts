import type { CatalogueSnapshot, FalModel, PriceFact } from "../../../src/nodes/catalogue/fal-api";

/**
 * A small catalogue in the shape fal's Model and Pricing APIs answer (OpenAPI 3.0 documents with `$ref`ed input
 * schemas, `anyOf [X, null]` for optional fields, `x-fal-order-properties`), written by hand from fal-js
 * `endpoints.ts` (commit 381105e) and the published prices, for the curated drift test to run on before the
 * bundled snapshot exists and to be mutated by the tests that show each kind of finding.
 */

type Schema = Record<string, unknown>;
const optional = (schema: Schema, extra: Schema = {}): Schema => ({ anyOf: [schema, { type: "null" }], ...extra });

function document(
  endpoint: string,
  name: string,
  category: string,
  properties: Record<string, Schema>,
  required: string[],
): FalModel {
  return {
    endpoint_id: endpoint,
    metadata: { display_name: name, category, status: "active" },
    openapi: {
      openapi: "3.0.4",
      info: { title: name, version: "1.0.0", "x-fal-metadata": { endpointId: endpoint, category } },
      paths: {
        [`/${endpoint}`]: {
          post: {
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Input` } } },
            },
            responses: {
              "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/QueueStatus" } } } },
            },
          },
        },
        [`/${endpoint}/requests/{request_id}`]: {
          get: {
            responses: {
              "200": { content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Output` } } } },
            },
          },
        },
      },
      components: {
        schemas: {
          [`${name}Input`]: {
            type: "object",
            title: `${name}Input`,
            properties,
            required,
            "x-fal-order-properties": Object.keys(properties),
          },
          [`${name}Output`]: {
            type: "object",
            properties: { video: { $ref: "#/components/schemas/File" } },
            required: ["video"],
          },
          File: {
            type: "object",
            properties: { url: { type: "string" }, content_type: optional({ type: "string" }) },
            required: ["url"],
          },
          QueueStatus: { type: "object", properties: { status: { type: "string" }, request_id: { type: "string" } } },
        },
      },
    },
  };
}

const veoFast = (): FalModel =>
  document(
    "fal-ai/veo3.1/fast",
    "Veo31Fast",
    "text-to-video",
    {
      prompt: { type: "string", title: "Prompt" },
      aspect_ratio: { type: "string", enum: ["16:9", "9:16"], default: "16:9" },
      duration: { type: "string", enum: ["4s", "6s", "8s"], default: "8s" },
      resolution: { type: "string", enum: ["720p", "1080p", "4k"], default: "720p" },
      generate_audio: { type: "boolean", default: true },
      negative_prompt: optional({ type: "string" }),
      seed: optional({ type: "integer" }),
      auto_fix: { type: "boolean", default: true },
      safety_tolerance: { type: "string", enum: ["1", "2", "3", "4", "5", "6"], default: "4" },
    },
    ["prompt"],
  );

const klingT2v = (): FalModel =>
  document(
    "fal-ai/kling-video/o3/standard/text-to-video",
    "KlingVideoO3StandardTextToVideo",
    "text-to-video",
    {
      prompt: { type: "string" },
      multi_prompt: optional({ type: "array", items: { type: "object" } }),
      duration: {
        type: "string",
        enum: ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"],
        default: "5",
      },
      aspect_ratio: { type: "string", enum: ["16:9", "9:16", "1:1"], default: "16:9" },
      generate_audio: { type: "boolean" },
      shot_type: { type: "string", default: "customize" },
    },
    [],
  );

const klingProEdit = (): FalModel =>
  document(
    "fal-ai/kling-video/o3/pro/video-to-video/edit",
    "KlingVideoO3ProVideoToVideoEdit",
    "video-to-video",
    {
      prompt: { type: "string" },
      video_url: { type: "string" },
      keep_audio: { type: "boolean", default: true },
      shot_type: { type: "string", default: "customize" },
    },
    ["prompt", "video_url"],
  );

const price = (endpoint_id: string, unit_price: number, over: Partial<PriceFact> = {}): PriceFact => ({
  endpoint_id,
  unit_price,
  unit: "seconds",
  currency: "USD",
  source: "fixture: published price",
  fetchedAt: "2026-12-05",
  ...over,
});

/** Agrees with the curated adapters in every compared field and price: its drift findings are none. Fresh each call. */
export function driftFixture(): CatalogueSnapshot {
  return {
    format: "reelflow/fal-catalogue",
    version: 1,
    madeAt: "2026-12-05",
    origin: "public-material",
    note: "test fixture",
    models: [veoFast(), klingT2v(), klingProEdit()],
    prices: [
      price("fal-ai/veo3.1/fast", 0.15, { tiers: { "720p": 0.15, "1080p": 0.15, "4k": 0.35 } }),
      price("fal-ai/kling-video/o3/standard/text-to-video", 0.112),
      // One of the edit's two published figures: the live price decides between them, so no drift.
      price("fal-ai/kling-video/o3/pro/video-to-video/edit", 0.168),
      price("bytedance/seedance-2.0/text-to-video", 0.014, { unit: "units" }),
    ],
  };
}

/** The input schema of a fixture model, to change in a test. */
export function inputSchemaOf(model: FalModel): { properties: Record<string, Schema>; required: string[] } {
  const doc = model.openapi as {
    components: { schemas: Record<string, { properties: Record<string, Schema>; required: string[] }> };
  };
  const name = Object.keys(doc.components.schemas).find((n) => n.endsWith("Input"));
  if (!name) throw new Error(`no input schema in ${model.endpoint_id}`);
  return doc.components.schemas[name] as { properties: Record<string, Schema>; required: string[] };
}

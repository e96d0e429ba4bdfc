import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FalModel, PriceFact } from "../../../src/nodes/catalogue/fal-api";
import { adapterFromFalModel } from "../../../src/nodes/catalogue/schema-adapter";
import type { BuildContext, ModelAdapter, PortValues } from "../../../src/nodes/types";

/**
 * Models as fal's Model API answers them with `expand=openapi-3.0` (tests/fixtures/openapi), written from the
 * field names, enums and defaults of fal-js's endpoint types in fal's document shape, not from the adapter code.
 */
export const FIXTURES = {
  wanTextToVideo: "wan-v2.7-text-to-video.json",
  veoLiteImageToVideo: "veo3.1-lite-image-to-video.json",
  veoFirstLastFrame: "veo3.1-fast-first-last-frame-to-video.json",
  klingReference: "kling-video-o3-standard-reference-to-video.json",
  ltxExtend: "ltx-2.3-extend-video.json",
  wanEdit: "wan-v2.7-edit-video.json",
  wanTextToImage: "wan-v2.7-text-to-image.json",
  errorRecord: "error-record.json",
} as const;

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "openapi");

/** A fresh copy each time, so a test may change it. */
export function falModel(name: keyof typeof FIXTURES): FalModel {
  return JSON.parse(readFileSync(join(DIR, FIXTURES[name]), "utf8")) as FalModel;
}

/** The input schema object of a fixture's submit path, to change in a test. */
type EditableSchema = { properties: Record<string, Record<string, unknown>>; required: string[] };

export function inputSchemaOf(model: FalModel): EditableSchema {
  const doc = model.openapi as { components: { schemas: Record<string, unknown> } };
  const name = Object.keys(doc.components.schemas).find((n) => n.endsWith("Input"));
  if (!name) throw new Error(`${model.endpoint_id} fixture has no input schema`);
  return doc.components.schemas[name] as EditableSchema;
}

export function livePrice(
  endpoint: string,
  unit: string,
  unitPrice: number,
  tiers?: Record<string, number>,
): PriceFact {
  const fact: PriceFact = {
    endpoint_id: endpoint,
    unit,
    unit_price: unitPrice,
    currency: "USD",
    source: "fal pricing API",
    fetchedAt: "2026-12-06T09:30:00.000Z",
  };
  if (tiers) fact.tiers = tiers;
  return fact;
}

/** The adapter of a fixture, or the test fails with fal's refusal. */
export function adapterOf(
  name: keyof typeof FIXTURES | FalModel,
  price?: PriceFact,
  from: "snapshot" | "live" = "live",
): ModelAdapter {
  const model = typeof name === "string" ? falModel(name) : name;
  const built = adapterFromFalModel(model, price, from, "2026-12-06");
  if (!built.ok) throw new Error(`expected an adapter for ${model.endpoint_id}: ${built.reason}`);
  return built.adapter;
}

export const CTX: BuildContext = { feedsRemix: false };

export const ALL_PORTS: PortValues = {
  prompt: "A red fox runs through fresh snow at dawn",
  image: { url: "https://example.com/first.png" },
  endImage: { url: "https://example.com/last.png" },
  images: [{ url: "https://example.com/ref-1.png" }, { url: "https://example.com/ref-2.png" }],
  video: { url: "https://example.com/source.mp4", durationSec: 6 },
};

import type { PublishedPrice } from "../src/adapters/catalogue/snapshot-prices";
import type { FalModel, PriceFact } from "../src/nodes/catalogue/fal-api";
import { compareIds } from "./catalog-fal-js-endpoints";

/**
 * Turns the published price rows into one PriceFact per endpoint. A tiered row quotes, as its `unit_price`,
 * the rate at the model's default resolution (read from the model's own schema in the snapshot), since that is
 * the figure a request without a `resolution` pays; without one it quotes the row's `assumedTier` and says so.
 */
export function priceFactsOf(rows: readonly PublishedPrice[], models: readonly FalModel[]): PriceFact[] {
  const byId = new Map(models.map((model) => [model.endpoint_id, model]));
  const facts = rows.flatMap((row) => row.endpoints.map((id) => factOf(row, id, byId.get(id))));
  const seen = new Set<string>();
  for (const fact of facts) {
    if (seen.has(fact.endpoint_id)) throw new Error(`Two published prices for ${fact.endpoint_id}: keep one row.`);
    seen.add(fact.endpoint_id);
  }
  return facts.sort((a, b) => compareIds(a.endpoint_id, b.endpoint_id));
}

function factOf(row: PublishedPrice, endpointId: string, model: FalModel | undefined): PriceFact {
  const base = { endpoint_id: endpointId, unit: row.unit, currency: "USD", source: row.source, fetchedAt: row.checked };
  if ("rate" in row) return withNote({ ...base, unit_price: row.rate }, row.note);
  const schemaDefault = defaultResolutionOf(model);
  const quoted = schemaDefault !== undefined && schemaDefault in row.tiers ? schemaDefault : row.assumedTier;
  const rate = row.tiers[quoted];
  if (rate === undefined) throw new Error(`The price row of ${endpointId} has no ${quoted} tier.`);
  const assumed =
    quoted === schemaDefault ? undefined : `Quoted at ${quoted}: the model's default resolution is not known.`;
  const note = [row.note, assumed].filter(Boolean).join(" ");
  return withNote({ ...base, unit_price: rate, tiers: row.tiers }, note);
}

function withNote(fact: PriceFact, note: string | undefined): PriceFact {
  return note ? { ...fact, note } : fact;
}

/** The `default` of the `resolution` field of a model's input schema, when its document says one. */
export function defaultResolutionOf(model: FalModel | undefined): string | undefined {
  const value = model ? inputSchemaOf(model)?.properties?.resolution?.default : undefined;
  return typeof value === "string" ? value : undefined;
}

interface InputSchema {
  properties?: Record<string, { default?: unknown }>;
}

/** The schema the document's `POST /<id>` takes, found through its `$ref` as fal writes it. */
function inputSchemaOf(model: FalModel): InputSchema | undefined {
  const doc = model.openapi;
  if (!doc || "error" in doc) return undefined;
  type Post = { post?: { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } } };
  const post = (doc.paths[`/${model.endpoint_id}`] as Post | undefined)?.post;
  const ref = post?.requestBody?.content?.["application/json"]?.schema?.$ref;
  const name = ref?.replace("#/components/schemas/", "");
  return name ? (doc.components?.schemas?.[name] as InputSchema | undefined) : undefined;
}

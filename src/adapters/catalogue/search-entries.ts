import { endpointId, type EndpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import type { PriceFact } from "../../nodes/catalogue/fal-api";
import { categoryOf } from "../../nodes/catalogue/openapi";
import type { ModelAdapter, ModelOrigin, Params } from "../../nodes/types";
import { dayOf, type ModelRecord } from "./records";

/**
 * The rows of the model picker and of `reelflow models`: curated models first, then the models read from fal's
 * schemas (bundled snapshot and live answers). Each row keeps a lowercase search string made once, so a
 * keystroke over 500 models is a few hundred `includes` calls.
 */
export interface CatalogueEntry {
  endpoint: EndpointId;
  name: string;
  kind: GenerationKind;
  /** fal's category ("text-to-video", "image-to-video", "video-to-video"). */
  category: string;
  curated: boolean;
  origin: ModelOrigin;
  /** At the model's default settings; null when unknown or not counted per second (see `priceBasis`). */
  pricePerSecondUsd: number | null;
  priceBasis: string;
  deprecated: boolean;
}

export interface CatalogueQuery {
  kind?: GenerationKind;
  category?: string;
  query?: string;
}

export interface IndexedEntry {
  entry: CatalogueEntry;
  /** Lowercase endpoint id and name. */
  haystack: string;
}

const CATEGORY_OF_KIND: Readonly<Record<GenerationKind, string>> = {
  "text-to-video": "text-to-video",
  "image-to-video": "image-to-video",
  remix: "video-to-video",
  "text-to-image": "text-to-image",
  "image-edit": "image-to-image",
};

export const indexEntry = (entry: CatalogueEntry): IndexedEntry => ({
  entry,
  haystack: `${entry.endpoint} ${entry.name}`.toLowerCase(),
});

export function curatedEntry(adapter: ModelAdapter): CatalogueEntry {
  return {
    endpoint: adapter.endpoint,
    name: adapter.label,
    kind: adapter.kind,
    category: CATEGORY_OF_KIND[adapter.kind],
    curated: true,
    origin: { kind: "curated" },
    ...(priceOfAdapter(adapter) ?? { pricePerSecondUsd: null, priceBasis: "price unknown" }),
    deprecated: adapter.retired !== undefined,
  };
}

export interface SchemaModelFacts {
  record: ModelRecord;
  /** Its adapter, when it has been derived (snapshot or live) in this process. */
  adapter: ModelAdapter | undefined;
  price: PriceFact | undefined;
  kind: GenerationKind | undefined;
  /** fal's live catalogue no longer lists it. */
  removed: boolean;
}

/** A row for a model read from fal's schema; undefined for models Reelflow has no node kind for. */
export function schemaEntry(facts: SchemaModelFacts): CatalogueEntry | undefined {
  const { record, adapter } = facts;
  const kind = adapter?.kind ?? facts.kind;
  if (kind === undefined) return undefined;
  const meta = record.model.metadata;
  const fromAdapter = adapter ? priceOfAdapter(adapter) : undefined;
  const price = fromAdapter?.pricePerSecondUsd != null ? fromAdapter : priceOfFact(facts.price);
  return {
    endpoint: endpointId(record.model.endpoint_id),
    name: meta?.display_name?.trim() || adapter?.label || record.model.endpoint_id,
    kind,
    category: categoryOf(record.model) ?? CATEGORY_OF_KIND[kind],
    curated: false,
    origin: adapter?.origin ?? { kind: "schema", from: record.from, date: dayOf(record.readAt) },
    ...price,
    deprecated: facts.removed || meta?.status === "deprecated" || adapter?.retired !== undefined,
  };
}

/** Rows matching every word of the query (in the endpoint id or the name), of the kind and category asked. */
export function filterEntries(entries: readonly IndexedEntry[], q: CatalogueQuery): CatalogueEntry[] {
  const words = (q.query ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const out: CatalogueEntry[] = [];
  for (const { entry, haystack } of entries) {
    if (q.kind !== undefined && entry.kind !== q.kind) continue;
    if (q.category !== undefined && entry.category !== q.category) continue;
    if (words.every((w) => haystack.includes(w))) out.push(entry);
  }
  return out;
}

type EntryPrice = Pick<CatalogueEntry, "pricePerSecondUsd" | "priceBasis">;

const defaultsOf = (a: ModelAdapter): Params =>
  Object.fromEntries(a.params.flatMap((p) => (p.default === undefined ? [] : [[p.name, p.default]])));

/** Seconds of a duration param in any of fal's forms: 8, "8", "8s". */
function secondsOf(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** The adapter's own price at its defaults, per second of the default duration. */
function priceOfAdapter(adapter: ModelAdapter): EntryPrice | undefined {
  try {
    const params = defaultsOf(adapter);
    const price = adapter.price(params, {});
    const seconds = secondsOf(params.duration);
    const perSecond = price.usd !== null && seconds !== null ? price.usd / seconds : null;
    return { pricePerSecondUsd: perSecond, priceBasis: price.basis };
  } catch {
    return undefined;
  }
}

/** A unit price as the picker shows it, before the model's adapter is made. */
export function priceOfFact(fact: PriceFact | undefined): EntryPrice {
  if (!fact) return { pricePerSecondUsd: null, priceBasis: "price unknown" };
  const from = `${fact.source}, ${dayOf(fact.fetchedAt)}`;
  if (fact.currency !== "USD") return { pricePerSecondUsd: null, priceBasis: `price unknown (in ${fact.currency})` };
  const tiers = Object.values(fact.tiers ?? {});
  switch (fact.unit) {
    case "seconds":
    case "second":
      if (tiers.length > 1) {
        const [low, high] = [Math.min(...tiers), Math.max(...tiers)];
        return { pricePerSecondUsd: low, priceBasis: `${usd(low)}–${usd(high)}/s by resolution (${from})` };
      }
      return { pricePerSecondUsd: fact.unit_price, priceBasis: `${usd(fact.unit_price)}/s (${from})` };
    case "videos":
    case "video":
      return { pricePerSecondUsd: null, priceBasis: `${usd(fact.unit_price)} per video (${from})` };
    case "images":
    case "image":
      return { pricePerSecondUsd: null, priceBasis: `${usd(fact.unit_price)} per image (${from})` };
    case "megapixels":
    case "megapixel":
      return { pricePerSecondUsd: null, priceBasis: `${usd(fact.unit_price)} per megapixel (${from})` };
    default:
      return { pricePerSecondUsd: null, priceBasis: `price unknown (unit ${fact.unit})` };
  }
}

/** "$0.10", "$0.084": at least cents, at most four decimals. */
function usd(n: number): string {
  const [whole, fraction = ""] = n.toFixed(4).replace(/0+$/, "").split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

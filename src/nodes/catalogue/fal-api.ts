/**
 * fal's Model API and Pricing API records, as fal answers them (see ../shared/reference/fal-platform-api.md),
 * and the bundled snapshot that keeps them. Data only: parsing and adapters live beside this file, the HTTP
 * calls in src/adapters. Field names stay fal's own so a live answer and the snapshot are read by one parser.
 */

/** The video categories Reelflow runs. */
export const VIDEO_CATEGORIES = ["text-to-video", "image-to-video", "video-to-video"] as const;
export type VideoCategory = (typeof VIDEO_CATEGORIES)[number];
/** The image categories (issue 19): Text-to-Image and Image Edit nodes. */
export const IMAGE_CATEGORIES = ["text-to-image", "image-to-image"] as const;
export type ImageCategory = (typeof IMAGE_CATEGORIES)[number];
/** Every category of fal's Model API whose models Reelflow runs in a node. */
export const MODEL_CATEGORIES = [...VIDEO_CATEGORIES, ...IMAGE_CATEGORIES] as const;
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];

/** `metadata` of one model in `GET /v1/models` (fields beyond these are kept but not read). */
export interface FalModelMetadata {
  display_name?: string;
  category?: string;
  description?: string;
  status?: "active" | "deprecated" | (string & {});
  tags?: string[];
  updated_at?: string;
  thumbnail_url?: string;
  model_url?: string;
  date?: string;
  [extra: string]: unknown;
}

/** An OpenAPI 3.0 document (only what the parser reads is typed; the rest passes through). */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string; "x-fal-metadata"?: Record<string, unknown>; [extra: string]: unknown };
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
  [extra: string]: unknown;
}

/** One model of `GET /v1/models?…&expand=openapi-3.0`. `openapi` is an error record when fal could not make it. */
export interface FalModel {
  endpoint_id: string;
  metadata?: FalModelMetadata;
  openapi?: OpenApiDocument | { error: { code?: string; message?: string } };
}

export interface FalModelsPage {
  models: FalModel[];
  next_cursor: string | null;
  has_more: boolean;
}

/** One row of `GET /v1/models/pricing`. `unit`: "seconds", "videos", "video segments", "units", "compute seconds", "image", … */
export interface FalPrice {
  endpoint_id: string;
  unit_price: number;
  unit: string;
  currency: string;
}

export interface FalPricesPage {
  prices: FalPrice[];
  next_cursor?: string | null;
  has_more?: boolean;
}

/**
 * A price as Reelflow keeps it: fal's row, where it came from and when. `source` is "fal pricing API" for a
 * live answer, else the page or file the figure was read from. `tiers`, only in snapshots built from public
 * material, holds per-resolution rates that fal's one `unit_price` cannot say (keys are the values of the
 * model's `resolution` param); a live price has none.
 */
export interface PriceFact extends FalPrice {
  source: string;
  fetchedAt: string;
  tiers?: Readonly<Record<string, number>>;
  note?: string;
}

/** The file `npm run catalog:update` writes (src/adapters/catalogue/fal-video-models.snapshot.json). */
export interface CatalogueSnapshot {
  format: "reelflow/fal-catalogue";
  version: 1;
  /** ISO date the snapshot was made. */
  madeAt: string;
  /** "fal-api": fetched from fal with a key; "public-material": assembled from fal-js types and published prices. */
  origin: "fal-api" | "public-material";
  /** What it was made from, in words (shown beside its date). */
  note: string;
  models: FalModel[];
  prices: PriceFact[];
}

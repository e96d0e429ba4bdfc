/**
 * One model as fal's Model API lists it (`endpoint_id`, `metadata`, `openapi` with `expand=openapi-3.0`) and its
 * Pricing API row. Records are the fake's own types, written from fal's Platform API description
 * (`https://api.fal.ai/v1/openapi.json`, a copy in GitHub tryAGI/Fal src/libs/Fal/openapi.json), not src/nodes.
 */
import { falOpenApiDocument, type DocumentSpec, type OpenApiDocument } from "./openapi";

export interface OpenApiError {
  error: { code: string; message: string };
}

export interface FalModelRecord {
  endpoint_id: string;
  /** Absent for endpoints without a registry entry. */
  metadata?: Record<string, unknown>;
  /** The document, or fal's error record when it could not be made. */
  openapi?: OpenApiDocument | OpenApiError;
}

export interface FalPriceRow {
  endpoint_id: string;
  unit_price: number;
  unit: string;
  currency: string;
}

export interface CatalogueEntry {
  model: FalModelRecord;
  price?: FalPriceRow;
}

export interface EntrySpec {
  endpointId: string;
  displayName: string;
  category: string;
  description: string;
  status?: "active" | "deprecated";
  tags?: string[];
  /** When fal added it (ISO); the fake's dates are illustrative, not fal's. */
  date: string;
  document: Omit<DocumentSpec, "endpointId" | "category" | "about"> | OpenApiError;
  price?: { unitPrice: number; unit: string };
}

export const isOpenApiError = (doc: unknown): doc is OpenApiError =>
  typeof doc === "object" && doc !== null && "error" in doc && !("openapi" in doc);

export function catalogueEntry(spec: EntrySpec): CatalogueEntry {
  const document = isOpenApiError(spec.document)
    ? spec.document
    : falOpenApiDocument({
        ...spec.document,
        endpointId: spec.endpointId,
        category: spec.category,
        about: spec.description,
      });
  const price = spec.price && { endpoint_id: spec.endpointId, unit_price: spec.price.unitPrice, unit: spec.price.unit };
  return {
    model: {
      endpoint_id: spec.endpointId,
      metadata: {
        display_name: spec.displayName,
        category: spec.category,
        description: spec.description,
        status: spec.status ?? "active",
        tags: spec.tags ?? [],
        updated_at: spec.date,
        is_favorited: null,
        thumbnail_url: `https://v3.fal.media/files/fake/${spec.endpointId.replaceAll("/", "_")}.jpg`,
        model_url: `https://fal.run/${spec.endpointId}`,
        date: spec.date,
        highlighted: false,
        pinned: false,
        kind: "inference",
      },
      openapi: document,
    },
    ...(price ? { price: { ...price, currency: "USD" } } : {}),
  };
}

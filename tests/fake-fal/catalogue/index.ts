/**
 * What the fake fal's Model API and Pricing API know: the curated endpoints (documents made from ../schemas) and
 * uncurated ones with hand-written fal-shaped documents (submits to them are validated against those documents).
 */
import type { FalFieldError } from "../schemas/types";
import { curatedEntries } from "./curated";
import type { CatalogueEntry } from "./entry";
import { fluxDev } from "./flux-dev";
import { klingO3StandardReference } from "./kling-o3-reference";
import { ltx23ExtendVideo } from "./ltx23-extend";
import { lumaRay2 } from "./luma-ray2";
import { minimaxH3ImageToVideo } from "./minimax-h3";
import { seedance2ReferenceToVideo } from "./seedance2-reference";
import { veo31FastFirstLastFrame, veo31LiteImageToVideo } from "./veo31";
import { wan27EditVideo, wan27ReferenceToVideo, wan27TextToVideo } from "./wan27";

export type { CatalogueEntry, FalModelRecord, FalPriceRow, OpenApiError } from "./entry";
export { catalogueEntry, isOpenApiError } from "./entry";
export type { OpenApiDocument } from "./openapi";

/** A catalogue entry as the fake keeps it: `check` is a rule fal enforces beyond the document (a model validator). */
export interface FakeCatalogueEntry extends CatalogueEntry {
  check?: (body: Record<string, unknown>) => FalFieldError[];
}

/** The uncurated endpoints: three kinds, each with a document shaped like fal's (one with an error record instead). */
export const uncuratedEntries: readonly FakeCatalogueEntry[] = [
  wan27TextToVideo,
  lumaRay2,
  veo31LiteImageToVideo,
  minimaxH3ImageToVideo,
  veo31FastFirstLastFrame,
  seedance2ReferenceToVideo,
  klingO3StandardReference,
  ltx23ExtendVideo,
  wan27EditVideo,
  wan27ReferenceToVideo,
  fluxDev,
];

/** Every model the fake lists, in the order its Model API pages through them. */
export const defaultCatalogue: readonly FakeCatalogueEntry[] = [...curatedEntries, ...uncuratedEntries];

import type { ImageResult, ParamSpec, Params, Price } from "../types";
import { formatUsd, readFalFile, roundUsd } from "./model-kit";

/**
 * Pieces shared by the curated image models (FLUX.1 [dev], Nano Banana): how many images a request asks for,
 * fal's `images[]` result, and a price per image. Each model file keeps its own schema and figures.
 */

/** fal's own cap on a batch for these models (their pages allow 1 to 4). */
export const MAX_IMAGES = 4;

export const numImages: ParamSpec = {
  kind: "number",
  name: "num_images",
  label: "Images",
  min: 1,
  max: MAX_IMAGES,
  integer: true,
  default: 1,
  help: "One job makes them all; each is a take, and the one you choose flows on. Each is paid for.",
};

/** The batch size a request asks for (the default 1 when unset or unreadable; the param check reports bad ones). */
export function imagesAsked(params: Params): number {
  const n = params.num_images;
  const asked = typeof n === "string" ? Number(n) : n;
  return typeof asked === "number" && Number.isInteger(asked) && asked >= 1 ? asked : 1;
}

/**
 * A price per image: `count` × `usdPerImage`, its basis naming the tier and where the figure was read, e.g.
 * "2 images × $0.12 (2K: 1.5 × $0.08), fal's model index of 2026-09-16".
 */
export function perImagePrice(count: number, usdPerImage: number, tier: string, source: string): Price {
  const images = `${count} image${count === 1 ? "" : "s"}`;
  return {
    usd: roundUsd(count * usdPerImage),
    upperBound: false,
    basis: `${images} × ${formatUsd(usdPerImage)}${tier ? ` (${tier})` : ""}, ${source}`,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads fal's `{ images: Image[], seed?, description? }`; an Error naming the model when no image has a URL. */
export function readImagesOutput(raw: unknown, model: string): ImageResult {
  const list = isRecord(raw) && Array.isArray(raw.images) ? raw.images : [];
  const images = list.map(readFalFile).filter((f) => f !== null);
  if (images.length === 0 || images.length !== list.length) {
    throw new Error(`${model} returned no image URL in its result (every image of fal's images[] needs one).`);
  }
  const seed = isRecord(raw) && typeof raw.seed === "number" && Number.isFinite(raw.seed) ? raw.seed : null;
  const text = isRecord(raw) && typeof raw.description === "string" && raw.description !== "" ? raw.description : null;
  return { images, seed, description: text };
}

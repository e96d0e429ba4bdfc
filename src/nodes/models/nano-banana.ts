import { endpointId } from "../../domain/ids";
import type { ImageGenerationKind } from "../../domain/workflow";
import { INPUT } from "../ports";
import type { InputPortSpec, ModelAdapter, ParamSpec, Params, PortValues, Price } from "../types";
import { imagesAsked, numImages, perImagePrice, readImagesOutput } from "./image-kit";
import {
  aspectRatioSpec,
  declaredParams,
  FAL_MODEL_INDEX,
  FAL_MODEL_INDEX_READ,
  outputFormatSpec,
  requirePort,
  resolutionSpec,
  safetyToleranceSpec,
  seedSpec,
} from "./model-kit";

/**
 * Google's Nano Banana family on fal: Nano Banana, Nano Banana 2 and Nano Banana Pro, each as text-to-image and as
 * an edit. Schemas: fal-ai/fal-js libs/client/src/types/endpoints.ts (as shipped in @fal-ai/client 1.10.1):
 * NanoBananaInput, NanoBananaEditInput, NanoBanana2Input, NanoBanana2EditInput, NanoBananaProInput,
 * NanoBananaProEditInput; every one answers NanoBananaOutput `{ images: ImageFile[], description }`. An edit takes
 * `image_urls` (a list): the node's Image input is the first, its optional "More images" input the rest, in order.
 * Not offered: `sync_mode` (the result would not be kept by fal), `enable_web_search` and `thinking_level` (each
 * adds a charge the tables below do not hold), `limit_generations` (fal's default keeps one image per request).
 *
 * Prices per image, from fal's model index (pricingInfoOverride, captured 2026-09-16; see FAL_MODEL_INDEX):
 * Nano Banana $0.039; Nano Banana 2 $0.08 at 1K, 0.5K ×0.75, 2K ×1.5, 4K ×2; Nano Banana Pro $0.15, 4K ×2.
 */

interface Tiered {
  usdPerImage: number;
  /** Multiplier of the 1K rate by `resolution`; absent: one rate whatever the size. */
  byResolution?: Readonly<Record<string, number>>;
}

const NB2_TIERS = { "0.5K": 0.75, "1K": 1, "2K": 1.5, "4K": 2 };
const PRO_TIERS = { "1K": 1, "2K": 1, "4K": 2 };

/** The price table, by endpoint: exported for the drift check against fal's live prices. */
export const NANO_BANANA_PRICES: Readonly<Record<string, Tiered>> = {
  "fal-ai/nano-banana": { usdPerImage: 0.039 },
  "fal-ai/nano-banana/edit": { usdPerImage: 0.039 },
  "fal-ai/nano-banana-2": { usdPerImage: 0.08, byResolution: NB2_TIERS },
  "fal-ai/nano-banana-2/edit": { usdPerImage: 0.08, byResolution: NB2_TIERS },
  "fal-ai/nano-banana-pro": { usdPerImage: 0.15, byResolution: PRO_TIERS },
  "fal-ai/nano-banana-pro/edit": { usdPerImage: 0.15, byResolution: PRO_TIERS },
};

const SOURCE_WORDS = `${FAL_MODEL_INDEX.name} of ${FAL_MODEL_INDEX.asOf}`;
const BASE_RATIOS = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16"] as const;
const EXTREME_RATIOS = ["4:1", "1:4", "8:1", "1:8"] as const;

const aspect = (options: readonly string[], def: string): ParamSpec =>
  aspectRatioSpec(options, def, "auto lets the model choose (an edit keeps its image's shape).");
const resolution = (options: readonly string[]): ParamSpec =>
  resolutionSpec(options, "1K", "Priced by size: larger images cost more per image.");
const outputFormat = outputFormatSpec(["jpeg", "png", "webp"], "png");
const safety = safetyToleranceSpec("1 blocks the most, 6 the least.");
const seed = seedSpec();

/** An edit's inputs: the image to change, and any further images it may draw on (several, in wiring order). */
const EDIT_INPUTS: Readonly<Record<string, InputPortSpec>> = {
  [INPUT.prompt]: { type: "text", label: "Prompt", required: true },
  [INPUT.image]: { type: "image", label: "Image", required: true },
  [INPUT.images]: { type: "image", label: "More images", required: false, multiple: true },
};

function nanoPrice(endpoint: string, specs: readonly ParamSpec[], params: Params): Price {
  const table = NANO_BANANA_PRICES[endpoint];
  const p = declaredParams(specs, params);
  const count = imagesAsked(p);
  if (!table) return { usd: null, upperBound: false, basis: `price unknown for ${endpoint}` };
  if (!table.byResolution) return perImagePrice(count, table.usdPerImage, "", SOURCE_WORDS);
  const res = typeof p.resolution === "string" ? p.resolution : "1K";
  const factor = table.byResolution[res];
  if (factor === undefined) return { usd: null, upperBound: false, basis: `price unknown for ${endpoint} at ${res}` };
  const tier = factor === 1 ? res : `${res}: ${factor} × $${table.usdPerImage}`;
  return perImagePrice(count, table.usdPerImage * factor, tier, SOURCE_WORDS);
}

interface NanoSpec {
  endpoint: string;
  kind: ImageGenerationKind;
  family: string;
  label: string;
  params: readonly ParamSpec[];
  typicalSeconds: number;
}

function nanoAdapter(s: NanoSpec): ModelAdapter {
  const edit = s.kind === "image-edit";
  const adapter: ModelAdapter = {
    endpoint: endpointId(s.endpoint),
    kind: s.kind,
    family: s.family,
    variant: edit ? "Edit" : "Standard",
    label: edit ? `${s.label} Edit` : s.label,
    params: s.params,
    buildInput(params: Params, ports: PortValues): Record<string, unknown> {
      const body: Record<string, unknown> = { prompt: requirePort(ports.prompt, s.label, "a prompt") };
      if (edit) {
        const first = requirePort(ports.image, s.label, "an image");
        body.image_urls = [first.url, ...(ports.images ?? []).map((i) => i.url)];
      }
      return { ...body, ...declaredParams(s.params, params) };
    },
    readResult: (raw) => readImagesOutput(raw, s.label),
    price: (params) => nanoPrice(s.endpoint, s.params, params),
    sources: {
      checked: FAL_MODEL_INDEX_READ,
      urls: [
        `https://fal.ai/models/${s.endpoint}`,
        "https://github.com/fal-ai/fal-js/blob/main/libs/client/src/types/endpoints.ts",
        FAL_MODEL_INDEX.url,
      ],
    },
    typicalSeconds: s.typicalSeconds,
  };
  if (edit) adapter.inputs = EDIT_INPUTS;
  return adapter;
}

const NB2_RATIOS = ["auto", ...BASE_RATIOS, ...EXTREME_RATIOS];
const NB2_PARAMS = [
  aspect(NB2_RATIOS, "auto"),
  resolution(["0.5K", "1K", "2K", "4K"]),
  numImages,
  outputFormat,
  safety,
  seed,
];
const PRO_PARAMS = [
  aspect(["auto", ...BASE_RATIOS], "auto"),
  resolution(["1K", "2K", "4K"]),
  numImages,
  outputFormat,
  safety,
  seed,
];

export const nanoBanana = nanoAdapter({
  endpoint: "fal-ai/nano-banana",
  kind: "text-to-image",
  family: "Nano Banana",
  label: "Nano Banana",
  params: [aspect(BASE_RATIOS, "1:1"), numImages, outputFormat, safety, seed],
  typicalSeconds: 12,
});
export const nanoBananaEdit = nanoAdapter({
  endpoint: "fal-ai/nano-banana/edit",
  kind: "image-edit",
  family: "Nano Banana",
  label: "Nano Banana",
  params: [aspect(["auto", ...BASE_RATIOS], "auto"), numImages, outputFormat, safety, seed],
  typicalSeconds: 12,
});
export const nanoBanana2 = nanoAdapter({
  endpoint: "fal-ai/nano-banana-2",
  kind: "text-to-image",
  family: "Nano Banana 2",
  label: "Nano Banana 2",
  params: NB2_PARAMS,
  typicalSeconds: 15,
});
export const nanoBanana2Edit = nanoAdapter({
  endpoint: "fal-ai/nano-banana-2/edit",
  kind: "image-edit",
  family: "Nano Banana 2",
  label: "Nano Banana 2",
  params: NB2_PARAMS,
  typicalSeconds: 15,
});
export const nanoBananaPro = nanoAdapter({
  endpoint: "fal-ai/nano-banana-pro",
  kind: "text-to-image",
  family: "Nano Banana Pro",
  label: "Nano Banana Pro",
  params: PRO_PARAMS,
  typicalSeconds: 25,
});
export const nanoBananaProEdit = nanoAdapter({
  endpoint: "fal-ai/nano-banana-pro/edit",
  kind: "image-edit",
  family: "Nano Banana Pro",
  label: "Nano Banana Pro",
  params: PRO_PARAMS,
  typicalSeconds: 25,
});

/** Edit models first among image-edit models: the file default (Nano Banana edit) is the cheapest current one. */
export const nanoBananaAdapters: readonly ModelAdapter[] = [
  nanoBanana,
  nanoBanana2,
  nanoBananaPro,
  nanoBananaEdit,
  nanoBanana2Edit,
  nanoBananaProEdit,
];

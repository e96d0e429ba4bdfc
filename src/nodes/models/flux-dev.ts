import { endpointId } from "../../domain/ids";
import type { ModelAdapter, ParamSpec, Params, PortValues } from "../types";
import { imagesAsked, numImages, perImagePrice, readImagesOutput } from "./image-kit";
import { declaredParams, outputFormatSpec, requirePort, seedSpec } from "./model-kit";

/**
 * FLUX.1 [dev] on fal (`fal-ai/flux/dev`), text-to-image: the default model of Text-to-Image nodes.
 * Schema: fal-ai/fal-js libs/client/src/types/endpoints.ts (as shipped in @fal-ai/client 1.10.1), FluxDevInput
 * (prompt, image_size, num_inference_steps, guidance_scale, num_images, seed, output_format, acceleration,
 * enable_safety_checker) and FluxDevOutput `{ images: Image[], seed, prompt, has_nsfw_concepts, timings }`.
 * Price: fal's Pricing API answers `{"endpoint_id":"fal-ai/flux/dev","unit_price":0.025,"unit":"image"}` (the record
 * fal's pricing docs show; ../shared/reference/fal-platform-api.md, checked 2026-12-05): $0.025 per image.
 */
const ENDPOINT = "fal-ai/flux/dev";
const LABEL = "FLUX.1 [dev]";
const USD_PER_IMAGE = 0.025;
const PRICE_SOURCE = "fal pricing API record of 2026-12-05";

const PARAMS: readonly ParamSpec[] = [
  {
    kind: "enum",
    name: "image_size",
    label: "Size",
    options: ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"],
    default: "landscape_4_3",
    help: "landscape_16_9 for a key frame of a 16:9 video.",
  },
  numImages,
  {
    kind: "number",
    name: "num_inference_steps",
    more: true,
    label: "Steps",
    min: 1,
    max: 50,
    integer: true,
    default: 28,
  },
  { kind: "number", name: "guidance_scale", more: true, label: "Guidance", min: 1, max: 20, step: 0.5, default: 3.5 },
  seedSpec(),
  outputFormatSpec(["jpeg", "png"], "jpeg"),
  {
    kind: "enum",
    name: "acceleration",
    more: true,
    label: "Acceleration",
    options: ["none", "regular", "high"],
    default: "none",
  },
  { kind: "boolean", name: "enable_safety_checker", more: true, label: "Safety checker", default: true },
];

export const fluxDev: ModelAdapter = {
  endpoint: endpointId(ENDPOINT),
  kind: "text-to-image",
  family: "FLUX.1",
  variant: "dev",
  label: LABEL,
  params: PARAMS,
  buildInput: (params: Params, ports: PortValues) => ({
    prompt: requirePort(ports.prompt, LABEL, "a prompt"),
    ...declaredParams(PARAMS, params),
  }),
  readResult: (raw) => readImagesOutput(raw, LABEL),
  price: (params) => perImagePrice(imagesAsked(declaredParams(PARAMS, params)), USD_PER_IMAGE, "", PRICE_SOURCE),
  sources: {
    checked: "2026-12-06",
    urls: [
      `https://fal.ai/models/${ENDPOINT}`,
      "https://github.com/fal-ai/fal-js/blob/main/libs/client/src/types/endpoints.ts",
      "https://fal.ai/docs/platform-apis/v1/models/pricing",
    ],
  },
  typicalSeconds: 10,
};

export const fluxAdapters: readonly ModelAdapter[] = [fluxDev];

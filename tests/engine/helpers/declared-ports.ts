import { endpointId } from "../../../src/domain/ids";
import { registerCatalogueAdapters, resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import type { ModelAdapter, PortValues, VideoResult } from "../../../src/nodes/types";

/**
 * Two catalogue-style models that declare their own input ports, built here (not derived from a schema) so the
 * engine, editor and canvas tests see exactly the ports they test: a first/last-frame model (`end_image`) and a
 * reference-to-video model (`images`, several edges in order). Their bodies echo what arrived on each port.
 */

const readResult = (raw: unknown): VideoResult => {
  const video = (raw as { video?: { url?: unknown } } | null)?.video;
  if (typeof video?.url !== "string") throw new Error("no video in the result");
  return { video: { url: video.url }, videoId: null, thumbnail: null, durationSec: 5 };
};

const common = {
  kind: "image-to-video" as const,
  variant: "Test",
  params: [{ kind: "enum", name: "duration", label: "Duration", options: ["5", "10"], default: "5" }] as const,
  readResult,
  price: () => ({ usd: 0.5, upperBound: false, basis: "5 s × $0.10/s" }),
  sources: { checked: "2026-12-05", urls: [] },
  origin: { kind: "schema" as const, from: "snapshot" as const, date: "2026-12-05" },
};

export const framesModel: ModelAdapter = {
  ...common,
  endpoint: endpointId("test/frames/image-to-video"),
  family: "Frames",
  label: "Frames Test",
  inputs: {
    prompt: { type: "text", label: "Prompt", required: true },
    image: { type: "image", label: "Image", required: true },
    end_image: { type: "image", label: "End frame", required: false },
  },
  buildInput: (params, ports: PortValues) => ({
    prompt: ports.prompt,
    image_url: ports.image?.url,
    ...(ports.endImage ? { end_image_url: ports.endImage.url } : {}),
    duration: params.duration,
  }),
};

export const referencesModel: ModelAdapter = {
  ...common,
  endpoint: endpointId("test/references/reference-to-video"),
  family: "References",
  label: "References Test",
  inputs: {
    prompt: { type: "text", label: "Prompt", required: true },
    images: { type: "image", label: "Reference images", required: true, multiple: true },
  },
  buildInput: (params, ports: PortValues) => ({
    prompt: ports.prompt,
    image_urls: (ports.images ?? []).map((i) => i.url),
    duration: params.duration,
  }),
};

/** Registers both as catalogue models; call `forgetDeclaredPortModels` after each test. */
export const registerDeclaredPortModels = () => registerCatalogueAdapters([framesModel, referencesModel]);
export const forgetDeclaredPortModels = () => resetCatalogueForTests();

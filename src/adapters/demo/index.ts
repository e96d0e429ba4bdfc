import { createDemoInferenceClient } from "./demo-client";
import { renderClipWithMediaRecorder } from "./clip-renderer";
import { renderStillOnCanvas } from "./still-renderer";
import type { InferenceClient } from "../../engine/ports";
import { isImageGenerationKind } from "../../domain/workflow";
import { catalogueAdapter } from "../../nodes/catalogue/known";
import { findAdapter } from "../../nodes/registry";

/**
 * Browser wiring of demo mode: MediaRecorder clips, canvas stills for image models, object URLs, images decoded
 * for the first frame.
 */
export function createBrowserDemoClient(delayMs: number): InferenceClient {
  return createDemoInferenceClient({
    delayMs,
    render: renderClipWithMediaRecorder,
    renderStill: renderStillOnCanvas,
    makesImages: (endpoint) => {
      const kind = findAdapter(endpoint)?.kind;
      return kind !== undefined && isImageGenerationKind(kind);
    },
    loadImage: async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    },
    // Only a catalogue model needs its description, and the catalogue has loaded the snapshot part holding it
    // to run it (Demo mode lists the snapshot alone), so this costs no download: the video part is read first,
    // the image part only for a model not in it; a curated model never loads either.
    describe: async (endpoint) => {
      if (catalogueAdapter(endpoint) === undefined) return undefined;
      const { snapshotModel } = await import("../catalogue/snapshot");
      return snapshotModel(endpoint);
    },
  });
}

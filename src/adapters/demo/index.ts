import { createDemoInferenceClient } from "./demo-client";
import { renderClipWithMediaRecorder } from "./clip-renderer";
import type { InferenceClient } from "../../engine/ports";
import { catalogueAdapter } from "../../nodes/catalogue/known";

/** Browser wiring of demo mode: MediaRecorder clips, object URLs, images decoded for the first frame. */
export function createBrowserDemoClient(delayMs: number): InferenceClient {
  return createDemoInferenceClient({
    delayMs,
    render: renderClipWithMediaRecorder,
    loadImage: async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    },
    // Only a catalogue model needs its description, and the catalogue has loaded the snapshot to run it
    // (Demo mode lists the snapshot alone), so this costs no download; a curated model never loads it.
    describe: async (endpoint) => {
      if (catalogueAdapter(endpoint) === undefined) return undefined;
      const { loadSnapshot } = await import("../catalogue/snapshot");
      return (await loadSnapshot()).models.find((m) => m.endpoint_id === endpoint);
    },
  });
}

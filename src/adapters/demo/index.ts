import { createDemoInferenceClient } from "./demo-client";
import { renderClipWithMediaRecorder } from "./clip-renderer";
import type { InferenceClient } from "../../engine/ports";

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
  });
}

import type { GenerationKind } from "../../domain/workflow";
import { INPUT, OUTPUT } from "../ports";
import type { NodeDefinition } from "../types";

/**
 * Generation nodes: ports only. Their models (adapters) are attached by the registry from
 * src/nodes/models, so adding a model never touches this file.
 */
type GenerationShape<K extends GenerationKind> = Omit<NodeDefinition<K>, "models">;

const videoOut = { [OUTPUT.video]: { type: "video", label: "Video" } } as const;

export const textToVideoShape: GenerationShape<"text-to-video"> = {
  kind: "text-to-video",
  title: "Text-to-Video",
  description: "Makes a video from a prompt.",
  inputs: { [INPUT.prompt]: { type: "text", label: "Prompt", required: true } },
  outputs: videoOut,
};

export const imageToVideoShape: GenerationShape<"image-to-video"> = {
  kind: "image-to-video",
  title: "Image-to-Video",
  description: "Animates an image (its first frame) as a prompt describes.",
  inputs: {
    [INPUT.prompt]: { type: "text", label: "Prompt", required: true },
    [INPUT.image]: { type: "image", label: "Image", required: true },
  },
  outputs: videoOut,
};

export const remixShape: GenerationShape<"remix"> = {
  kind: "remix",
  title: "Remix",
  description: "Changes an existing video as a prompt says, keeping its motion and structure.",
  inputs: {
    [INPUT.video]: { type: "video", label: "Video", required: true },
    [INPUT.prompt]: { type: "text", label: "Prompt", required: true },
  },
  outputs: videoOut,
};

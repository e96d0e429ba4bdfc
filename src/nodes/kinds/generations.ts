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

const imageOut = { [OUTPUT.image]: { type: "image", label: "Image" } } as const;

/** Image nodes: their result is fal's `images[]`; each image is a take, the chosen one flows out of `image`. */
export const textToImageShape: GenerationShape<"text-to-image"> = {
  kind: "text-to-image",
  title: "Text-to-Image",
  description: "Makes a picture (or several to choose from) from a prompt, e.g. a key frame to animate.",
  inputs: { [INPUT.prompt]: { type: "text", label: "Prompt", required: true } },
  outputs: imageOut,
};

export const imageEditShape: GenerationShape<"image-edit"> = {
  kind: "image-edit",
  title: "Image Edit",
  description: "Changes a picture as a prompt says, keeping what the prompt leaves alone.",
  inputs: {
    [INPUT.prompt]: { type: "text", label: "Prompt", required: true },
    [INPUT.image]: { type: "image", label: "Image", required: true },
  },
  outputs: imageOut,
};

import { OUTPUT } from "../ports";
import type { NodeDefinition } from "../types";

/** Source nodes hold a value in the file itself; nothing is generated or paid for. */

export const promptDefinition: NodeDefinition<"prompt"> = {
  kind: "prompt",
  title: "Prompt",
  description: "Text that describes a video; connect it to a generation's prompt input.",
  inputs: {},
  outputs: { [OUTPUT.text]: { type: "text", label: "Text" } },
  models: [],
};

export const imageDefinition: NodeDefinition<"image"> = {
  kind: "image",
  title: "Image",
  description: "A picture by URL or from your computer, e.g. the first frame for Image-to-Video.",
  inputs: {},
  outputs: { [OUTPUT.image]: { type: "image", label: "Image" } },
  models: [],
};

export const videoDefinition: NodeDefinition<"video"> = {
  kind: "video",
  title: "Video",
  description: "A clip by URL or from your computer, for models that edit any video.",
  inputs: {},
  outputs: { [OUTPUT.video]: { type: "video", label: "Video" } },
  models: [],
};

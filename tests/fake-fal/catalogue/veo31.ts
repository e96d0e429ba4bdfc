import { catalogueEntry } from "./entry";
import { boolean, choice, integer, text, videoOut } from "./openapi";

// Veo 3.1 endpoints Reelflow has no curated adapter for, written from fal-js libs/client/src/types/endpoints.ts
// at commit 381105e (Veo31LiteImageToVideoInput, Veo31FirstLastFrameToVideoInput, I2VOutput) and fal's model page
// of Veo 3.1 Lite image-to-video (`/llms.txt`: field order, `auto_fix` default false), not from src/nodes.
// Older documents: optional fields are a plain type left out of `required`. Durations are strings ("8s").
// The first/last-frame endpoint names its images `first_frame_url` / `last_frame_url` (not `*image_url`).
// Prices (fal answers the audio-on rate): Lite $0.05/s at 720p, Fast $0.15/s (fal-video-prices.md).

const common = {
  aspect_ratio: choice(["auto", "16:9", "9:16"], "The aspect ratio of the generated video.", { default: "auto" }),
  duration: choice(["4s", "6s", "8s"], "The duration of the generated video.", { default: "8s" }),
  negative_prompt: text("A negative prompt to guide the video generation."),
};
const tail = {
  generate_audio: boolean("Whether to generate audio for the video.", { default: true }),
  seed: integer("The seed for the random number generator."),
  auto_fix: boolean(
    "Whether to automatically attempt to fix prompts that fail content policy or other validation checks " +
      "by rewriting them.",
    { default: false },
  ),
  safety_tolerance: choice(
    ["1", "2", "3", "4", "5", "6"],
    "The safety tolerance level for content moderation. 1 is the most strict (blocks most content), " +
      "6 is the least strict.",
    { default: "4" },
  ),
};
const output = {
  title: "ImageToVideoOutput",
  properties: { video: videoOut("File", "The generated video.") },
  required: ["video"],
};

export const veo31LiteImageToVideo = catalogueEntry({
  endpointId: "fal-ai/veo3.1/lite/image-to-video",
  displayName: "Veo 3.1 Lite Image to Video",
  category: "image-to-video",
  description:
    "Veo 3.1 Lite balances practical utility with professional capabilities, " +
    "supporting Text-to-Video and Image-to-Video",
  tags: ["new"],
  date: "2026-10-01T00:00:00Z",
  document: {
    input: {
      title: "Veo31LiteImageToVideoInput",
      properties: {
        prompt: text("The text prompt describing how the image should be animated", {
          examples: ["The subject turns to face the camera and smiles warmly."],
        }),
        ...common,
        resolution: choice(["720p", "1080p"], "The resolution of the generated video.", { default: "720p" }),
        ...tail,
        image_url: text(
          "URL of the input image to animate. Should be 720p or higher resolution in 16:9 or 9:16 aspect ratio.",
          { examples: ["https://storage.googleapis.com/falserverless/example_inputs/veo3-i2v-input.png"] },
        ),
      },
      required: ["prompt", "image_url"],
    },
    output,
  },
  price: { unitPrice: 0.05, unit: "seconds" },
});

export const veo31FastFirstLastFrame = catalogueEntry({
  endpointId: "fal-ai/veo3.1/fast/first-last-frame-to-video",
  displayName: "Veo 3.1 Fast First/Last Frame to Video",
  category: "image-to-video",
  description: "Generate a video between a first and a last frame with Veo 3.1 Fast.",
  date: "2026-08-20T00:00:00Z",
  document: {
    input: {
      title: "Veo31FirstLastFrameToVideoInput",
      properties: {
        prompt: text("The text prompt describing the video you want to generate"),
        ...common,
        resolution: choice(["720p", "1080p", "4k"], "The resolution of the generated video.", { default: "720p" }),
        ...tail,
        first_frame_url: text("URL of the first frame of the video"),
        last_frame_url: text("URL of the last frame of the video"),
      },
      required: ["prompt", "first_frame_url", "last_frame_url"],
    },
    output,
  },
  price: { unitPrice: 0.15, unit: "seconds" },
});

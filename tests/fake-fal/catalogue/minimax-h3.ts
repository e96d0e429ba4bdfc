import { catalogueEntry } from "./entry";
import { integer, orNull, text, videoOut } from "./openapi";

// MiniMax H3 image-to-video, written from fal-js libs/client/src/types/endpoints.ts at commit 381105e
// (H3ImageToVideoInput, I2VOutput), not from src/nodes: a first frame (`image_url`) and an optional last frame
// (`end_image_url`); `duration` a plain integer (default 5, no enum and no published bounds); `resolution` a free
// string, "Only 2K is currently supported". Price: $0.13 per second at 2K, its default (fal-video-prices.md).

export const minimaxH3ImageToVideo = catalogueEntry({
  endpointId: "minimax/h3/image-to-video",
  displayName: "MiniMax H3 Image to Video",
  category: "image-to-video",
  description: "MiniMax H3 animates a first frame, optionally towards a last frame.",
  tags: ["new"],
  date: "2026-10-20T00:00:00Z",
  document: {
    input: {
      title: "H3ImageToVideoInput",
      properties: {
        prompt: text("Text prompt for video generation"),
        image_url: text("URL of the image to use as the first frame. The output aspect ratio follows this image."),
        end_image_url: orNull(
          text("Optional URL of the image to use as the last frame, for first-to-last keyframe generation."),
        ),
        duration: integer("The duration of the video in seconds.", { default: 5 }),
        resolution: text("The resolution of the generated video. Only 2K is currently supported.", { default: "2K" }),
      },
      required: ["prompt", "image_url"],
    },
    output: { title: "I2VOutput", properties: { video: videoOut("File", "The generated video") }, required: ["video"] },
  },
  price: { unitPrice: 0.13, unit: "seconds" },
});

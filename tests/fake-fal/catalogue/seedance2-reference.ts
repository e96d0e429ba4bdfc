import { catalogueEntry } from "./entry";
import { boolean, choice, integer, listOf, orNull, text, videoOut } from "./openapi";

// Seedance 2.0 reference-to-video, written from fal-js libs/client/src/types/endpoints.ts at commit 381105e
// (Seedance2R2VInput, ModifyOutput), not from src/nodes: several reference images (`image_urls`), videos and
// audio, each a list of URLs ("up to 9 images" and the other limits are only in the descriptions, so no maxItems).
// `duration` a string, "auto" or "4".."15". Price: fal bills Seedance 2.0 in tokens, unit "units",
// $0.014 per 1,000 (fal-platform-api.md, fal-video-prices.md).

const urls = (description: string) => orNull(listOf({ type: "string" }, description));
const SECONDS = ["4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"];

export const seedance2ReferenceToVideo = catalogueEntry({
  endpointId: "bytedance/seedance-2.0/reference-to-video",
  displayName: "Seedance 2.0 Reference to Video",
  category: "image-to-video",
  description:
    "Seedance 2.0 video guided by reference images, videos and audio, referred to in the prompt as " +
    "@Image1, @Video1, @Audio1.",
  date: "2026-08-05T00:00:00Z",
  document: {
    input: {
      title: "Seedance2R2VInput",
      properties: {
        prompt: text("The text prompt used to generate the video."),
        image_urls: urls(
          "Reference images to guide video generation. Refer to them in the prompt as @Image1, @Image2, etc. " +
            "Supported formats: JPEG, PNG, WebP. Max 30 MB per image. Up to 9 images. " +
            "Total files across all modalities must not exceed 12.",
        ),
        video_urls: urls(
          "Reference videos to guide video generation. Refer to them in the prompt as @Video1, @Video2, etc. " +
            "Up to 3 videos, combined duration must be between 2 and 15 seconds.",
        ),
        audio_urls: urls(
          "Reference audio to guide video generation. Refer to them in the prompt as @Audio1, @Audio2, etc. " +
            "Up to 3 files. If audio is provided, at least one reference image or video is required.",
        ),
        resolution: choice(
          ["480p", "720p", "1080p", "4k"],
          "Video resolution - 480p for faster generation, 720p for balance, 1080p for high quality, " +
            "4k for highest quality.",
          { default: "720p" },
        ),
        duration: choice(
          ["auto", ...SECONDS],
          "Duration of the video in seconds. Supports 4 to 15 seconds, or auto to let the model decide based on " +
            "the prompt.",
          { default: "auto" },
        ),
        aspect_ratio: choice(
          ["auto", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"],
          "The aspect ratio of the generated video.",
          { default: "auto" },
        ),
        generate_audio: boolean(
          "Whether to generate synchronized audio for the video. The cost of video generation is the same " +
            "regardless of whether audio is generated or not.",
          { default: true },
        ),
        bitrate_mode: choice(["standard", "high"], "Output bitrate mode.", { default: "standard" }),
        end_user_id: orNull(text("The unique user ID of the end user.")),
      },
      required: ["prompt"],
    },
    output: {
      title: "ModifyOutput",
      properties: { video: videoOut("File", "The generated video"), seed: integer("The seed used for generation") },
      required: ["video", "seed"],
    },
  },
  price: { unitPrice: 0.014, unit: "units" },
});

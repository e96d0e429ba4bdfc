import { catalogueEntry } from "./entry";
import { boolean, choice, integer, orNull, text, videoOut } from "./openapi";

// Wan 2.7, written from fal-js libs/client/src/types/endpoints.ts at commit 381105e (Wan27TextToVideoInput,
// Wan27VideoEditInput, TextToVideoOutput) and fal's model pages (`/llms.txt`: field order, types), not from
// src/nodes. Newer documents: optional fields without a default are `anyOf [X, null]`. `duration` is an INTEGER
// enum there (fal-js 1.10.1 in node_modules still typed it "2".."15"; fal's page shows `"duration": 5`, and the
// 381105e types follow it). No bounds: the "(0-2147483647)" of `seed` is only in its description.
// Price: $0.10 per second at 720p (../shared/reference/fal-video-prices.md, "Wan 2.7").

const ABOUT =
  "Wan 2.7 is the latest generation AI video model, delivering enhanced motion smoothness, " +
  "superior scene fidelity, and greater visual coherence.";
const seed = orNull(integer("Random seed for reproducibility (0-2147483647)."));
const safety = boolean("Enable content moderation for input and output.", { default: true });
const aspect = ["16:9", "9:16", "1:1", "4:3", "3:4"] as const;
const resolution = choice(["720p", "1080p"], "Output video resolution tier.", { default: "1080p" });
const output = {
  title: "TextToVideoOutput",
  properties: {
    video: videoOut("VideoFile", "The generated video file."),
    seed: integer("The seed used for generation."),
    actual_prompt: orNull(text("The actual prompt used if prompt rewriting was enabled.")),
  },
  required: ["video", "seed"],
};

export const wan27TextToVideo = catalogueEntry({
  endpointId: "fal-ai/wan/v2.7/text-to-video",
  displayName: "Wan 2.7 Text to Video",
  category: "text-to-video",
  description: ABOUT,
  tags: ["new"],
  date: "2026-09-10T00:00:00Z",
  document: {
    input: {
      title: "Wan27TextToVideoInput",
      properties: {
        prompt: text("Text prompt describing the desired video. Max 5000 characters.", {
          examples: ["A kitten running in a meadow, cinematic lighting, smooth camera movement."],
        }),
        audio_url: orNull(
          text(
            "URL of driving audio. Supports WAV and MP3. Duration: 3-30s. Max 15 MB. " +
              "If not provided, the model auto-generates matching background music.",
          ),
        ),
        aspect_ratio: choice(aspect, "Aspect ratio of the generated video.", { default: "16:9" }),
        resolution,
        duration: choice([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], "Output video duration in seconds (2-15).", {
          default: 5,
          examples: [5, 10, 15],
        }),
        negative_prompt: orNull(text("Content to avoid in the video. Max 500 characters.")),
        enable_prompt_expansion: boolean("Enable intelligent prompt rewriting.", { default: true }),
        seed,
        enable_safety_checker: safety,
      },
      required: ["prompt"],
    },
    output,
  },
  price: { unitPrice: 0.1, unit: "seconds" },
});

export const wan27EditVideo = catalogueEntry({
  endpointId: "fal-ai/wan/v2.7/edit-video",
  displayName: "Wan 2.7 Edit Video",
  category: "video-to-video",
  description: "Edit a video with Wan 2.7 from an instruction or a style description, optionally guided by an image.",
  date: "2026-09-10T00:00:00Z",
  document: {
    input: {
      title: "Wan27VideoEditInput",
      properties: {
        prompt: text("Editing instruction or style transfer description."),
        video_url: text("URL of the input video to edit. Format: MP4, MOV. Duration: 2-10s. Max 100 MB.", {
          examples: ["https://v3b.fal.media/files/b/example/input.mp4"],
        }),
        reference_image_url: orNull(text("Reference image URL for reference-based editing.")),
        resolution,
        aspect_ratio: orNull(
          choice(
            aspect,
            "Aspect ratio of the generated video. If not provided, uses the aspect ratio of the input video.",
          ),
        ),
        duration: choice(
          [0, 2, 3, 4, 5, 6, 7, 8, 9, 10],
          "Output video duration in seconds. Default 0 means match input video duration. " +
            "When set (2-10), truncates from the start.",
          { default: 0 },
        ),
        audio_setting: choice(
          ["auto", "origin"],
          "Audio handling. 'auto': model decides whether to regenerate audio. " +
            "'origin': preserve original audio from input video.",
          { default: "auto" },
        ),
        seed,
        enable_safety_checker: safety,
      },
      required: ["prompt", "video_url"],
    },
    output: { ...output, properties: { ...output.properties, video: videoOut("VideoFile", "The edited video file.") } },
  },
  price: { unitPrice: 0.1, unit: "seconds" },
});

/** A model whose document fal could not make: the Model API says so in `openapi` instead of a document. */
export const wan27ReferenceToVideo = catalogueEntry({
  endpointId: "fal-ai/wan/v2.7/reference-to-video",
  displayName: "Wan 2.7 Reference to Video",
  category: "image-to-video",
  description: "Wan 2.7 video from reference images and a prompt.",
  date: "2026-09-10T00:00:00Z",
  document: {
    error: { code: "openapi_unavailable", message: "The OpenAPI schema for this endpoint could not be generated." },
  },
  price: { unitPrice: 0.1, unit: "seconds" },
});

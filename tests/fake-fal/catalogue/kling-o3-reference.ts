import type { FalFieldError } from "../schemas/types";
import { catalogueEntry } from "./entry";
import { boolean, choice, listOf, objectSchema, ref, text, videoOut } from "./openapi";

// Kling O3 Standard reference-to-video, written from fal-js libs/client/src/types/endpoints.ts at commit 381105e
// (O3ProReferenceVideoI2VInput, KlingV3ComboElementInput, KlingV3MultiPromptElement, I2VOutput), not from
// src/nodes: reference images (`image_urls`), optional first and last frames (`start_image_url`, `end_image_url`),
// and lists of nested objects (`elements`, `multi_prompt`) given as `$ref`s to their own schemas. `duration` a
// string "3".."15". `prompt` is optional because `multi_prompt` may replace it: fal refuses both or neither
// (its model validator; see promptOrMultiPrompt). Price: $0.112 per second, the audio-on rate of Kling O3
// Standard reference (fal-video-prices.md).

const seconds = (from: number) => Array.from({ length: 16 - from }, (_, i) => String(from + i));

const element = objectSchema({
  title: "KlingV3ComboElementInput",
  properties: {
    frontal_image_url: text("The frontal image of the element (main view)."),
    reference_image_urls: listOf(
      { type: "string" },
      "Additional reference images from different angles. 1-3 images supported. At least one image is required.",
    ),
    video_url: text("The video URL of the element. A request can only have one element with a video."),
    voice_id: text("The voice ID for this element."),
  },
  required: [],
});
const shot = objectSchema({
  title: "KlingV3MultiPromptElement",
  properties: {
    prompt: text("The prompt for this shot."),
    duration: choice(seconds(1), "The duration of this shot in seconds", { default: "5" }),
  },
  required: ["prompt"],
});

/** fal's model validator: exactly one of `prompt` and `multi_prompt`. */
export function promptOrMultiPrompt(body: Record<string, unknown>): FalFieldError[] {
  const hasPrompt = body.prompt !== undefined && body.prompt !== null;
  const hasShots = body.multi_prompt !== undefined && body.multi_prompt !== null;
  if (hasPrompt !== hasShots) return [];
  const msg = "Value error, Either prompt or multi_prompt must be provided, but not both.";
  return [{ loc: ["body"], msg, type: "value_error", input: body }];
}

export const klingO3StandardReference = {
  ...catalogueEntry({
    endpointId: "fal-ai/kling-video/o3/standard/reference-to-video",
    displayName: "Kling O3 Standard Reference to Video",
    category: "image-to-video",
    description: "Kling O3 video that keeps characters and style from reference images and elements.",
    date: "2026-09-01T00:00:00Z",
    document: {
      input: {
        title: "O3ProReferenceVideoI2VInput",
        properties: {
          prompt: text(
            "Text prompt for video generation. Either prompt or multi_prompt must be provided, but not both.",
          ),
          multi_prompt: listOf(ref("KlingV3MultiPromptElement"), "List of prompts for multi-shot video generation."),
          start_image_url: text("Image to use as the first frame of the video."),
          end_image_url: text("Image to use as the last frame of the video."),
          image_urls: listOf(
            { type: "string" },
            "Reference images for style/appearance. Reference in prompt as @Image1, @Image2, etc. " +
              "Maximum 4 total (elements + reference images) when using video.",
          ),
          elements: listOf(
            ref("KlingV3ComboElementInput"),
            "Elements (characters/objects) to include. Reference in prompt as @Element1, @Element2.",
          ),
          generate_audio: boolean("Whether to generate native audio for the video."),
          duration: choice(seconds(3), "Video duration in seconds (3-15s).", { default: "5" }),
          shot_type: choice(
            ["customize", "intelligent"],
            "The type of multi-shot video generation. 'intelligent' lets the model automatically determine " +
              "shot structure.",
            { default: "customize" },
          ),
          aspect_ratio: choice(["16:9", "9:16", "1:1"], "The aspect ratio of the generated video frame.", {
            default: "16:9",
          }),
        },
        required: [],
      },
      output: {
        title: "I2VOutput",
        properties: { video: videoOut("File", "The generated video") },
        required: ["video"],
      },
      schemas: { KlingV3ComboElementInput: element, KlingV3MultiPromptElement: shot },
    },
    price: { unitPrice: 0.112, unit: "seconds" },
  }),
  check: promptOrMultiPrompt,
};

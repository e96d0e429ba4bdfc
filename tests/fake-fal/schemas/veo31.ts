import type { EndpointSchema, FieldRule } from "./types";

// Written from fal's client types (fal-ai/fal-js libs/client/src/types/endpoints.ts, commit 381105e:
// Veo31Input, Veo31ImageToVideoInput, Veo31ExtendVideoInput; the Fast endpoints alias them), not from
// src/nodes. Durations are strings ("8s"); results are `{ video: File }`.

const prompt: FieldRule = { type: "string", required: true };
const duration: FieldRule = { type: "string", required: false, enum: ["4s", "6s", "8s"], default: "8s" };
const resolution: FieldRule = { type: "string", required: false, enum: ["720p", "1080p", "4k"], default: "720p" };
const generateAudio: FieldRule = { type: "boolean", required: false, default: true };
const negativePrompt: FieldRule = { type: "string", required: false };
const seed: FieldRule = { type: "integer", required: false };
const safetyTolerance: FieldRule = {
  type: "string",
  required: false,
  enum: ["1", "2", "3", "4", "5", "6"],
  default: "4",
};
const autoAspect: FieldRule = { type: "string", required: false, enum: ["auto", "16:9", "9:16"], default: "auto" };

const textToVideoFields: Record<string, FieldRule> = {
  prompt,
  aspect_ratio: { type: "string", required: false, enum: ["16:9", "9:16"], default: "16:9" },
  auto_fix: { type: "boolean", required: false, default: true },
  duration,
  generate_audio: generateAudio,
  negative_prompt: negativePrompt,
  resolution,
  safety_tolerance: safetyTolerance,
  seed,
};

const imageToVideoFields: Record<string, FieldRule> = {
  prompt,
  image_url: { type: "string", required: true },
  aspect_ratio: autoAspect,
  auto_fix: { type: "boolean", required: false, default: false },
  duration,
  generate_audio: generateAudio,
  negative_prompt: negativePrompt,
  resolution,
  safety_tolerance: safetyTolerance,
  seed,
};

export const veo31Schemas: readonly EndpointSchema[] = [
  { endpoint: "fal-ai/veo3.1", output: "video", fields: textToVideoFields },
  { endpoint: "fal-ai/veo3.1/fast", output: "video", fields: textToVideoFields },
  { endpoint: "fal-ai/veo3.1/image-to-video", output: "video", fields: imageToVideoFields },
  { endpoint: "fal-ai/veo3.1/fast/image-to-video", output: "video", fields: imageToVideoFields },
  {
    endpoint: "fal-ai/veo3.1/extend-video",
    output: "video",
    fields: {
      prompt,
      video_url: { type: "string", required: true },
      aspect_ratio: autoAspect,
      auto_fix: { type: "boolean", required: false, default: false },
      // Typed as a plain string with defaults "7s" / "720p"; the schema lists no other choices.
      duration: { type: "string", required: false, default: "7s" },
      generate_audio: generateAudio,
      negative_prompt: negativePrompt,
      resolution: { type: "string", required: false, default: "720p" },
      safety_tolerance: safetyTolerance,
      seed,
    },
  },
];

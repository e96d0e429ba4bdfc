import type { EndpointSchema, FieldRule } from "./types";

// Written from fal's client types (fal-ai/fal-js libs/client/src/types/endpoints.ts, commit 381105e:
// O3ProTextToVideoInput, O3ProImageToVideoInput, O3ProEditVideoV2VInput; Standard aliases the Pro types),
// not from src/nodes. `duration` is a string "3".."15"; results are `{ video: File }`.
// `prompt` is optional in the schema only because `multi_prompt` may replace it; without multi_prompt (whose
// list type this fake does not model) fal needs it, so it is required here.

const prompt: FieldRule = { type: "string", required: true };
const duration: FieldRule = {
  type: "string",
  required: false,
  enum: ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"],
  default: "5",
};
const generateAudio: FieldRule = { type: "boolean", required: false, default: false };
const shotType: FieldRule = {
  type: "string",
  required: false,
  enum: ["customize", "intelligent"],
  default: "customize",
};

const textToVideo: Record<string, FieldRule> = {
  prompt,
  aspect_ratio: { type: "string", required: false, enum: ["16:9", "9:16", "1:1"], default: "16:9" },
  duration,
  generate_audio: generateAudio,
  shot_type: shotType,
};
const imageToVideo: Record<string, FieldRule> = {
  prompt,
  image_url: { type: "string", required: true },
  end_image_url: { type: "string", required: false },
  duration,
  generate_audio: generateAudio,
  shot_type: shotType,
};
const edit: Record<string, FieldRule> = {
  prompt,
  video_url: { type: "string", required: true },
  keep_audio: { type: "boolean", required: false, default: true },
  // A plain string in the edit schema (no enum).
  shot_type: { type: "string", required: false, default: "customize" },
};

export const klingO3Schemas: readonly EndpointSchema[] = [
  { endpoint: "fal-ai/kling-video/o3/standard/text-to-video", output: "video", fields: textToVideo },
  { endpoint: "fal-ai/kling-video/o3/pro/text-to-video", output: "video", fields: textToVideo },
  { endpoint: "fal-ai/kling-video/o3/standard/image-to-video", output: "video", fields: imageToVideo },
  { endpoint: "fal-ai/kling-video/o3/pro/image-to-video", output: "video", fields: imageToVideo },
  { endpoint: "fal-ai/kling-video/o3/standard/video-to-video/edit", output: "video", fields: edit },
  { endpoint: "fal-ai/kling-video/o3/pro/video-to-video/edit", output: "video", fields: edit },
];

import type { EndpointSchema, FieldRule } from "./types";

// Written from fal's client types (fal-ai/fal-js libs/client/src/types/endpoints.ts, commit 381105e:
// Seedance2T2VInput, Seedance2T2VFastInput, Seedance2I2VInput), not from src/nodes. `duration` is a string,
// "auto" or "4".."15"; results are `{ seed, video: File }`.

const prompt: FieldRule = { type: "string", required: true };
const aspectRatio: FieldRule = {
  type: "string",
  required: false,
  enum: ["auto", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"],
  default: "auto",
};
const bitrateMode: FieldRule = { type: "string", required: false, enum: ["standard", "high"], default: "standard" };
const duration: FieldRule = {
  type: "string",
  required: false,
  enum: ["auto", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"],
  default: "auto",
};
const endUserId: FieldRule = { type: "string", required: false };
const generateAudio: FieldRule = { type: "boolean", required: false, default: true };
const resolutionFull: FieldRule = {
  type: "string",
  required: false,
  enum: ["480p", "720p", "1080p", "4k"],
  default: "720p",
};

/** What every Seedance 2.0 endpoint takes after its prompt (and images); they differ in resolutions. */
const common = {
  aspect_ratio: aspectRatio,
  bitrate_mode: bitrateMode,
  duration,
  end_user_id: endUserId,
  generate_audio: generateAudio,
};

export const seedance2Schemas: readonly EndpointSchema[] = [
  {
    endpoint: "bytedance/seedance-2.0/text-to-video",
    output: "video-with-seed",
    fields: { prompt, ...common, resolution: resolutionFull },
  },
  {
    endpoint: "bytedance/seedance-2.0/fast/text-to-video",
    output: "video-with-seed",
    fields: {
      prompt,
      ...common,
      resolution: { type: "string", required: false, enum: ["480p", "720p"], default: "720p" },
    },
  },
  {
    endpoint: "bytedance/seedance-2.0/image-to-video",
    output: "video-with-seed",
    fields: {
      prompt,
      image_url: { type: "string", required: true },
      end_image_url: { type: "string", required: false },
      ...common,
      resolution: resolutionFull,
    },
  },
];

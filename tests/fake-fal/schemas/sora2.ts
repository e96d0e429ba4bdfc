import type { EndpointSchema, FieldRule } from "./types";

// Written from fal's published Sora 2 schemas (shared/seeds/sora-2-endpoints.md), not from src/nodes.
// `duration` is a JSON number; fal's newer schemas add `delete_video` (default true: the video is
// deleted after generation and can no longer be remixed).

const prompt: FieldRule = { type: "string", required: true };
const duration: FieldRule = { type: "number-enum", required: false, enum: [4, 8, 12], default: 4 };
const deleteVideo: FieldRule = { type: "boolean", required: false, default: true };

export const sora2TextToVideo: EndpointSchema = {
  endpoint: "fal-ai/sora-2/text-to-video",
  output: "sora-video",
  fields: {
    prompt,
    resolution: { type: "string", required: false, enum: ["720p"], default: "720p" },
    aspect_ratio: { type: "string", required: false, enum: ["9:16", "16:9"], default: "16:9" },
    duration,
    delete_video: deleteVideo,
  },
};

export const sora2TextToVideoPro: EndpointSchema = {
  endpoint: "fal-ai/sora-2/text-to-video/pro",
  output: "sora-video",
  fields: {
    prompt,
    resolution: { type: "string", required: false, enum: ["720p", "1080p"], default: "1080p" },
    aspect_ratio: { type: "string", required: false, enum: ["9:16", "16:9"], default: "16:9" },
    duration,
    delete_video: deleteVideo,
  },
};

export const sora2ImageToVideo: EndpointSchema = {
  endpoint: "fal-ai/sora-2/image-to-video",
  output: "sora-video",
  fields: {
    prompt,
    image_url: { type: "string", required: true },
    resolution: { type: "string", required: false, enum: ["auto", "720p"], default: "auto" },
    aspect_ratio: { type: "string", required: false, enum: ["auto", "9:16", "16:9"], default: "auto" },
    duration,
    delete_video: deleteVideo,
  },
};

export const sora2ImageToVideoPro: EndpointSchema = {
  endpoint: "fal-ai/sora-2/image-to-video/pro",
  output: "sora-video",
  fields: {
    prompt,
    image_url: { type: "string", required: true },
    resolution: { type: "string", required: false, enum: ["auto", "720p", "1080p"], default: "auto" },
    aspect_ratio: { type: "string", required: false, enum: ["auto", "9:16", "16:9"], default: "auto" },
    duration,
    delete_video: deleteVideo,
  },
};

export const sora2Remix: EndpointSchema = {
  endpoint: "fal-ai/sora-2/video-to-video/remix",
  output: "sora-video",
  remixField: "video_id",
  fields: {
    video_id: { type: "string", required: true },
    prompt,
    delete_video: deleteVideo,
  },
};

export const sora2Schemas: readonly EndpointSchema[] = [
  sora2TextToVideo,
  sora2TextToVideoPro,
  sora2ImageToVideo,
  sora2ImageToVideoPro,
  sora2Remix,
];

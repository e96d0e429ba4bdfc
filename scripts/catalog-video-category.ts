import type { VideoCategory } from "../src/nodes/catalogue/fal-api";

/**
 * Which of fal's video categories an endpoint of fal-js belongs to, from its id and its input fields, the way
 * fal files its own models: fal-js's types carry no category, so this is the one judgement the first snapshot
 * makes. `undefined` leaves the endpoint out (audio-driven avatars, trainers, LoRA variants, retired models).
 */

/** An input field as the classifier sees it: its name and whether the request must carry it. */
export interface InputField {
  name: string;
  required: boolean;
}

/** Endpoints fal-js still lists that fal has removed (the snapshot holds only active models). */
export const RETIRED_ENDPOINTS: ReadonlyMap<string, string> = new Map([
  ["fal-ai/sora-2/text-to-video", "2026-09-24"],
  ["fal-ai/sora-2/text-to-video/pro", "2026-09-24"],
  ["fal-ai/sora-2/image-to-video", "2026-09-24"],
  ["fal-ai/sora-2/image-to-video/pro", "2026-09-24"],
  ["fal-ai/sora-2/video-to-video/remix", "2026-09-24"],
]);

const LEFT_OUT_IDS = [
  /audio-to-video|speech-to-video/, // driven by an audio track Reelflow has no port for
  /trainer/,
  /(^|[/-])lora($|\/)/, // variants that exist to take LoRA weights
];
const VIDEO_FIELD = /(^|_)video_urls?$|_video_url(_|$)|^videos?$/; // `video`: LTX's conditioning object
const IMAGE_FIELD = /image_urls?$|image_url_|frame_url$|_img_url$/;
const AUDIO_FIELD = /(^|_)audio_url/;
const EDITS_A_VIDEO = /extend|edit|remix|retake|video-to-video|modify|reframe/;
const FROM_IMAGES = /image-to-video|first-last-frame|start-end|flf2v|reference-to-video|(^|\/)i2v$/;

export function videoCategoryOf(endpointId: string, inputs: readonly InputField[]): VideoCategory | undefined {
  if (RETIRED_ENDPOINTS.has(endpointId) || LEFT_OUT_IDS.some((re) => re.test(endpointId))) return undefined;
  const has = (re: RegExp, onlyRequired = false) =>
    inputs.some((field) => re.test(field.name) && (field.required || !onlyRequired));
  if (has(AUDIO_FIELD, true)) return undefined;
  if (has(VIDEO_FIELD, true)) return "video-to-video";
  if (has(VIDEO_FIELD) && /reference-to-video/.test(endpointId)) return "video-to-video";
  if (has(VIDEO_FIELD) && EDITS_A_VIDEO.test(endpointId)) return "video-to-video";
  if (/text-to-video|(^|\/)t2v$/.test(endpointId)) return "text-to-video";
  if (FROM_IMAGES.test(endpointId) || has(IMAGE_FIELD, true)) return "image-to-video";
  if (inputs.some((field) => field.name === "prompt")) return "text-to-video";
  if (has(IMAGE_FIELD)) return "image-to-video";
  return undefined;
}

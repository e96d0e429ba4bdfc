/**
 * What a Remix-kind model does with the clip on its input. A prompt means different things to each: to an edit
 * it is the change ("make it night"), to an extend what happens after the clip ends. The node, its prompt field
 * and the model picker say which, so a prompt written for a restyle does not silently become an extension.
 */
export type VideoAction = "edit" | "extend" | "reference" | "upscale" | "lip-sync" | "other";

export interface VideoActionWords {
  /** "Extend": shown before what it does on the node. */
  name: string;
  /** "continues the clip": a picker row's few words. */
  verb: string;
  /** What the prompt is for, after the verb on the node. */
  prompt: string;
  /** The prompt field's placeholder. */
  placeholder: string;
}

export const VIDEO_ACTIONS: Readonly<Record<VideoAction, VideoActionWords>> = {
  edit: {
    name: "Edit",
    verb: "restyles the clip",
    prompt: "the prompt describes the change",
    placeholder: "Describe the change: a new look, style or setting…",
  },
  extend: {
    name: "Extend",
    verb: "continues the clip",
    prompt: "the prompt describes what happens next",
    placeholder: "Describe what happens next, after the clip ends…",
  },
  reference: {
    name: "Reference",
    verb: "follows the clip",
    prompt: "the prompt describes a new clip that takes its motion or look",
    placeholder: "Describe the new clip…",
  },
  upscale: {
    name: "Upscale",
    verb: "upscales the clip",
    prompt: "same content at a higher resolution",
    placeholder: "Usually not needed for an upscale",
  },
  "lip-sync": {
    name: "Lip-sync",
    verb: "re-voices the clip",
    prompt: "its speech or lips are changed to match",
    placeholder: "Type a prompt or connect a Prompt node",
  },
  other: {
    name: "Video to video",
    verb: "changes the clip",
    prompt: "see the model's fal page for how",
    placeholder: "Type a prompt or connect a Prompt node",
  },
};

/** Words in an endpoint id or a model's name, first match wins (a "video-to-video/reference" is a reference). */
const BY_WORDS: readonly (readonly [RegExp, VideoAction])[] = [
  [/extend|extension/, "extend"],
  [/upscal|enhancer|vsr|super-?res/, "upscale"],
  [/lip-?sync|dubbing|translate/, "lip-sync"],
  [/reference|motion-control|motion-transfer|pose-transfer|animate|video-as-prompt/, "reference"],
  [/edit|modify|restyle|retake|swap|inpaint|outpaint|remix|replace|relight|recamera|reframe|video-to-video/, "edit"],
];

/**
 * What a fal video-to-video endpoint does, read from its id and display name (fal files them all under one
 * category, "video-to-video"; their ids say "extend-video", "video-to-video/edit", "upscale/video"…).
 */
export function videoActionFromId(endpoint: string, name = ""): VideoAction {
  const words = `${endpoint} ${name}`.toLowerCase().replace(/\s+/g, "-");
  return BY_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? "other";
}

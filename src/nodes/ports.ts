import type { PortType } from "./types";

/**
 * Handle ids, in one place. Edges in saved files name these strings, node definitions
 * declare their ports with them, and the canvas renders handles from the definitions, so
 * a rename here is a format change (and needs a migration), never an accident.
 */
export const OUTPUT = { text: "text", image: "image", video: "video" } as const;
export const INPUT = {
  prompt: "prompt",
  image: "image",
  endImage: "end_image",
  images: "images",
  video: "video",
} as const;

export type OutputHandle = (typeof OUTPUT)[keyof typeof OUTPUT];
export type InputHandle = (typeof INPUT)[keyof typeof INPUT];

/** "text", "an image", "a video": for sentences such as "takes an image, not text". */
export function portTypeWords(type: PortType): string {
  switch (type) {
    case "text":
      return "text";
    case "image":
      return "an image";
    case "video":
      return "a video";
    default: {
      const _: never = type;
      return _;
    }
  }
}

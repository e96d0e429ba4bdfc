import { catalogueEntry } from "./entry";
import { choice, number, orNull, text, type JsonSchema } from "./openapi";

// LTX 2.3 extend-video, written from fal-js libs/client/src/types/endpoints.ts at commit 381105e
// (Ltx23ExtendVideoInput, its output a VideoFile) and fal's model page (`/llms.txt`: `duration` a float, "Range:
// 2 to 20"; `context` a float, "Range: 1 to 20"; price "$0.10 per second"), not from src/nodes. Those two ranges
// are the only bounds in this folder: the page prints them from the schema's minimum/maximum. The output refers
// to VideoFile through `allOf`, as some fal documents do.

const allOfVideoFile: JsonSchema = {
  allOf: [{ $ref: "#/components/schemas/VideoFile" }],
  description: "The extended video file",
};

export const ltx23ExtendVideo = catalogueEntry({
  endpointId: "fal-ai/ltx-2.3/extend-video",
  displayName: "LTX 2.3 Extend Video",
  category: "video-to-video",
  description: "Extend a video at its end or its start with LTX 2.3.",
  date: "2026-09-25T00:00:00Z",
  document: {
    input: {
      title: "Ltx2ExtendVideoInput",
      properties: {
        video_url: text("The URL of the video to extend", {
          examples: ["https://v3b.fal.media/files/b/example/input.mp4"],
        }),
        prompt: orNull(
          text("Description of what should happen in the extended portion of the video.", {
            examples: ["Continue the motion smoothly"],
          }),
        ),
        duration: number("Duration in seconds to extend the video. Minimum 2 seconds, maximum 20 seconds.", {
          default: 5,
          minimum: 2,
          maximum: 20,
        }),
        mode: choice(
          ["start", "end"],
          "Where to extend the video: 'end' extends at the end, 'start' extends at the beginning.",
          { default: "end" },
        ),
        context: orNull(
          number(
            "Number of seconds from the input video to use as context for the extension (minimum 1 second, " +
              "maximum 20 seconds). If not provided, defaults to maximize available context within the 505 " +
              "frame limit.",
            { minimum: 1, maximum: 20 },
          ),
        ),
      },
      required: ["video_url"],
    },
    output: { title: "ExtendVideoOutput", properties: { video: allOfVideoFile }, required: ["video"] },
  },
  price: { unitPrice: 0.1, unit: "seconds" },
});

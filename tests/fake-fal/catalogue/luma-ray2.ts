import { catalogueEntry } from "./entry";
import { boolean, choice, text, videoOut } from "./openapi";

// Luma Ray 2 text-to-video, written from fal-js libs/client/src/types/endpoints.ts at commit 381105e
// (LumaDreamMachineRay2Input, I2VOutput), not from src/nodes. Its descriptions say the price is per clip ("9s
// costs 2x more", "720p costs 2x more, 1080p costs 4x more"), so its row here has unit "videos": $0.50 per 5 s
// 540p clip, the per-clip figure fal-video-prices.md gives for Luma's Ray 3.2 at 540p. Test data: Ray 2's own
// rate was not checked against fal.

export const lumaRay2 = catalogueEntry({
  endpointId: "fal-ai/luma-dream-machine/ray-2",
  displayName: "Luma Ray 2",
  category: "text-to-video",
  description:
    "Ray2 is a large-scale video generative model capable of creating realistic visuals with natural, coherent motion.",
  date: "2025-02-01T00:00:00Z",
  document: {
    input: {
      title: "Ray2TextToVideoRequest",
      properties: {
        prompt: text("", { examples: ["A herd of wild horses galloping across a dusty desert plain"] }),
        aspect_ratio: choice(
          ["16:9", "9:16", "4:3", "3:4", "21:9", "9:21"],
          "The aspect ratio of the generated video",
          { default: "16:9" },
        ),
        loop: boolean("Whether the video should loop (end of video is blended with the beginning)", {
          default: false,
        }),
        resolution: choice(
          ["540p", "720p", "1080p"],
          "The resolution of the generated video (720p costs 2x more, 1080p costs 4x more)",
          { default: "540p" },
        ),
        duration: choice(["5s", "9s"], "The duration of the generated video (9s costs 2x more)", { default: "5s" }),
      },
      required: ["prompt"],
    },
    output: {
      title: "Ray2T2VOutput",
      properties: { video: videoOut("File", "The generated video") },
      required: ["video"],
    },
  },
  price: { unitPrice: 0.5, unit: "videos" },
});

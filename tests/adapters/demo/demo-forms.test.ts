import { beforeAll, describe, expect, it } from "vitest";
import { loadSnapshot } from "../../../src/adapters/catalogue/snapshot";
import type { ClipSpec } from "../../../src/adapters/demo/clip-renderer";
import { aspectOf, firstImageOf } from "../../../src/adapters/demo/clip-spec";
import { createDemoInferenceClient, type DemoResult } from "../../../src/adapters/demo/demo-client";
import { endpointId } from "../../../src/domain/ids";
import type { FalModel } from "../../../src/nodes/catalogue/fal-api";

// The forms fal's models write a request in, as the demo client reads them: the length of the video (8, "8", "8s",
// a frame count over a rate, an edit's source), the frame's shape, the first frame, and the result's other fields.

const CLIP_SECONDS = 1.5;
let models: Map<string, FalModel>;
beforeAll(async () => {
  models = new Map((await loadSnapshot()).models.map((m) => [m.endpoint_id, m]));
});

function demo() {
  const rendered: ClipSpec[] = [];
  let n = 0;
  const client = createDemoInferenceClient({
    delayMs: 0,
    clipSeconds: CLIP_SECONDS,
    render: async (spec) => {
      rendered.push(spec);
      return new Blob(["clip"], { type: "video/webm" });
    },
    urlFor: () => `blob:demo/${++n}`,
    describe: async (endpoint) => models.get(endpoint),
  });
  const run = async (endpoint: string, input: Record<string, unknown>): Promise<DemoResult> => {
    const id = await client.submit(endpointId(endpoint), input);
    await client.watch(endpointId(endpoint), id, () => undefined);
    return (await client.result(endpointId(endpoint), id)) as DemoResult;
  };
  return { run, rendered };
}

const seconds = async (input: Record<string, unknown>, d = demo()) =>
  (await d.run("fal-ai/some/model", input)).video.duration;

describe("the length of a simulated clip", () => {
  it("is the length asked in any of fal's forms", async () => {
    expect(await seconds({ duration: 8 })).toBe(8);
    expect(await seconds({ duration: "8" })).toBe(8);
    expect(await seconds({ duration: "8s" })).toBe(8);
    expect(await seconds({ duration: "6.5s" })).toBe(6.5);
    expect(await seconds({ seconds: "12" })).toBe(12);
    expect(await seconds({ video_duration: 10 })).toBe(10);
  });

  it("is frames over the frame rate when the request counts frames", async () => {
    expect(await seconds({ num_frames: 81, frames_per_second: 16 })).toBe(5.063);
    expect(await seconds({ num_frames: 121, fps: 25 })).toBe(4.84);
    expect(await seconds({ num_frames: 121, frame_rate: 24 })).toBe(5.042);
    // One frame is a frame interpolator's count of frames added, not a clip; frames with no rate say no length.
    expect(await seconds({ num_frames: 1, fps: 8 })).toBe(CLIP_SECONDS);
    expect(await seconds({ num_frames: 96 })).toBe(CLIP_SECONDS);
  });

  it("is the clip's own when the model decides (auto, 0) or the request says nothing", async () => {
    expect(await seconds({ duration: "auto" })).toBe(CLIP_SECONDS);
    expect(await seconds({ duration: "0" })).toBe(CLIP_SECONDS);
    expect(await seconds({ duration: 0 })).toBe(CLIP_SECONDS);
    expect(await seconds({ prompt: "a kite" })).toBe(CLIP_SECONDS);
  });

  it("follows an edit's source when the demo made it, and the edit's own length first", async () => {
    const d = demo();
    const source = await d.run("fal-ai/veo3.1", { prompt: "a kite", duration: "8s" });
    expect(await seconds({ video_url: source.video.url }, d)).toBe(8);
    expect(await seconds({ source_video_url: source.video.url, prompt: "night" }, d)).toBe(8);
    expect(await seconds({ video_url: source.video.url, duration: "5" }, d)).toBe(5);
    expect(await seconds({ video_url: "https://example.com/outside.mp4" }, d)).toBe(CLIP_SECONDS);
  });
});

describe("what a simulated clip shows", () => {
  it("takes the frame's shape from the aspect ratio or fal's named and explicit sizes", () => {
    expect(aspectOf({ aspect_ratio: "9:16" })).toBe(9 / 16);
    expect(aspectOf({ aspect_ratio: "1:1" })).toBe(1);
    expect(aspectOf({ aspect_ratio: "4:3" })).toBe(4 / 3);
    expect(aspectOf({ image_size: "portrait_16_9" })).toBe(9 / 16);
    expect(aspectOf({ video_size: "landscape_4_3" })).toBe(4 / 3);
    expect(aspectOf({ image_size: "square_hd" })).toBe(1);
    expect(aspectOf({ video_size: { width: 720, height: 1280 } })).toBe(720 / 1280);
    // Nothing said, "auto", or a shape no screen shows: 16:9, or the nearest of 21:9 and 9:21.
    expect(aspectOf({ aspect_ratio: "auto" })).toBe(16 / 9);
    expect(aspectOf({})).toBe(16 / 9);
    expect(aspectOf({ aspect_ratio: "32:9" })).toBe(21 / 9);
  });

  it("draws over the first frame the request names, never a mask or an end frame", () => {
    expect(firstImageOf({ image_url: "blob:a", end_image_url: "blob:b" })).toBe("blob:a");
    expect(firstImageOf({ mask_image_url: "blob:m", start_image_url: "blob:s" })).toBe("blob:s");
    const references = { last_frame_image_url: "blob:l", reference_image_urls: ["blob:r1", "blob:r2"] };
    expect(firstImageOf(references)).toBe("blob:r1");
    expect(firstImageOf({ prompt: "no image" })).toBeUndefined();
  });

  it("lists the params on the clip but no file URLs", async () => {
    const d = demo();
    await d.run("fal-ai/some/edit", {
      prompt: "p",
      video_url: "blob:v",
      image_urls: ["blob:i"],
      resolution: "720p",
      seed: 3,
    });
    expect(d.rendered[0]?.details).toEqual(["resolution: 720p", "seed: 3"]);
  });
});

describe("the other fields of a simulated result", () => {
  it("holds what the result schema requires: the seed asked (or a stable one), the prompt, timings", async () => {
    const d = demo();
    const asked = await d.run("fal-ai/cogvideox-5b", { prompt: "a kite", seed: 42 });
    expect(asked).toMatchObject({ seed: 42, prompt: "a kite", timings: {}, simulated: true });
    const a = await d.run("fal-ai/cogvideox-5b", { prompt: "a boat" });
    const b = await d.run("fal-ai/cogvideox-5b", { prompt: "a boat" });
    expect(typeof a.seed).toBe("number");
    expect(a.seed).toBe(b.seed);
  });

  it("says sizes and lengths from the clip itself; nothing more for a model with no description", async () => {
    const d = demo();
    const scaled = await d.run("fal-ai/workflow-utilities/scale-video", { video_url: "https://example.com/v.mp4" });
    expect(scaled).toMatchObject({ scaled_width: 384, scaled_height: 216, original_width: 384, original_height: 216 });
    const trimmed = await d.run("fal-ai/workflow-utilities/trim-video", { video_url: "https://example.com/v.mp4" });
    expect(trimmed).toMatchObject({ original_duration: CLIP_SECONDS, trimmed_duration: CLIP_SECONDS });
    const curated = await d.run("fal-ai/sora-2/text-to-video", { prompt: "a kite", duration: 4 });
    expect(Object.keys(curated).sort()).toEqual(["simulated", "video", "video_id"]);
  });
});

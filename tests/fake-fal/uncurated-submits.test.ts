import { ApiError, createFalClient } from "@fal-ai/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeFal, type FakeFal } from "./server";

// Submits to the uncurated endpoints, validated against the documents the fake serves, as fal's pydantic models
// would: one accepted body per endpoint through the real @fal-ai/client, with the result in fal's output shape,
// and the refusals a wrong param gets (422 `{detail: [{loc, msg, type}]}`, no job).

let fake: FakeFal;
beforeAll(async () => {
  fake = await startFakeFal({ switches: { queueMs: 0, runMs: 20, streamIntervalMs: 10 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

const IMG = "https://v3.fal.media/files/example/frame.png";
const VID = "https://v3.fal.media/files/example/clip.mp4";
const KLING_REF = "fal-ai/kling-video/o3/standard/reference-to-video";
const FILE_SHAPE = {
  url: expect.stringMatching(/\/media\/video_.*\.mp4$/),
  content_type: "video/mp4",
  file_name: expect.stringMatching(/\.mp4$/),
  file_size: expect.any(Number),
};
const videoFile = (duration: number) => ({
  ...FILE_SHAPE,
  width: null,
  height: null,
  fps: null,
  duration,
  num_frames: null,
});

async function run(endpoint: string, input: Record<string, unknown>) {
  const fal = createFalClient({ proxyUrl: { url: fake.url, when: "always" } });
  const { data } = await fal.subscribe(endpoint, { input, pollInterval: 20 });
  const submit = fake.requestsOf("submit").at(-1);
  expect(submit?.body, endpoint).toEqual(input);
  expect(submit?.ignoredFields, endpoint).toEqual([]);
  return data as Record<string, unknown>;
}

async function servesMp4(url: unknown) {
  const bytes = new Uint8Array(await (await fetch(String(url))).arrayBuffer());
  expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
}

describe("fake fal: one submit per uncurated endpoint through the real client", () => {
  it("Wan 2.7 text-to-video: integer duration, nullable fields, a VideoFile as long as asked, the seed", async () => {
    const input = {
      prompt: "a fox",
      duration: 10,
      resolution: "720p",
      aspect_ratio: "9:16",
      seed: 7,
      negative_prompt: null,
    };
    const data = await run("fal-ai/wan/v2.7/text-to-video", input);
    expect(data).toEqual({ video: videoFile(10), seed: 7, actual_prompt: "a fox" });
    await servesMp4((data.video as { url: string }).url);
  });

  it("Luma Ray 2 text-to-video: string duration, a File", async () => {
    const input = { prompt: "waves", duration: "9s", resolution: "720p", loop: true };
    const data = await run("fal-ai/luma-dream-machine/ray-2", input);
    expect(data).toEqual({ video: FILE_SHAPE });
    expect(fake.jobs[0]?.durationSec).toBe(9);
  });

  it("Veo 3.1 Lite image-to-video", async () => {
    const input = { prompt: "she smiles", image_url: IMG, duration: "4s", resolution: "1080p", generate_audio: false };
    expect(await run("fal-ai/veo3.1/lite/image-to-video", input)).toEqual({ video: FILE_SHAPE });
    expect(fake.jobs[0]?.durationSec).toBe(4);
  });

  it("MiniMax H3 image-to-video with an end image", async () => {
    const input = { prompt: "dolly in", image_url: IMG, end_image_url: `${IMG}?end`, duration: 6 };
    expect(await run("minimax/h3/image-to-video", input)).toEqual({ video: FILE_SHAPE });
    expect(fake.jobs[0]?.durationSec).toBe(6);
  });

  it("Veo 3.1 Fast first/last frame", async () => {
    const input = { prompt: "morph", first_frame_url: IMG, last_frame_url: `${IMG}?last`, duration: "6s" };
    expect(await run("fal-ai/veo3.1/fast/first-last-frame-to-video", input)).toEqual({ video: FILE_SHAPE });
    expect(fake.jobs[0]?.durationSec).toBe(6);
  });

  it("Seedance 2.0 reference-to-video with several images", async () => {
    const images = [IMG, `${IMG}?2`, `${IMG}?3`];
    const input = { prompt: "@Image1 meets @Image2", image_urls: images, duration: "8", resolution: "1080p" };
    expect(await run("bytedance/seedance-2.0/reference-to-video", input)).toEqual({ video: FILE_SHAPE, seed: 42 });
    expect(fake.jobs[0]?.durationSec).toBe(8);
  });

  it("Kling O3 Standard reference-to-video with images and a nested element", async () => {
    const input = {
      prompt: "@Element1 walks",
      image_urls: [IMG, `${IMG}?2`],
      start_image_url: IMG,
      duration: "7",
      elements: [{ frontal_image_url: IMG, reference_image_urls: [`${IMG}?side`] }],
    };
    expect(await run(KLING_REF, input)).toEqual({ video: FILE_SHAPE });
    expect(fake.jobs[0]?.durationSec).toBe(7);
  });

  it("LTX 2.3 extend: a float duration within its range, a VideoFile through allOf", async () => {
    const input = { video_url: VID, prompt: "keep going", duration: 7.5, mode: "start", context: 3 };
    expect(await run("fal-ai/ltx-2.3/extend-video", input)).toEqual({ video: videoFile(7.5) });
  });

  it("Wan 2.7 edit-video", async () => {
    const input = { prompt: "as watercolour", video_url: VID, duration: 3, audio_setting: "origin" };
    const data = await run("fal-ai/wan/v2.7/edit-video", input);
    expect(data).toEqual({ video: videoFile(3), seed: 42, actual_prompt: "as watercolour" });
  });

  it("FLUX.1 [dev], an image model: images, not a video", async () => {
    const input = { prompt: "a cat", num_images: 2, image_size: { width: 640, height: 480 } };
    const data = await run("fal-ai/flux/dev", input);
    expect(data).toMatchObject({
      images: [expect.objectContaining({ content_type: "image/jpeg" }), expect.any(Object)],
      seed: 42,
      prompt: "a cat",
      has_nsfw_concepts: [false, false],
      timings: {},
    });
    expect(data).not.toHaveProperty("video");
  });

  it("a wrong param reaches the client as fal's 422, and no job is made", async () => {
    const fal = createFalClient({ proxyUrl: { url: fake.url, when: "always" } });
    const input = { prompt: "x", duration: "5" } as never;
    const err = await fal.queue.submit("fal-ai/wan/v2.7/text-to-video", { input }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiError = err as ApiError<{ detail: { loc: string[] }[] }>;
    expect(apiError.status).toBe(422);
    expect(apiError.body.detail[0]?.loc).toEqual(["body", "duration"]);
    expect(fake.submittedCount()).toBe(0);
  });
});

/** A submit through the proxy protocol. */
function post(endpoint: string, body: unknown) {
  return fetch(fake.url, {
    method: "POST",
    headers: { "x-fal-target-url": `https://queue.fal.run/${endpoint}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** A submit answered with fal's 422 details, and no job made. */
async function refused(endpoint: string, body: unknown) {
  const res = await post(endpoint, body);
  expect(res.status, JSON.stringify(body)).toBe(422);
  expect(fake.submittedCount()).toBe(0);
  const { detail } = (await res.json()) as { detail: { loc: (string | number)[]; msg: string; type: string }[] };
  return detail.map(({ loc, msg, type }) => ({ loc, msg, type }));
}

describe("fake fal: uncurated submits refused as fal's pydantic models refuse them", () => {
  it("enums: a string where the integer choice is wanted, a choice the endpoint lacks", async () => {
    expect(await refused("fal-ai/wan/v2.7/text-to-video", { prompt: "x", duration: "5" })).toEqual([
      {
        loc: ["body", "duration"],
        msg: "Input should be 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 or 15",
        type: "enum",
      },
    ]);
    const lite = { prompt: "x", image_url: IMG, resolution: "4k" };
    expect(await refused("fal-ai/veo3.1/lite/image-to-video", lite)).toEqual([
      { loc: ["body", "resolution"], msg: "Input should be '720p' or '1080p'", type: "enum" },
    ]);
    const edit = { prompt: "x", video_url: VID, duration: 1, aspect_ratio: "2:1" };
    expect(await refused("fal-ai/wan/v2.7/edit-video", edit)).toEqual([
      { loc: ["body", "aspect_ratio"], msg: "Input should be '16:9', '9:16', '1:1', '4:3' or '3:4'", type: "enum" },
      { loc: ["body", "duration"], msg: "Input should be 0, 2, 3, 4, 5, 6, 7, 8, 9 or 10", type: "enum" },
    ]);
    expect(await refused("fal-ai/luma-dream-machine/ray-2", { prompt: "x", duration: 5 })).toEqual([
      { loc: ["body", "duration"], msg: "Input should be '5s' or '9s'", type: "enum" },
    ]);
  });

  it("required fields, types and ranges", async () => {
    const firstOnly = { prompt: "x", first_frame_url: IMG };
    expect(await refused("fal-ai/veo3.1/fast/first-last-frame-to-video", firstOnly)).toEqual([
      { loc: ["body", "last_frame_url"], msg: "Field required", type: "missing" },
    ]);
    const fraction = "Input should be a valid integer, got a number with a fractional part";
    expect(await refused("minimax/h3/image-to-video", { prompt: "x", image_url: IMG, duration: 5.5 })).toEqual([
      { loc: ["body", "duration"], msg: fraction, type: "int_from_float" },
    ]);
    expect(await refused("fal-ai/ltx-2.3/extend-video", { video_url: VID, duration: 25, context: 0.5 })).toEqual([
      { loc: ["body", "duration"], msg: "Input should be less than or equal to 20", type: "less_than_equal" },
      { loc: ["body", "context"], msg: "Input should be greater than or equal to 1", type: "greater_than_equal" },
    ]);
    expect(await refused("fal-ai/ltx-2.3/extend-video", { video_url: VID, duration: "5" })).toEqual([
      { loc: ["body", "duration"], msg: "Input should be a valid number", type: "float_type" },
    ]);
    expect(await refused("fal-ai/wan/v2.7/text-to-video", { prompt: "x", seed: "7" })).toEqual([
      { loc: ["body", "seed"], msg: "Input should be a valid integer", type: "int_type" },
    ]);
  });

  it("lists and nested objects, with the index in loc", async () => {
    expect(await refused("bytedance/seedance-2.0/reference-to-video", { prompt: "x", image_urls: IMG })).toEqual([
      { loc: ["body", "image_urls"], msg: "Input should be a valid list", type: "list_type" },
    ]);
    expect(await refused("bytedance/seedance-2.0/reference-to-video", { prompt: "x", image_urls: [IMG, 3] })).toEqual([
      { loc: ["body", "image_urls", 1], msg: "Input should be a valid string", type: "string_type" },
    ]);
    expect(await refused(KLING_REF, { prompt: "x", elements: [{ reference_image_urls: IMG }] })).toEqual([
      { loc: ["body", "elements", 0, "reference_image_urls"], msg: "Input should be a valid list", type: "list_type" },
    ]);
    expect(await refused(KLING_REF, { multi_prompt: [{ duration: "5" }] })).toEqual([
      { loc: ["body", "multi_prompt", 0, "prompt"], msg: "Field required", type: "missing" },
    ]);
  });

  it("rules beyond the document (Kling's prompt or multi_prompt) and unions (FLUX image_size)", async () => {
    const msg = "Value error, Either prompt or multi_prompt must be provided, but not both.";
    expect(await refused(KLING_REF, { image_urls: [IMG] })).toEqual([{ loc: ["body"], msg, type: "value_error" }]);
    const union = await refused("fal-ai/flux/dev", { prompt: "x", image_size: "huge" });
    expect(union.map((e) => e.type)).toEqual(["model_type", "enum"]);
  });

  it("ignores fields the document does not declare, and reports them", async () => {
    const res = await post("minimax/h3/image-to-video", { prompt: "x", image_url: IMG, aspect_ratio: "16:9" });
    expect(res.status).toBe(200);
    expect(fake.requestsOf("submit").at(-1)?.ignoredFields).toEqual(["aspect_ratio"]);
  });

  it("404s an endpoint whose document is an error record, as one it does not know", async () => {
    expect((await post("fal-ai/wan/v2.7/reference-to-video", { prompt: "x" })).status).toBe(404);
  });
});

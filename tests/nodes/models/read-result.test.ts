import { describe, expect, it } from "vitest";
import { readVideo } from "../../fixtures/video-result";
import { adapter, currentAdapters } from "./fixtures";

describe.each(currentAdapters.map((a) => [a.endpoint, a] as const))("%s result", (_endpoint, a) => {
  it("reads a minimal result with only the video URL", () => {
    const r = readVideo(a, { video: { url: "https://v3.fal.media/files/out.mp4" } }, {});
    expect(r.video.url).toBe("https://v3.fal.media/files/out.mp4");
    expect(r.videoId).toBeNull();
    expect(r.thumbnail).toBeNull();
  });

  it("tolerates null and missing optional fields", () => {
    const r = readVideo(
      a,
      {
        seed: null,
        video: {
          url: "https://v3.fal.media/files/out.mp4",
          content_type: null,
          file_name: null,
          file_size: null,
          duration: null,
        },
      },
      {},
    );
    expect(r.video).toMatchObject({ url: "https://v3.fal.media/files/out.mp4", content_type: null, file_size: null });
  });

  it.each([null, {}, { video: null }, { video: {} }, { video: { url: "" } }, { video: { url: 42 } }, "oops"])(
    "refuses an unusable result %j with a message naming the model",
    (raw) => {
      expect(() => readVideo(a, raw, {})).toThrow(new RegExp(`${a.label}.*no video URL`));
    },
  );
});

describe("duration of a result", () => {
  it("comes from fal's file when it says", () => {
    const r = readVideo(
      adapter("fal-ai/veo3.1"),
      { video: { url: "https://x/y.mp4", duration: 7.9 } },
      { duration: "8s" },
    );
    expect(r.durationSec).toBe(7.9);
  });
  it('otherwise from the request: Veo "6s", Kling 12, Seedance "9"', () => {
    const url = { video: { url: "https://x/y.mp4" } };
    expect(readVideo(adapter("fal-ai/veo3.1/fast"), url, { duration: "6s" }).durationSec).toBe(6);
    expect(readVideo(adapter("fal-ai/veo3.1/fast"), url, {}).durationSec).toBe(8);
    expect(readVideo(adapter("fal-ai/kling-video/o3/pro/text-to-video"), url, { duration: 12 }).durationSec).toBe(12);
    expect(readVideo(adapter("bytedance/seedance-2.0/text-to-video"), url, { duration: "9" }).durationSec).toBe(9);
  });
  it("is unknown for Seedance auto and for edits/extends whose length fal did not report", () => {
    const url = { video: { url: "https://x/y.mp4" } };
    expect(readVideo(adapter("bytedance/seedance-2.0/text-to-video"), url, {}).durationSec).toBeNull();
    expect(readVideo(adapter("fal-ai/veo3.1/extend-video"), url, {}).durationSec).toBeNull();
    expect(readVideo(adapter("fal-ai/kling-video/o3/pro/video-to-video/edit"), url, {}).durationSec).toBeNull();
  });
  it("Seedance's result seed does not disturb reading", () => {
    const r = readVideo(
      adapter("bytedance/seedance-2.0/image-to-video"),
      { seed: 1234, video: { url: "https://x/y.mp4", file_size: 99 } },
      {},
    );
    expect(r.video.file_size).toBe(99);
  });
});

describe("edit and extend inputs", () => {
  it("say they take a video by URL, with the reason", () => {
    for (const e of [
      "fal-ai/kling-video/o3/standard/video-to-video/edit",
      "fal-ai/kling-video/o3/pro/video-to-video/edit",
      "fal-ai/veo3.1/extend-video",
    ]) {
      const need = adapter(e).videoInput;
      expect(need?.kind).toBe("url");
      expect(need && "reason" in need ? need.reason : "").toMatch(/URL/);
    }
  });
  it("Veo extend refuses a source longer than 8 s", () => {
    const a = adapter("fal-ai/veo3.1/extend-video");
    expect(a.validate?.({}, { video: { url: "u", durationSec: 12 } })).toEqual([
      { field: "video_url", message: "Veo 3.1 extend takes videos up to 8 s long; this one is 12 s." },
    ]);
    expect(a.validate?.({}, { video: { url: "u", durationSec: 8 } })).toEqual([]);
    expect(a.validate?.({}, { video: { url: "u" } })).toEqual([]);
  });
  it("Kling edit refuses sources shorter than 3 s or longer than 15 s", () => {
    const a = adapter("fal-ai/kling-video/o3/pro/video-to-video/edit");
    expect(a.validate?.({}, { video: { url: "u", durationSec: 2 } })).toHaveLength(1);
    expect(a.validate?.({}, { video: { url: "u", durationSec: 16 } })?.[0]?.message).toMatch(
      /3 to 15 s; this one is 16 s/,
    );
    expect(a.validate?.({}, { video: { url: "u", durationSec: 10 } })).toEqual([]);
  });
});

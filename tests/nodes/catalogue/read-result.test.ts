import { describe, expect, it } from "vitest";
import { readVideo } from "../../fixtures/video-result";
import { adapterOf } from "./fixtures";

const FILE = {
  url: "https://v3.fal.media/files/out.mp4",
  content_type: "video/mp4",
  file_name: "out.mp4",
  file_size: 1_234_567,
};

describe("reading a catalogue model's result", () => {
  it("a VideoFile: url, type, size, width, height, fps and the duration fal reports", () => {
    const raw = {
      video: { ...FILE, width: 1920, height: 1080, fps: 24, duration: 5.04, num_frames: 121 },
      seed: 7,
      actual_prompt: null,
    };
    expect(readVideo(adapterOf("wanTextToVideo"), raw, { duration: "5" })).toEqual({
      video: { ...FILE, width: 1920, height: 1080, fps: 24, duration: 5.04 },
      videoId: null,
      thumbnail: null,
      durationSec: 5.04,
    });
  });

  it("a plain File: the length asked for stands in for the one fal does not report", () => {
    const veo = adapterOf("veoLiteImageToVideo");
    const r = readVideo(veo, { video: { url: "https://v3.fal.media/files/a.mp4" } }, { duration: "6s" });
    expect(r.durationSec).toBe(6);
    expect(r.video.url).toBe("https://v3.fal.media/files/a.mp4");
    // Unset: the schema's default length.
    expect(readVideo(adapterOf("veoLiteImageToVideo"), { video: { url: "https://x/a.mp4" } }, {}).durationSec).toBe(8);
  });

  it("an edit that keeps its source's length does not claim a length it does not know", () => {
    expect(readVideo(adapterOf("wanEdit"), { video: { url: "https://x/e.mp4" }, seed: 1 }, {}).durationSec).toBeNull();
  });

  it("a thumbnail, as a File or as a bare URL", () => {
    const a = adapterOf("ltxExtend");
    const thumbnail = { url: "https://x/t.jpg", content_type: "image/jpeg" };
    const file = readVideo(a, { video: { url: "https://x/v.mp4" }, thumbnail }, {});
    expect(file.thumbnail).toMatchObject({ url: "https://x/t.jpg", content_type: "image/jpeg" });
    const bare = readVideo(a, { video: { url: "https://x/v.mp4" }, thumbnail_url: "https://x/t2.jpg" }, {});
    expect(bare.thumbnail).toEqual({ url: "https://x/t2.jpg" });
  });

  it("an output it cannot read is an Error quoting the start of the raw result", () => {
    const a = adapterOf("wanTextToVideo");
    expect(() => readVideo(a, { images: [{ url: "https://x/i.png" }] }, {})).toThrow(
      "Wan 2.7 Text to Video returned a result Reelflow cannot read (no video file with a URL in it): " +
        '{"images":[{"url":"https://x/i.png"}]}',
    );
    const long = { video: { url: "" }, logs: "x".repeat(1000) };
    const message = (() => {
      try {
        readVideo(a, long, {});
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(message).toMatch(/^Wan 2\.7 Text to Video returned a result Reelflow cannot read /);
    expect(message).toMatch(/: \{"video":\{"url":""\},"logs":"x+…$/);
    expect(message.length).toBeLessThan(420);
  });
});

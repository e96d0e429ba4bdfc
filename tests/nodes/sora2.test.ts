import { describe, expect, it } from "vitest";
import {
  SORA2_ENDPOINTS,
  SORA2_PRICES,
  sora2Adapters,
  sora2ImageToVideo,
  sora2ImageToVideoPro,
  sora2Remix,
  sora2TextToVideo,
  sora2TextToVideoPro,
} from "../../src/nodes/models/sora2";
import { effectiveParams } from "../../src/nodes/params";
import { findAdapter } from "../../src/nodes/registry";
import { readVideo } from "../fixtures/video-result";
import type { ModelAdapter, ParamSpec } from "../../src/nodes/types";

// What fal's Sora 2 pages say (shared/seeds/sora-2-endpoints.md, checked 2026-11-25),
// copied here by hand so the adapters are checked against the source, not against themselves.
const SEED: Record<
  string,
  { kind: string; enums: Record<string, { options: (string | number)[]; default: string | number }> }
> = {
  "fal-ai/sora-2/text-to-video": {
    kind: "text-to-video",
    enums: {
      resolution: { options: ["720p"], default: "720p" },
      aspect_ratio: { options: ["9:16", "16:9"], default: "16:9" },
      duration: { options: [4, 8, 12], default: 4 },
    },
  },
  "fal-ai/sora-2/text-to-video/pro": {
    kind: "text-to-video",
    enums: {
      resolution: { options: ["720p", "1080p"], default: "1080p" },
      aspect_ratio: { options: ["9:16", "16:9"], default: "16:9" },
      duration: { options: [4, 8, 12], default: 4 },
    },
  },
  "fal-ai/sora-2/image-to-video": {
    kind: "image-to-video",
    enums: {
      resolution: { options: ["auto", "720p"], default: "auto" },
      aspect_ratio: { options: ["auto", "9:16", "16:9"], default: "auto" },
      duration: { options: [4, 8, 12], default: 4 },
    },
  },
  "fal-ai/sora-2/image-to-video/pro": {
    kind: "image-to-video",
    enums: {
      resolution: { options: ["auto", "720p", "1080p"], default: "auto" },
      aspect_ratio: { options: ["auto", "9:16", "16:9"], default: "auto" },
      duration: { options: [4, 8, 12], default: 4 },
    },
  },
  "fal-ai/sora-2/video-to-video/remix": { kind: "remix", enums: {} },
};

const enumsOf = (a: ModelAdapter) =>
  Object.fromEntries(
    a.params.map((p: ParamSpec) => {
      if (p.kind !== "enum") throw new Error(`${a.endpoint}: ${p.name} should be an enum`);
      return [p.name, { options: [...p.options], default: p.default }];
    }),
  );

describe("Sora 2 adapters match fal's schemas", () => {
  it("there are exactly the five seed endpoints, all registered", () => {
    expect(sora2Adapters.map((a) => a.endpoint).sort()).toEqual(Object.keys(SEED).sort());
    for (const a of sora2Adapters) expect(findAdapter(a.endpoint)).toBe(a);
    expect(Object.values(SORA2_ENDPOINTS).sort()).toEqual(Object.keys(SEED).sort());
  });

  for (const [endpoint, seed] of Object.entries(SEED)) {
    it(`${endpoint}: kind, enums, options and defaults`, () => {
      const a = findAdapter(endpoint) as ModelAdapter;
      expect(a.kind).toBe(seed.kind);
      expect(enumsOf(a)).toEqual(seed.enums);
      expect(a.family).toBe("Sora 2");
    });
  }

  it("duration is a number everywhere, never a string", () => {
    for (const a of sora2Adapters) {
      const d = a.params.find((p) => p.name === "duration");
      if (a.kind === "remix") expect(d).toBeUndefined();
      else
        expect(
          d?.kind === "enum" && d.options.every((o) => typeof o === "number") && typeof d.default === "number",
        ).toBe(true);
    }
  });

  it("are retired on 2026-09-24 with a successor, yet stay loadable and priced", () => {
    for (const a of sora2Adapters) {
      expect(a.retired?.on).toBe("2026-09-24");
      expect(a.retired?.successor).toMatch(/^fal-ai\//);
      expect(a.retired?.successor).not.toContain("sora");
      expect(a.retired?.note).not.toBe("");
      expect(a.price({}, {}).usd).toBeGreaterThan(0);
      expect(a.sources.checked).toBe("2026-11-25");
    }
    expect(sora2TextToVideo.retired?.successor).toBe("fal-ai/veo3.1/fast");
  });
});

describe("Sora 2 request bodies", () => {
  it("text-to-video: the prompt from the port and every param with its default, duration a number", () => {
    const body = sora2TextToVideo.buildInput({}, { prompt: "A cat" }, { feedsRemix: false });
    expect(body).toEqual({ prompt: "A cat", resolution: "720p", aspect_ratio: "16:9", duration: 4 });
    expect(typeof body.duration).toBe("number");
  });

  it("text-to-video pro: the node's params win over defaults", () => {
    expect(
      sora2TextToVideoPro.buildInput(
        { duration: 12, aspect_ratio: "9:16" },
        { prompt: "A cat" },
        { feedsRemix: false },
      ),
    ).toEqual({
      prompt: "A cat",
      resolution: "1080p",
      aspect_ratio: "9:16",
      duration: 12,
    });
  });

  it("sends delete_video: false only when the video feeds a remix", () => {
    expect(sora2TextToVideo.buildInput({ duration: 8 }, { prompt: "A cat" }, { feedsRemix: true })).toEqual({
      prompt: "A cat",
      resolution: "720p",
      aspect_ratio: "16:9",
      duration: 8,
      delete_video: false,
    });
    for (const a of [sora2TextToVideo, sora2TextToVideoPro, sora2ImageToVideo, sora2ImageToVideoPro]) {
      const ports = { prompt: "p", image: { url: "https://x/i.png" } };
      expect(a.buildInput({}, ports, { feedsRemix: true }).delete_video).toBe(false);
      expect("delete_video" in a.buildInput({}, ports, { feedsRemix: false })).toBe(false);
    }
  });

  it("image-to-video: image_url from the image port", () => {
    expect(
      sora2ImageToVideo.buildInput(
        {},
        { prompt: "Wave", image: { url: "https://example.com/a.png" } },
        { feedsRemix: false },
      ),
    ).toEqual({
      prompt: "Wave",
      image_url: "https://example.com/a.png",
      resolution: "auto",
      aspect_ratio: "auto",
      duration: 4,
    });
    expect(
      sora2ImageToVideoPro.buildInput(
        { resolution: "1080p", duration: 8 },
        { prompt: "Wave", image: { url: "https://example.com/a.png" } },
        { feedsRemix: true },
      ),
    ).toEqual({
      prompt: "Wave",
      image_url: "https://example.com/a.png",
      resolution: "1080p",
      aspect_ratio: "auto",
      duration: 8,
      delete_video: false,
    });
  });

  it("remix: video_id from the video port and the prompt, nothing else", () => {
    const video = { url: "https://v/1.mp4", videoId: "video_123", durationSec: 8 };
    expect(sora2Remix.buildInput({ prompt: "make it purple" }, { video }, { feedsRemix: false })).toEqual({
      video_id: "video_123",
      prompt: "make it purple",
    });
    expect(sora2Remix.buildInput({ prompt: "again", duration: 8 }, { video }, { feedsRemix: true })).toEqual({
      video_id: "video_123",
      prompt: "again",
      delete_video: false,
    });
  });

  it("takes the prompt typed into the node when no edge feeds it, and the edge's when one does", () => {
    expect(sora2TextToVideo.buildInput({ prompt: "typed" }, {}, { feedsRemix: false }).prompt).toBe("typed");
    expect(sora2TextToVideo.buildInput({ prompt: "typed" }, { prompt: "wired" }, { feedsRemix: false }).prompt).toBe(
      "wired",
    );
  });

  it("drops keys the endpoint does not declare", () => {
    const body = sora2TextToVideo.buildInput(
      { seed: 3, generate_audio: true, prompt: "x" },
      { prompt: "A cat" },
      { feedsRemix: false },
    );
    expect(Object.keys(body).sort()).toEqual(["aspect_ratio", "duration", "prompt", "resolution"]);
  });

  it("refuses to build a body without what the endpoint requires", () => {
    expect(() => sora2TextToVideo.buildInput({}, {}, { feedsRemix: false })).toThrow(/needs a prompt/);
    expect(() => sora2TextToVideo.buildInput({}, { prompt: "  " }, { feedsRemix: false })).toThrow(/needs a prompt/);
    expect(() => sora2ImageToVideo.buildInput({}, { prompt: "p" }, { feedsRemix: false })).toThrow(/needs an image/);
    expect(() =>
      sora2Remix.buildInput(
        { prompt: "p" },
        { video: { url: "https://v/a.mp4", videoId: null } },
        { feedsRemix: false },
      ),
    ).toThrow(/Remix needs a video made by Sora 2/);
  });
});

describe("Sora 2 results", () => {
  const full = {
    video: {
      url: "https://v3.fal.media/a.mp4",
      content_type: "video/mp4",
      file_name: "a.mp4",
      file_size: 1234,
      width: 1280,
      height: 720,
      duration: 8,
      fps: 30,
    },
    video_id: "video_abc",
    thumbnail: { url: "https://v3.fal.media/a.jpg", content_type: "image/jpeg" },
  };

  it("reads a full result", () => {
    expect(readVideo(sora2TextToVideo, full, { duration: 8 })).toEqual({
      video: full.video,
      videoId: "video_abc",
      thumbnail: {
        url: "https://v3.fal.media/a.jpg",
        content_type: "image/jpeg",
        file_name: null,
        file_size: null,
        width: null,
        height: null,
        duration: null,
        fps: null,
      },
      durationSec: 8,
    });
  });

  it("accepts null, missing or odd extras and falls back to the requested duration", () => {
    const r = readVideo(
      sora2ImageToVideoPro,
      {
        video: { url: "https://x/b.mp4", content_type: null, file_size: "big", duration: null },
        video_id: "video_1",
        thumbnail: null,
        spritesheet: null,
        seed: 7,
      },
      { duration: 12 },
    );
    expect(r).toEqual({
      video: {
        url: "https://x/b.mp4",
        content_type: null,
        file_name: null,
        file_size: null,
        width: null,
        height: null,
        duration: null,
        fps: null,
      },
      videoId: "video_1",
      thumbnail: null,
      durationSec: 12,
    });
    expect(
      readVideo(sora2Remix, { video: { url: "https://x/c.mp4" }, video_id: "video_2" }, {}).durationSec,
    ).toBeNull();
  });

  it("refuses a result without video_id or video.url, saying what is missing", () => {
    expect(() => readVideo(sora2TextToVideo, { video: { url: "https://x/a.mp4" } }, {})).toThrow(
      "Sora 2 (fal-ai/sora-2/text-to-video) returned an unusable result: video_id missing or not as expected.",
    );
    expect(() => readVideo(sora2TextToVideo, { video: { url: "https://x/a.mp4" }, video_id: null }, {})).toThrow(
      /video_id/,
    );
    expect(() => readVideo(sora2Remix, { video: {}, video_id: "v" }, {})).toThrow(
      "Sora 2 Remix (fal-ai/sora-2/video-to-video/remix) returned an unusable result: video.url missing or not as expected.",
    );
    expect(() => readVideo(sora2TextToVideo, null, {})).toThrow(/unusable result/);
  });
});

describe("Sora 2 prices (one table)", () => {
  it("the table holds the rates of fal's pages", () => {
    expect(SORA2_PRICES.centsPerSecond).toEqual({ standard: { "720p": 10 }, pro: { "720p": 30, "1080p": 50 } });
  });

  it("standard: $0.10 per second, for text and image", () => {
    for (const a of [sora2TextToVideo, sora2ImageToVideo]) {
      expect([4, 8, 12].map((duration) => a.price({ duration }, {}).usd)).toEqual([0.4, 0.8, 1.2]);
      expect(a.price({ duration: 8 }, {}).upperBound).toBe(false);
    }
    expect(sora2ImageToVideo.price({ resolution: "auto" }, {})).toEqual({
      usd: 0.4,
      upperBound: false,
      basis: "4 s × $0.10/s (720p)",
    });
  });

  it("pro: $0.30/s at 720p, $0.50/s at 1080p, exactly (no float dust)", () => {
    expect(sora2TextToVideoPro.price({ resolution: "720p", duration: 12 }, {})).toEqual({
      usd: 3.6,
      upperBound: false,
      basis: "12 s × $0.30/s (720p)",
    });
    expect(sora2TextToVideoPro.price({ resolution: "1080p", duration: 8 }, {})).toEqual({
      usd: 4,
      upperBound: false,
      basis: "8 s × $0.50/s (1080p)",
    });
    expect(sora2TextToVideoPro.price({}, {}).usd).toBe(2); // defaults: 1080p, 4 s
    expect(sora2ImageToVideoPro.price({ resolution: "720p", duration: 4 }, {}).usd).toBe(1.2);
  });

  it("pro auto: the highest rate it could mean, marked as an upper bound", () => {
    expect(sora2ImageToVideoPro.price({ duration: 8 }, {})).toEqual({
      usd: 4,
      upperBound: true,
      basis: "8 s × $0.50/s (auto: priced as 1080p, the most it can cost)",
    });
  });

  it("an impossible duration is priced at the longest clip, as an upper bound", () => {
    expect(sora2TextToVideo.price({ duration: 5 }, {})).toEqual({
      usd: 1.2,
      upperBound: true,
      basis: "up to 12 s × $0.10/s (720p)",
    });
  });

  it("remix: standard rate for the source's length; unknown length → 12 s upper bound", () => {
    expect(sora2Remix.price({}, { sourceDurationSec: 8 })).toEqual({
      usd: 0.8,
      upperBound: false,
      basis: "8 s × $0.10/s (length of the source video)",
    });
    expect(sora2Remix.price({}, { sourceDurationSec: 5.5 }).usd).toBe(0.55);
    expect(sora2Remix.price({}, { sourceDurationSec: null })).toEqual({
      usd: 1.2,
      upperBound: true,
      basis: "up to 12 s × $0.10/s (source length unknown)",
    });
    expect(sora2Remix.price({}, {}).upperBound).toBe(true);
  });

  it("prices from the effective params, so a node with no params costs what its defaults cost", () => {
    for (const a of sora2Adapters) expect(a.price({}, {})).toEqual(a.price(effectiveParams(a, {}), {}));
  });
});

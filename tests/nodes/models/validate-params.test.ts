import { describe, expect, it } from "vitest";
import { validateParams } from "../../../src/nodes/params";
import { endpointSchemas, validateBody } from "../../fake-fal/schemas";
import { CTX, PORTS, adapter, currentAdapters } from "./fixtures";

const issues = (endpoint: string, params: Record<string, string | number | boolean>, ports = PORTS) =>
  validateParams(adapter(endpoint), params, ports);

describe("validateParams refuses what fal's schemas forbid", () => {
  it("Veo: a duration Veo does not have, an aspect ratio text-to-video lacks, a negative seed", () => {
    expect(issues("fal-ai/veo3.1", { duration: "5s" })).toEqual([
      { field: "duration", message: "Input should be '4s', '6s' or '8s'" },
    ]);
    expect(issues("fal-ai/veo3.1", { duration: 8 })).toHaveLength(1);
    expect(issues("fal-ai/veo3.1/fast", { aspect_ratio: "auto" })).toEqual([
      { field: "aspect_ratio", message: "Input should be '16:9' or '9:16'" },
    ]);
    expect(issues("fal-ai/veo3.1/fast/image-to-video", { aspect_ratio: "auto" })).toEqual([]);
    expect(issues("fal-ai/veo3.1", { seed: -1 })).toEqual([
      { field: "seed", message: "Input should be greater than or equal to 0" },
    ]);
    expect(issues("fal-ai/veo3.1", { generate_audio: "yes" })).toEqual([
      { field: "generate_audio", message: "Input should be a valid boolean" },
    ]);
  });

  it("Kling: durations outside 3–15 s or not whole seconds", () => {
    expect(issues("fal-ai/kling-video/o3/pro/text-to-video", { duration: 16 })).toEqual([
      { field: "duration", message: "Input should be less than or equal to 15" },
    ]);
    expect(issues("fal-ai/kling-video/o3/pro/text-to-video", { duration: 2 })).toEqual([
      { field: "duration", message: "Input should be greater than or equal to 3" },
    ]);
    expect(issues("fal-ai/kling-video/o3/standard/image-to-video", { duration: 5.5 })[0]?.field).toBe("duration");
    expect(issues("fal-ai/kling-video/o3/standard/text-to-video", { aspect_ratio: "21:9" })[0]?.field).toBe(
      "aspect_ratio",
    );
  });

  it("Seedance: Fast has no 1080p; durations are strings", () => {
    expect(issues("bytedance/seedance-2.0/fast/text-to-video", { resolution: "1080p" })).toEqual([
      { field: "resolution", message: "Input should be '480p' or '720p'" },
    ]);
    expect(issues("bytedance/seedance-2.0/text-to-video", { resolution: "1080p" })).toEqual([]);
    expect(issues("bytedance/seedance-2.0/text-to-video", { duration: 5 })).toEqual([]); // fal's "5", written as a number
    expect(issues("bytedance/seedance-2.0/text-to-video", { duration: 3 })[0]?.field).toBe("duration");
    expect(issues("bytedance/seedance-2.0/text-to-video", { duration: "16" })[0]?.field).toBe("duration");
  });

  it("edit/extend: the adapter's own check on the source video's length reaches the node", () => {
    const long = { ...PORTS, video: { url: "https://example.test/long.mp4", durationSec: 20 } };
    expect(issues("fal-ai/veo3.1/extend-video", {}, long)).toEqual([
      { field: "video_url", message: "Veo 3.1 extend takes videos up to 8 s long; this one is 20 s." },
    ]);
    expect(issues("fal-ai/kling-video/o3/standard/video-to-video/edit", {}, long)[0]?.field).toBe("video_url");
    expect(issues("fal-ai/kling-video/o3/standard/video-to-video/edit", {}, PORTS)).toEqual([]);
  });

  it("Kling edit: a source under 3 s or over 15 s is refused; 3, 15 and an unknown length are left to fal", () => {
    const edit = "fal-ai/kling-video/o3/pro/video-to-video/edit";
    const lasting = (durationSec: number | null) => ({
      ...PORTS,
      video: { url: "https://example.test/v.mp4", durationSec },
    });
    expect(issues(edit, {}, lasting(2))).toEqual([
      { field: "video_url", message: "Kling O3 Pro Edit edits videos of 3 to 15 s; this one is 2 s." },
    ]);
    expect(issues(edit, {}, lasting(15.5))[0]?.message).toBe(
      "Kling O3 Pro Edit edits videos of 3 to 15 s; this one is 15.5 s.",
    );
    for (const fits of [3, 15, null]) expect(issues(edit, {}, lasting(fits))).toEqual([]);
  });

  it("accepts every default", () => {
    for (const a of currentAdapters) {
      const defaults = Object.fromEntries(
        a.params.flatMap((p) => ("default" in p && p.default !== undefined ? [[p.name, p.default]] : [])),
      );
      expect({ endpoint: a.endpoint, issues: validateParams(a, defaults, PORTS) }).toEqual({
        endpoint: a.endpoint,
        issues: [],
      });
    }
  });

  it("words an enum refusal exactly as fal's 422 would", () => {
    for (const a of currentAdapters) {
      const schema = endpointSchemas[a.endpoint];
      if (!schema) throw new Error(`no fake schema for ${a.endpoint}`);
      for (const spec of a.params) {
        if (spec.kind !== "enum") continue;
        const before = validateParams(a, { [spec.name]: "nonsense" }, PORTS);
        const body = { ...a.buildInput({}, PORTS, CTX), [spec.name]: "nonsense" };
        const fal = validateBody(schema, body).errors.map((e) => ({ field: String(e.loc[1]), message: e.msg }));
        expect({ endpoint: a.endpoint, before }).toEqual({ endpoint: a.endpoint, before: fal });
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { klingO3StandardTextToVideo as kling } from "../../src/nodes/models/kling-o3";
import { seedance2TextToVideo as seedance } from "../../src/nodes/models/seedance2";
import {
  sora2ImageToVideo,
  sora2ImageToVideoPro,
  sora2Remix,
  sora2TextToVideo,
  sora2TextToVideoPro,
} from "../../src/nodes/models/sora2";
import { effectiveParams, inSpecForm, paramProblem, validateParams } from "../../src/nodes/params";
import type { ParamSpec } from "../../src/nodes/types";

describe("effectiveParams", () => {
  it("fills every declared param's default", () => {
    expect(effectiveParams(sora2ImageToVideoPro, {})).toEqual({
      resolution: "auto",
      aspect_ratio: "auto",
      duration: 4,
    });
  });

  it("keeps what the node sets and drops the typed prompt and undeclared keys", () => {
    expect(effectiveParams(sora2TextToVideoPro, { duration: 8, prompt: "typed", seed: 1 })).toEqual({
      resolution: "1080p",
      aspect_ratio: "16:9",
      duration: 8,
    });
    expect(effectiveParams(sora2Remix, { prompt: "typed", duration: 8 })).toEqual({});
  });

  it("keeps a set value even when it is invalid (validation reports it; nothing is silently changed)", () => {
    expect(effectiveParams(sora2TextToVideo, { resolution: "1080p" }).resolution).toBe("1080p");
  });
});

describe("validateParams: what fal would refuse with 422, in fal's words", () => {
  it("accepts defaults and valid choices", () => {
    expect(validateParams(sora2TextToVideo, {}, { prompt: "A cat" })).toEqual([]);
    expect(
      validateParams(sora2ImageToVideoPro, { resolution: "1080p", aspect_ratio: "9:16", duration: 12 }, {}),
    ).toEqual([]);
  });

  it("enum values, per endpoint", () => {
    expect(validateParams(sora2TextToVideo, { resolution: "1080p" }, {})).toEqual([
      { field: "resolution", message: "Input should be '720p'" },
    ]);
    expect(validateParams(sora2TextToVideoPro, { resolution: "auto" }, {})).toEqual([
      { field: "resolution", message: "Input should be '720p' or '1080p'" },
    ]);
    expect(validateParams(sora2ImageToVideo, { resolution: "1080p" }, {})).toEqual([
      { field: "resolution", message: "Input should be 'auto' or '720p'" },
    ]);
    expect(validateParams(sora2ImageToVideoPro, { aspect_ratio: "1:1" }, {})).toEqual([
      { field: "aspect_ratio", message: "Input should be 'auto', '9:16' or '16:9'" },
    ]);
    expect(validateParams(sora2TextToVideo, { aspect_ratio: "auto" }, {})).toEqual([
      { field: "aspect_ratio", message: "Input should be '9:16' or '16:9'" },
    ]);
  });

  it('duration must be 4, 8 or 12 (fal\'s form is the number; "4" is read as 4, other text is refused)', () => {
    expect(validateParams(sora2TextToVideo, { duration: "4" }, {})).toEqual([]);
    for (const duration of [5, "5", 0, 16, "4s"]) {
      expect(validateParams(sora2TextToVideo, { duration }, {})).toEqual([
        { field: "duration", message: "Input should be 4, 8 or 12" },
      ]);
    }
  });

  it("reports every bad field at once", () => {
    expect(validateParams(sora2TextToVideoPro, { resolution: "4k", aspect_ratio: "1:1", duration: 10 }, {})).toEqual([
      { field: "resolution", message: "Input should be '720p' or '1080p'" },
      { field: "aspect_ratio", message: "Input should be '9:16' or '16:9'" },
      { field: "duration", message: "Input should be 4, 8 or 12" },
    ]);
  });

  it("ignores keys the endpoint does not declare (they are not sent)", () => {
    expect(validateParams(sora2Remix, { duration: 99, seed: "x" }, {})).toEqual([]);
  });

  it("a typed prompt must be text; a prompt that arrived must not be blank", () => {
    expect(validateParams(sora2TextToVideo, { prompt: 5 }, {})).toEqual([
      { field: "prompt", message: "Input should be a valid string" },
    ]);
    expect(validateParams(sora2TextToVideo, { prompt: 5 }, { prompt: "wired" })).toEqual([]);
    expect(validateParams(sora2TextToVideo, {}, { prompt: "  " })).toEqual([
      { field: "prompt", message: "The prompt is empty" },
    ]);
  });

  it("remix: a video without a Sora video id is refused on video_id", () => {
    expect(validateParams(sora2Remix, { prompt: "p" }, { video: { url: "https://x/a.mp4", videoId: null } })).toEqual([
      { field: "video_id", message: "Remix needs a video made by Sora 2; this video has no Sora video id" },
    ]);
    expect(
      validateParams(sora2Remix, { prompt: "p" }, { video: { url: "https://x/a.mp4", videoId: "video_1" } }),
    ).toEqual([]);
  });
});

describe("paramProblem for every param kind", () => {
  const num: ParamSpec = { kind: "number", name: "n", label: "N", min: 1, max: 10 };
  const int: ParamSpec = { ...num, integer: true };
  const bool: ParamSpec = { kind: "boolean", name: "b", label: "B", default: false };
  const text: ParamSpec = { kind: "text", name: "t", label: "T", maxLength: 3 };
  it("number range and integer", () => {
    expect(paramProblem(num, 5.5)).toBeUndefined();
    expect(paramProblem(num, "five")).toBe("Input should be a valid number");
    expect(paramProblem(num, "5s")).toBe("Input should be a valid number");
    expect(paramProblem(num, "")).toBe("Input should be a valid number");
    expect(paramProblem(int, "5.5")).toBe("Input should be a valid integer, got a number with a fractional part");
    expect(paramProblem(int, "11")).toBe("Input should be less than or equal to 10");
    expect(paramProblem(num, 0)).toBe("Input should be greater than or equal to 1");
    expect(paramProblem(num, 11)).toBe("Input should be less than or equal to 10");
    expect(paramProblem(int, 5.5)).toBe("Input should be a valid integer, got a number with a fractional part");
    expect(paramProblem(int, true)).toBe("Input should be a valid integer");
  });
  it("boolean and text", () => {
    expect(paramProblem(bool, "true")).toBe("Input should be a valid boolean");
    expect(paramProblem(bool, true)).toBeUndefined();
    expect(paramProblem(text, 3)).toBe("Input should be a valid string");
    expect(paramProblem(text, "abcd")).toBe("String should have at most 3 characters");
    expect(paramProblem(text, "abc")).toBeUndefined();
  });
});

describe("fal's value forms: a number written as text, or text written as a number, is the same value", () => {
  const num: ParamSpec = { kind: "number", name: "duration", label: "D", min: 3, max: 15, integer: true, default: 5 };
  const strings: ParamSpec = {
    kind: "enum",
    name: "duration",
    label: "D",
    options: ["auto", "4", "8"],
    default: "auto",
  };
  const numbers: ParamSpec = { kind: "enum", name: "duration", label: "D", options: [4, 8, 12], default: 4 };
  const veo: ParamSpec = { kind: "enum", name: "duration", label: "D", options: ["4s", "6s", "8s"], default: "8s" };

  it("inSpecForm turns a number param's text into its number, and a number into an enum's string option", () => {
    expect(inSpecForm(num, "8")).toBe(8);
    expect(inSpecForm(num, 8)).toBe(8);
    expect(inSpecForm(strings, 8)).toBe("8");
    expect(inSpecForm(strings, "8")).toBe("8");
  });

  it('leaves everything else as it is, for validation to report: Veo\'s "8s" is not 8, nor 8 "8s"', () => {
    expect(inSpecForm(veo, "8s")).toBe("8s");
    expect(inSpecForm(veo, 8)).toBe(8);
    expect(paramProblem(veo, 8)).toBe("Input should be '4s', '6s' or '8s'");
    expect(inSpecForm(num, "8s")).toBe("8s");
    expect(inSpecForm(num, " 8")).toBe(" 8");
    expect(inSpecForm(strings, 5)).toBe(5);
    expect(paramProblem(strings, 5)).toBe("Input should be 'auto', '4' or '8'");
    expect(inSpecForm(numbers, "8")).toBe(8); // a number enum reads its option written as text
    expect(inSpecForm(numbers, "9")).toBe("9");
    expect(paramProblem(numbers, "9")).toBe("Input should be 4, 8 or 12");
    expect(inSpecForm({ kind: "text", name: "t", label: "T" }, 8)).toBe(8);
    expect(inSpecForm({ kind: "boolean", name: "b", label: "B", default: false }, "true")).toBe("true");
  });

  it("paramProblem accepts either form and effectiveParams keeps the spec's", () => {
    expect(paramProblem(num, "8")).toBeUndefined();
    expect(paramProblem(strings, 8)).toBeUndefined();
    expect(effectiveParams(kling, { duration: "12" })).toEqual({
      duration: 12,
      aspect_ratio: "16:9",
      generate_audio: false,
      shot_type: "customize",
    });
    expect(effectiveParams(seedance, { duration: 12 }).duration).toBe("12");
  });
});

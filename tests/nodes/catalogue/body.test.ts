import { describe, expect, it } from "vitest";
import { validateParams } from "../../../src/nodes/params";
import { ALL_PORTS, CTX, adapterOf, falModel, inputSchemaOf } from "./fixtures";

const PROMPT = ALL_PORTS.prompt;

describe("the body sent to fal", () => {
  it("text-to-video with defaults: the prompt and every param with a default, in fal's forms", () => {
    expect(adapterOf("wanTextToVideo").buildInput({}, { prompt: PROMPT }, CTX)).toEqual({
      prompt: PROMPT,
      aspect_ratio: "16:9",
      resolution: "1080p",
      duration: "5",
      enable_prompt_expansion: true,
      enable_safety_checker: true,
    });
  });

  it("text-to-video with params set: the node's values; an empty negative prompt and unknown keys left out", () => {
    const params = {
      duration: "10",
      seed: 42,
      negative_prompt: " ",
      resolution: "720p",
      leftover_from_sora: "x",
      prompt: "typed",
    };
    expect(adapterOf("wanTextToVideo").buildInput(params, { prompt: PROMPT }, CTX)).toEqual({
      prompt: PROMPT,
      aspect_ratio: "16:9",
      resolution: "720p",
      duration: "10",
      enable_prompt_expansion: true,
      seed: 42,
      enable_safety_checker: true,
    });
  });

  it("image-to-video: the image as a URL string", () => {
    const body = adapterOf("veoLiteImageToVideo").buildInput({}, { prompt: PROMPT, image: ALL_PORTS.image }, CTX);
    expect(body).toEqual({
      prompt: PROMPT,
      image_url: "https://example.com/first.png",
      aspect_ratio: "auto",
      duration: "8s",
      resolution: "720p",
      generate_audio: true,
      auto_fix: false,
      safety_tolerance: "4",
    });
  });

  it("first/last frame: each image into its own field", () => {
    const body = adapterOf("veoFirstLastFrame").buildInput({ resolution: "4k" }, ALL_PORTS, CTX);
    expect(body).toMatchObject({
      first_frame_url: "https://example.com/first.png",
      last_frame_url: "https://example.com/last.png",
      resolution: "4k",
    });
    expect(body).not.toHaveProperty("image_url");
  });

  it("reference-to-video: reference images as a list in edge order; unconnected optional inputs left out", () => {
    const a = adapterOf("klingReference");
    expect(a.buildInput({}, { prompt: PROMPT, images: ALL_PORTS.images }, CTX)).toEqual({
      prompt: PROMPT,
      image_urls: ["https://example.com/ref-1.png", "https://example.com/ref-2.png"],
      generate_audio: false,
      duration: "5",
      shot_type: "customize",
      aspect_ratio: "16:9",
    });
    expect(a.buildInput({}, { images: [] }, CTX)).toEqual({
      generate_audio: false,
      duration: "5",
      shot_type: "customize",
      aspect_ratio: "16:9",
    });
  });

  it("extend: the video URL, a number duration as a number", () => {
    expect(adapterOf("ltxExtend").buildInput({ duration: 7.5 }, { video: ALL_PORTS.video }, CTX)).toEqual({
      video_url: "https://example.com/source.mp4",
      duration: 7.5,
      mode: "end",
    });
  });

  it("edit: video, prompt and the reference image in reference_image_url", () => {
    expect(adapterOf("wanEdit").buildInput({}, ALL_PORTS, CTX)).toEqual({
      prompt: PROMPT,
      video_url: "https://example.com/source.mp4",
      reference_image_url: "https://example.com/first.png",
      resolution: "1080p",
      duration: "0",
      audio_setting: "auto",
      enable_safety_checker: true,
    });
  });

  it("a yes/no field without a default in fal's schema is sent only when the node sets it", () => {
    const model = falModel("veoLiteImageToVideo");
    inputSchemaOf(model).properties.loop = { title: "Loop", type: "boolean" };
    const a = adapterOf(model);
    const ports = { prompt: PROMPT, image: ALL_PORTS.image };
    expect(a.buildInput({}, ports, CTX)).not.toHaveProperty("loop");
    expect(a.buildInput({ loop: false }, ports, CTX)).toHaveProperty("loop", false);
  });
});

describe("the body is checked against fal's schema before anything is sent", () => {
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("expected buildInput to refuse the body");
  };

  it("a value outside a string enum names the field and the values fal takes", () => {
    const model = falModel("klingReference");
    const input = inputSchemaOf(model);
    input.properties.duration = { title: "Duration", type: "string", enum: ["5", "10"], default: "5" };
    const message = refusal(() => adapterOf(model).buildInput({ duration: "7" }, { prompt: PROMPT }, CTX));
    expect(message).toBe(
      "Kling O3 Standard Reference to Video would refuse this request, so it was not sent: " +
        "duration: should be one of '5' or '10'",
    );
  });

  it("an integer enum, a bound, a length and a type: each field named with what is wrong", () => {
    const model = falModel("wanTextToVideo");
    inputSchemaOf(model).properties.duration = { title: "Duration", type: "integer", enum: [5, 10], default: 5 };
    const a = adapterOf(model);
    const params = { duration: 7, seed: -1, negative_prompt: "x".repeat(501), enable_safety_checker: "yes" };
    const message = refusal(() => a.buildInput(params, { prompt: PROMPT }, CTX));
    expect(message).toContain("duration: should be one of 5 or 10");
    expect(message).toContain("seed: should be at least 0");
    expect(message).toContain("negative_prompt: should have at most 500 characters");
    expect(message).toContain("enable_safety_checker: should be true or false (got 'yes')");
  });

  it("an exclusive minimum and a whole number", () => {
    const message = refusal(() => adapterOf("ltxExtend").buildInput({ duration: 0 }, { video: ALL_PORTS.video }, CTX));
    expect(message).toMatch(/: duration: should be more than 0$/);
    const fraction = refusal(() => adapterOf("wanEdit").buildInput({ seed: 1.5 }, ALL_PORTS, CTX));
    expect(fraction).toMatch(/seed: should be a whole number \(got 1.5\)$/);
  });

  it("a prompt longer than fal allows", () => {
    const message = refusal(() => adapterOf("wanTextToVideo").buildInput({}, { prompt: "p".repeat(5001) }, CTX));
    expect(message).toMatch(/: prompt: should have at most 5000 characters$/);
  });

  it("a required input that did not arrive is said as a missing input, not a schema error", () => {
    const ports = { prompt: PROMPT, image: ALL_PORTS.image };
    const message = refusal(() => adapterOf("veoFirstLastFrame").buildInput({}, ports, CTX));
    expect(message).toBe(
      "Veo 3.1 Fast First-Last-Frame to Video needs an end frame, but none arrived on its end_image input.",
    );
  });

  it("a schema the checker cannot read refuses every body, saying why (nothing goes out unchecked)", () => {
    const model = falModel("wanTextToVideo");
    inputSchemaOf(model).properties.negative_prompt = { type: "string", not: { const: "blur" } };
    const a = adapterOf(model);
    expect(refusal(() => a.buildInput({}, { prompt: PROMPT }, CTX))).toMatch(
      /so it was not sent: \(the request\): cannot be checked against fal's input schema \(not is not supported/,
    );
    expect(a.validate?.({}, {})).toEqual([
      { field: "(the request)", message: expect.stringMatching(/^cannot be checked against fal's input schema/) },
    ]);
  });

  it("a required param left unset", () => {
    const model = falModel("veoLiteImageToVideo");
    inputSchemaOf(model).required.push("negative_prompt");
    const message = refusal(() => adapterOf(model).buildInput({}, { prompt: PROMPT, image: ALL_PORTS.image }, CTX));
    expect(message).toMatch(/: negative_prompt: is required$/);
  });
});

describe("validate: what the plan refuses before anything is sent", () => {
  it("reports what only the schema knows, without the inputs the plan has not resolved yet", () => {
    const a = adapterOf("ltxExtend");
    expect(a.validate?.({ duration: 0 }, {})).toEqual([{ field: "duration", message: "should be more than 0" }]);
    expect(a.validate?.({}, {})).toEqual([]);
  });

  it("says a problem once: a value the param check refuses is not repeated by the schema check", () => {
    const a = adapterOf("wanTextToVideo");
    expect(validateParams(a, { duration: "7s" }, {})).toEqual([
      {
        field: "duration",
        message: "Input should be '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14' or '15'",
      },
    ]);
  });

  it("checks a typed prompt against fal's limit", () => {
    const a = adapterOf("wanTextToVideo");
    expect(a.validate?.({}, { prompt: "p".repeat(5001) })).toEqual([
      { field: "prompt", message: "should have at most 5000 characters" },
    ]);
  });

  it("a required param left unset is reported by name", () => {
    const model = falModel("veoLiteImageToVideo");
    inputSchemaOf(model).required.push("negative_prompt");
    expect(adapterOf(model).validate?.({}, {})).toEqual([{ field: "negative_prompt", message: "is required" }]);
  });

  it("a source video longer than the edit model takes (its schema says Max duration: 10s)", () => {
    const a = adapterOf("wanEdit");
    expect(a.validate?.({}, { video: { url: "https://example.com/long.mp4", durationSec: 12 } })).toEqual([
      { field: "video_url", message: "takes videos up to 10 s long; this one is 12 s" },
    ]);
    expect(a.validate?.({}, { video: { url: "https://example.com/ok.mp4", durationSec: 8 } })).toEqual([]);
  });
});

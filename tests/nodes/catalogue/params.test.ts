import { describe, expect, it } from "vitest";
import { adapterFromFalModel } from "../../../src/nodes/catalogue/schema-adapter";
import type { ParamSpec } from "../../../src/nodes/types";
import { adapterOf, falModel, inputSchemaOf } from "./fixtures";

const paramsOf = (a: { params: readonly ParamSpec[] }) => Object.fromEntries(a.params.map((p) => [p.name, p]));

describe("params read from fal's input schema", () => {
  it("text-to-video: fal's order and value forms, bounds of nullable fields, no port-fed or file field", () => {
    const a = adapterOf("wanTextToVideo");
    expect(a.params.map((p) => p.name)).toEqual([
      "aspect_ratio",
      "resolution",
      "duration",
      "negative_prompt",
      "enable_prompt_expansion",
      "seed",
      "enable_safety_checker",
    ]);
    const p = paramsOf(a);
    expect(p.duration).toEqual({
      kind: "enum",
      name: "duration",
      label: "Duration",
      help: "Output video duration in seconds (2-15).",
      options: ["2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"],
      default: "5",
    });
    expect(p.negative_prompt).toEqual({
      kind: "text",
      name: "negative_prompt",
      label: "Negative prompt",
      help: "Content to avoid in the video. Max 500 characters.",
      maxLength: 500,
      multiline: true,
      more: true,
    });
    expect(p.seed).toMatchObject({ kind: "number", min: 0, max: 2147483647, integer: true, step: 1 });
    expect(p.seed).not.toHaveProperty("default");
    expect(p.enable_prompt_expansion).toMatchObject({
      kind: "boolean",
      label: "Enable prompt expansion",
      default: true,
    });
  });

  it('an integer duration enum keeps numbers (5, not "5")', () => {
    const model = falModel("wanTextToVideo");
    inputSchemaOf(model).properties.duration = { title: "Duration", type: "integer", enum: [3, 5, 10], default: 5 };
    expect(paramsOf(adapterOf(model)).duration).toMatchObject({ kind: "enum", options: [3, 5, 10], default: 5 });
  });

  it("a number with an exclusive minimum and a maximum: the bounds, not an integer", () => {
    const p = paramsOf(adapterOf("ltxExtend"));
    expect(p.duration).toEqual({
      kind: "number",
      name: "duration",
      label: "Duration",
      help: "Duration in seconds to extend the video. Maximum 20 seconds.",
      min: 0,
      max: 20,
      default: 5,
    });
    expect(p.context).toMatchObject({ kind: "number", min: 1, max: 20 });
    expect(p.mode).toMatchObject({ kind: "enum", options: ["start", "end"], default: "end" });
  });

  it("an integer with an exclusive bound becomes the next whole number; one with no bounds gets a wide range", () => {
    const model = falModel("veoLiteImageToVideo");
    const steps = { title: "Steps", type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 51 };
    inputSchemaOf(model).properties.steps = steps;
    const p = paramsOf(adapterOf(model));
    expect(p.steps).toMatchObject({ min: 1, max: 50, integer: true });
    expect(p.seed).toMatchObject({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, integer: true });
  });

  it("a free string with a default is a text param (Kling's shot_type)", () => {
    expect(paramsOf(adapterOf("klingReference")).shot_type).toEqual({
      kind: "text",
      name: "shot_type",
      label: "Shot type",
      help: "The type of multi-shot video generation.",
      default: "customize",
      more: true,
    });
  });

  it("leaves out optional fields it cannot show: lists of objects, and an enum with no default", () => {
    const names = adapterOf("klingReference").params.map((p) => p.name);
    expect(names).toEqual(["generate_audio", "duration", "shot_type", "aspect_ratio"]);
    // Wan edit's aspect_ratio has no default: fal keeps the source's shape when it is left out.
    expect(adapterOf("wanEdit").params.map((p) => p.name)).not.toContain("aspect_ratio");
  });

  it("marks required params, and a required enum without a default starts on its first option", () => {
    const model = falModel("veoLiteImageToVideo");
    const input = inputSchemaOf(model);
    input.properties.style = { title: "Style", type: "string", enum: ["cinematic", "anime"] };
    input.required.push("style", "negative_prompt");
    const p = paramsOf(adapterOf(model));
    expect(p.style).toMatchObject({
      kind: "enum",
      options: ["cinematic", "anime"],
      default: "cinematic",
      required: true,
    });
    expect(p.negative_prompt).toMatchObject({ kind: "text", required: true });
    expect(p.duration).not.toHaveProperty("required");
  });

  it("a required field it cannot show makes the model unusable, naming the field", () => {
    const model = falModel("klingReference");
    inputSchemaOf(model).required.push("elements");
    const built = adapterFromFalModel(model, undefined, "live", "2026-12-06");
    expect(built).toEqual({
      ok: false,
      reason:
        "fal-ai/kling-video/o3/standard/reference-to-video needs elements (Reelflow cannot give it a list), " +
        "so it cannot run in a node",
    });
  });

  it("labels: fal's generated titles sentence-cased, a written title kept, the name when there is no title", () => {
    const model = falModel("veoLiteImageToVideo");
    const input = inputSchemaOf(model);
    input.properties.cfg_scale = { title: "Cfg Scale", type: "number", minimum: 0, maximum: 1, default: 0.5 };
    input.properties.motion = { title: "How much things move", type: "number", minimum: 0, maximum: 1 };
    input.properties.loop_video = { type: "boolean", default: false };
    const p = paramsOf(adapterOf(model));
    const labels = [p.cfg_scale?.label, p.motion?.label, p.loop_video?.label];
    expect(labels).toEqual(["CFG scale", "How much things move", "Loop video"]);
  });

  it("long descriptions are shortened to their first sentences", () => {
    const help = paramsOf(adapterOf("ltxExtend")).context?.help;
    expect(help).toBe(
      "Number of seconds from the input video to use as context for the extension " +
        "(minimum 1 second, maximum 20 seconds).",
    );
  });
});

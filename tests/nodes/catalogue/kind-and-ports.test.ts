import { describe, expect, it } from "vitest";
import { modelKindOf } from "../../../src/nodes/catalogue/model-kind";
import { adapterFromFalModel, inputFieldNames } from "../../../src/nodes/catalogue/schema-adapter";
import { INPUT } from "../../../src/nodes/ports";
import { adapterOf, falModel, inputSchemaOf } from "./fixtures";

const refusalOf = (model: ReturnType<typeof falModel>) => {
  const built = adapterFromFalModel(model, undefined, "live", "2026-12-06");
  if (built.ok) throw new Error(`expected ${model.endpoint_id} to be refused`);
  return built.reason;
};

describe("the kind of node a fal model runs in", () => {
  it.each([
    ["wanTextToVideo", "text-to-video"],
    ["veoLiteImageToVideo", "image-to-video"],
    ["veoFirstLastFrame", "image-to-video"],
    ["klingReference", "image-to-video"],
    ["ltxExtend", "remix"],
    ["wanEdit", "remix"],
  ] as const)("%s is %s, by listing and by building alike", (name, kind) => {
    expect(modelKindOf(falModel(name))).toEqual({ ok: true, kind });
    expect(adapterOf(name).kind).toBe(kind);
  });

  it("an optional image does not make a text-to-video model image-to-video: its category decides", () => {
    const model = falModel("wanTextToVideo");
    inputSchemaOf(model).properties.image_url = { title: "Image Url", anyOf: [{ type: "string" }, { type: "null" }] };
    expect(modelKindOf(model)).toEqual({ ok: true, kind: "text-to-video" });
    const a = adapterOf(model);
    expect(a.inputs?.[INPUT.image]).toEqual({ type: "image", label: "Image", required: false });
  });

  it("a required image makes it image-to-video whatever the category says", () => {
    const model = falModel("wanTextToVideo");
    const input = inputSchemaOf(model);
    input.properties.image_url = { title: "Image Url", type: "string" };
    input.required.push("image_url");
    expect(modelKindOf(model)).toEqual({ ok: true, kind: "image-to-video" });
  });

  it("an image model runs in an image node (issue 19): its images[] is its output", () => {
    const model = falModel("wanTextToImage");
    expect(modelKindOf(model)).toEqual({ ok: true, kind: "text-to-image" });
    expect(adapterOf(model).kind).toBe("text-to-image");
  });

  it("refuses an image model whose images are not files, and says so", () => {
    const model = falModel("wanTextToImage");
    const doc = model.openapi as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const output = Object.entries(doc.components.schemas).find(([name]) => name.endsWith("Output"))?.[1];
    if (!output) throw new Error("fixture has no output schema");
    output.properties.images = { type: "array", items: { type: "string" } };
    const reason = "fal-ai/wan/v2.7/text-to-image makes images, but not as a list of files Reelflow can read";
    expect(refusalOf(model)).toBe(reason);
    expect(modelKindOf(model)).toEqual({ ok: false, reason });
  });

  it("refuses a model whose video comes as a list of files", () => {
    const model = falModel("ltxExtend");
    const doc = model.openapi as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    const output = doc.components.schemas.Ltx23ExtendVideoOutput;
    if (!output) throw new Error("fixture has no output schema");
    output.properties.video = { type: "array", items: { $ref: "#/components/schemas/VideoFile" } };
    expect(refusalOf(model)).toBe(
      "fal-ai/ltx-2.3/extend-video answers with its video as a list, not one file Reelflow can read",
    );
  });

  it("refuses a model whose document fal could not make, quoting fal's error", () => {
    expect(refusalOf(falModel("errorRecord"))).toBe(
      "fal gave no OpenAPI document for fal-ai/example/broken-video: " +
        "OpenAPI schema could not be generated for this endpoint",
    );
  });

  it("lists a model without a document under its category (building it then says why it cannot run)", () => {
    expect(modelKindOf(falModel("errorRecord"))).toEqual({ ok: true, kind: "text-to-video" });
    const { openapi: _, ...bare } = falModel("wanEdit");
    expect(modelKindOf(bare)).toEqual({ ok: true, kind: "remix" });
    expect(refusalOf(bare)).toMatch(/^fal gave no OpenAPI document for fal-ai\/wan\/v2.7\/edit-video: /);
  });
});

describe("ports under the handle names curated nodes use", () => {
  it("text-to-video: a required prompt only; the optional driving audio is not offered", () => {
    expect(adapterOf("wanTextToVideo").inputs).toEqual({
      [INPUT.prompt]: { type: "text", label: "Prompt", required: true },
    });
  });

  it("image-to-video: prompt and image, both required", () => {
    expect(adapterOf("veoLiteImageToVideo").inputs).toEqual({
      prompt: { type: "text", label: "Prompt", required: true },
      image: { type: "image", label: "Image", required: true },
    });
  });

  it("first/last frame: the first frame on `image`, the last on `end_image` labelled End frame", () => {
    expect(adapterOf("veoFirstLastFrame").inputs).toEqual({
      prompt: { type: "text", label: "Prompt", required: true },
      image: { type: "image", label: "Start frame", required: true },
      end_image: { type: "image", label: "End frame", required: true },
    });
  });

  it("reference-to-video: optional prompt, start and end frames, and a port that takes several images", () => {
    expect(adapterOf("klingReference").inputs).toEqual({
      prompt: { type: "text", label: "Prompt", required: false },
      image: { type: "image", label: "Start frame", required: false },
      end_image: { type: "image", label: "End frame", required: false },
      images: { type: "image", label: "Reference images", required: false, multiple: true },
    });
  });

  it("extend: the video port first, an optional prompt; a video given by URL", () => {
    const a = adapterOf("ltxExtend");
    expect(a.inputs).toEqual({
      video: { type: "video", label: "Video", required: true },
      prompt: { type: "text", label: "Prompt", required: false },
    });
    expect(a.videoInput).toEqual({ kind: "url", reason: "The URL of the video to extend" });
  });

  it("edit: video, prompt and an optional reference image on `image`", () => {
    expect(adapterOf("wanEdit").inputs).toEqual({
      video: { type: "video", label: "Video", required: true },
      prompt: { type: "text", label: "Prompt", required: true },
      image: { type: "image", label: "Reference image", required: false },
    });
  });

  it("a required file Reelflow has no input for makes the model unusable, naming the field", () => {
    const model = falModel("wanTextToVideo");
    inputSchemaOf(model).required.push("audio_url");
    expect(refusalOf(model)).toBe("fal-ai/wan/v2.7/text-to-video needs audio_url, which no Reelflow input can give");
  });

  it("a model with nothing to connect is refused with its fields listed", () => {
    const model = falModel("wanTextToVideo");
    const input = inputSchemaOf(model);
    delete input.properties.prompt;
    input.required = [];
    expect(refusalOf(model)).toMatch(/^fal-ai\/wan\/v2.7\/text-to-video has no input Reelflow can connect /);
    expect(refusalOf(model)).toMatch(/\(no prompt, image or video; its fields: audio_url, aspect_ratio, /);
  });
});

describe("names and origin", () => {
  it("family and variant from fal's display name, origin and sources from the catalogue", () => {
    const a = adapterOf("veoLiteImageToVideo", undefined, "snapshot");
    expect({ family: a.family, variant: a.variant, label: a.label }).toEqual({
      family: "Veo 3.1 Lite",
      variant: "Image to video",
      label: "Veo 3.1 Lite Image to Video",
    });
    expect(a.origin).toEqual({ kind: "schema", from: "snapshot", date: "2026-12-06" });
    expect(a.sources).toEqual({
      checked: "2026-12-06",
      urls: ["https://fal.ai/models/fal-ai/veo3.1/lite/image-to-video"],
    });
    expect(a.typicalSeconds).toBeGreaterThan(0);
  });

  it("the endpoint id stands in for a missing display name", () => {
    const model = falModel("ltxExtend");
    delete model.metadata;
    const a = adapterOf(model);
    expect(a.label).toBe("fal-ai/ltx-2.3/extend-video");
    expect(a.sources.urls).toEqual(["https://fal.ai/models/fal-ai/ltx-2.3/extend-video"]);
  });

  it("lists a model's input fields in fal's order", () => {
    expect(inputFieldNames(falModel("veoFirstLastFrame"))).toEqual([
      "prompt",
      "first_frame_url",
      "last_frame_url",
      "aspect_ratio",
      "duration",
      "negative_prompt",
      "resolution",
      "generate_audio",
      "seed",
      "auto_fix",
      "safety_tolerance",
    ]);
    expect(inputFieldNames(falModel("errorRecord"))).toBeUndefined();
  });
});

import { catalogueEntry } from "./entry";
import { boolean, choice, integer, listOf, number, objectSchema, ref, text } from "./openapi";

// FLUX.1 [dev], an IMAGE model (category text-to-image, output `images`), so that a catalogue can be seen to skip
// what is not a video model. Written from fal-js libs/client/src/types/endpoints.ts at commit 381105e
// (FluxDevInput, ImageSize, the output with `images: Image[]`), not from src/nodes. `image_size` is the union fal
// documents as `anyOf` of an object and an enum string. Price row: the example of fal-platform-api.md,
// `{"endpoint_id":"fal-ai/flux/dev","unit_price":0.025,"unit":"image","currency":"USD"}`.

const imageSize = objectSchema({
  title: "ImageSize",
  properties: {
    width: integer("The width of the generated image.", { default: 512 }),
    height: integer("The height of the generated image.", { default: 512 }),
  },
  required: [],
});
const SIZES = ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"];

export const fluxDev = catalogueEntry({
  endpointId: "fal-ai/flux/dev",
  displayName: "FLUX.1 [dev]",
  category: "text-to-image",
  description: "FLUX.1 [dev] is a 12 billion parameter flow transformer that generates high-quality images from text.",
  date: "2024-08-01T00:00:00Z",
  document: {
    input: {
      title: "BaseInput",
      properties: {
        prompt: text("The prompt to generate an image from."),
        image_size: {
          anyOf: [ref("ImageSize"), { type: "string", enum: SIZES }],
          description: "The size of the generated image.",
          default: "landscape_4_3",
        },
        num_inference_steps: integer("The number of inference steps to perform.", { default: 28 }),
        seed: integer(
          "The same seed and the same prompt given to the same version of the model will output the same image " +
            "every time.",
        ),
        guidance_scale: number(
          "The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to " +
            "your prompt.",
          { default: 3.5 },
        ),
        sync_mode: boolean("If `True`, the media will be returned as a data URI.", { default: false }),
        num_images: integer("The number of images to generate.", { default: 1 }),
        enable_safety_checker: boolean("If set to true, the safety checker will be enabled.", { default: true }),
        output_format: choice(["jpeg", "png"], "The format of the generated image.", { default: "jpeg" }),
        acceleration: choice(["none", "regular", "high"], "The speed of the generation.", { default: "none" }),
      },
      required: ["prompt"],
    },
    output: {
      title: "Output",
      properties: {
        images: listOf(ref("Image"), "The generated image files info."),
        timings: { type: "object", additionalProperties: { type: "number" } },
        seed: integer("Seed of the generated Image."),
        has_nsfw_concepts: listOf({ type: "boolean" }, "Whether the generated images contain NSFW concepts."),
        prompt: text("The prompt used for generating the image."),
      },
      required: ["images", "timings", "seed", "has_nsfw_concepts", "prompt"],
    },
    schemas: { ImageSize: imageSize },
  },
  price: { unitPrice: 0.025, unit: "image" },
});

import type { ImageCategory } from "../src/nodes/catalogue/fal-api";
import type { InputField } from "./catalog-video-category";

/**
 * Which of fal's image categories an endpoint of fal-js whose result is a list of images belongs to, for the
 * Text-to-Image and Image Edit nodes (issue 19). A node of either kind is driven by a prompt, so an endpoint with
 * no `prompt` (an upscaler, a background remover, an edit steered by an "instruction") is left out, as are LoRA
 * variants, trainers and endpoints that need a file no port fills (a mask, a depth or pose map).
 */

const LEFT_OUT_IDS = [/trainer/, /(^|[/-])lora($|\/)/]; // as the video classifier: LoRA-taking variants
/** Files a node's image ports fill: one picture (`image_url`, `first_image_url`…) or a list (`image_urls`). */
const PICTURE_FIELD = /(^|_)image_urls?$/;
/** Files no port of an image node fills (derive-ports' NOT_A_PICTURE, and any other `*_url`). */
const OTHER_FILE = /(^|_)urls?$/;
const NOT_A_PICTURE = /mask|depth|pose|audio|video|control/;
/** An id that says the model edits, for one whose picture is optional (fal files those as image-to-image). */
const EDITS_AN_IMAGE = /(^|[/-])(edit|image-to-image)($|[/-])/;

export function imageCategoryOf(endpointId: string, inputs: readonly InputField[]): ImageCategory | undefined {
  if (LEFT_OUT_IDS.some((re) => re.test(endpointId))) return undefined;
  if (!inputs.some((field) => field.name === "prompt")) return undefined;
  const required = inputs.filter((field) => field.required);
  const isPicture = (name: string) => PICTURE_FIELD.test(name) && !NOT_A_PICTURE.test(name);
  if (required.some((field) => OTHER_FILE.test(field.name) && !isPicture(field.name))) return undefined;
  if (required.some((field) => isPicture(field.name))) return "image-to-image";
  if (EDITS_AN_IMAGE.test(endpointId) && inputs.some((field) => isPicture(field.name))) return "image-to-image";
  return required.some((field) => field.name === "prompt") ? "text-to-image" : undefined;
}

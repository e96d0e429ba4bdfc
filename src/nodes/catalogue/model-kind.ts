import type { GenerationKind } from "../../domain/workflow";
import type { FalModel } from "./fal-api";
import { derivePorts, type PortBinding } from "./derive-ports";
import { categoryOf, deref, endpointSchemas, isRecord, unwrapField, type EndpointSchemas } from "./openapi";
import { valueWords } from "./wording";

/**
 * Which node a fal endpoint runs in. Its result decides the family: a `video` file makes a video node, an
 * `images` list of files an image node (issue 19); anything else is refused. Then its inputs: a video input makes
 * it a remix (extend, edit), else an image input an image-to-video (or, for image models, an Image Edit), else
 * text-to-video (text-to-image). fal's category settles it when the deciding input is optional (a text-to-video
 * model that also takes an optional start image stays text-to-video).
 */

/** What a model's result holds: one video file, or a list of image files. */
export type OutputMedia = "video" | "images";

export type KindLookup = { ok: true; kind: GenerationKind } | { ok: false; reason: string };

const BY_CATEGORY: Readonly<Record<string, GenerationKind>> = {
  "text-to-video": "text-to-video",
  "image-to-video": "image-to-video",
  "video-to-video": "remix",
  "text-to-image": "text-to-image",
  "image-to-image": "image-edit",
};

/**
 * The kind of a model, for listing without building its adapter. Without a readable document, fal's category
 * is all there is to go on (building the adapter then says why it cannot be used).
 */
export function modelKindOf(model: FalModel): KindLookup {
  const found = endpointSchemas(model);
  if (!found.ok) {
    const byCategory = BY_CATEGORY[categoryOf(model) ?? ""];
    return byCategory ? { ok: true, kind: byCategory } : found;
  }
  const media = outputMediaOf(model.endpoint_id, found.schemas, categoryOf(model));
  if (!media.ok) return media;
  const { bindings } = derivePorts(found.schemas.document, found.schemas.input);
  return { ok: true, kind: kindFromInputs(bindings, categoryOf(model), media.media) };
}

export type MediaLookup = { ok: true; media: OutputMedia } | { ok: false; reason: string };

/** Whether the endpoint's result is a video file or a list of image files, or why Reelflow cannot read it. */
export function outputMediaOf(id: string, schemas: EndpointSchemas, category: string | undefined): MediaLookup {
  const { output, document } = schemas;
  const video = output.properties.video;
  const videoSchema = video ? unwrapField(document, video).schema : undefined;
  if (videoSchema && isFileLike(videoSchema)) return { ok: true, media: "video" };
  if (videoSchema) {
    return {
      ok: false,
      reason: `${id} answers with its video as ${valueWords(videoSchema)}, not one file Reelflow can read`,
    };
  }
  const images = output.properties.images;
  const imagesSchema = images ? unwrapField(document, images).schema : undefined;
  const item = imagesSchema?.type === "array" && isRecord(imagesSchema.items) ? imagesSchema.items : undefined;
  if (item && isFileLike(deref(document, item))) return { ok: true, media: "images" };
  return { ok: false, reason: unreadableOutput(id, schemas, category) };
}

/** Why a result holds neither a video file nor a list of image files. */
function unreadableOutput(id: string, schemas: EndpointSchemas, category: string | undefined): string {
  const fields = schemas.output.order;
  const makes = (field: RegExp, suffix: string) => fields.some((f) => field.test(f)) || category?.endsWith(suffix);
  if (makes(/^images?$/, "-to-image")) return `${id} makes images, but not as a list of files Reelflow can read`;
  if (makes(/^audio(_file)?$/, "-to-audio")) return `${id} makes audio, not video`;
  const answers = fields.length > 0 ? `its result holds ${fields.join(", ")}` : "its result schema lists no fields";
  return `${id} gives no video file Reelflow can read (${answers})`;
}

/** A fal File: an object with a `url` (inline, or a `$ref` the caller resolved). */
const isFileLike = (schema: Record<string, unknown>) => {
  const props = schema.properties;
  return typeof props === "object" && props !== null && "url" in props;
};

export function kindFromInputs(
  bindings: readonly PortBinding[],
  category: string | undefined,
  media: OutputMedia = "video",
): GenerationKind {
  const images = bindings.filter((b) => b.role === "image" || b.role === "endImage" || b.role === "images");
  if (media === "images") return imageKindFromInputs(images, category);
  const video = bindings.find((b) => b.role === "video");
  if (video?.required) return "remix";
  if (images.some((b) => b.required)) return "image-to-video";
  // Every deciding input is optional: fal's category says which node the model is meant for, when it has the
  // input that node needs.
  const hinted = BY_CATEGORY[category ?? ""];
  if (hinted === "text-to-video") return "text-to-video";
  if (hinted === "image-to-video" && images.length > 0) return "image-to-video";
  if (hinted === "remix" && video) return "remix";
  if (video) return "remix";
  return images.length > 0 ? "image-to-video" : "text-to-video";
}

/** An image model with a required picture, or one fal files as image-to-image, edits; the others make pictures. */
function imageKindFromInputs(images: readonly PortBinding[], category: string | undefined): GenerationKind {
  if (images.some((b) => b.required)) return "image-edit";
  return category === "image-to-image" && images.length > 0 ? "image-edit" : "text-to-image";
}

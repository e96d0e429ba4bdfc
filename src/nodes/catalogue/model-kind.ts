import type { GenerationKind } from "../../domain/workflow";
import type { FalModel } from "./fal-api";
import { derivePorts, type PortBinding } from "./derive-ports";
import { categoryOf, endpointSchemas, unwrapField, type EndpointSchemas } from "./openapi";
import { valueWords } from "./wording";

/**
 * Which node a fal endpoint runs in. Its inputs decide: a video input makes it a remix (extend, edit), else an
 * image input an image-to-video, else text-to-video. fal's category settles it when the deciding input is
 * optional (a text-to-video model that also takes an optional start image stays text-to-video). A model whose
 * result holds no `video` is refused.
 */

export type KindLookup = { ok: true; kind: GenerationKind } | { ok: false; reason: string };

const BY_CATEGORY: Readonly<Record<string, GenerationKind>> = {
  "text-to-video": "text-to-video",
  "image-to-video": "image-to-video",
  "video-to-video": "remix",
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
  const refusal = notAVideoModel(model.endpoint_id, found.schemas, categoryOf(model));
  if (refusal) return { ok: false, reason: refusal };
  const { bindings } = derivePorts(found.schemas.document, found.schemas.input);
  return { ok: true, kind: kindFromInputs(bindings, categoryOf(model)) };
}

/** Why the endpoint's result is not a video, or undefined when it has a `video` file. */
export function notAVideoModel(id: string, schemas: EndpointSchemas, category: string | undefined): string | undefined {
  const { output, document } = schemas;
  const video = output.properties.video;
  const videoSchema = video ? unwrapField(document, video).schema : undefined;
  if (videoSchema && isFileLike(videoSchema)) return undefined;
  if (videoSchema) return `${id} answers with its video as ${valueWords(videoSchema)}, not one file Reelflow can read`;
  const fields = output.order;
  const makes = (field: RegExp, suffix: string) => fields.some((f) => field.test(f)) || category?.endsWith(suffix);
  if (makes(/^images?$/, "-to-image")) return `${id} makes images, not video`;
  if (makes(/^audio(_file)?$/, "-to-audio")) return `${id} makes audio, not video`;
  const answers = fields.length > 0 ? `its result holds ${fields.join(", ")}` : "its result schema lists no fields";
  return `${id} gives no video file Reelflow can read (${answers})`;
}

/** A fal File: an object with a `url` (inline, or a `$ref` the caller resolved). */
const isFileLike = (schema: Record<string, unknown>) => {
  const props = schema.properties;
  return typeof props === "object" && props !== null && "url" in props;
};

export function kindFromInputs(bindings: readonly PortBinding[], category: string | undefined): GenerationKind {
  const video = bindings.find((b) => b.role === "video");
  const images = bindings.filter((b) => b.role === "image" || b.role === "endImage" || b.role === "images");
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

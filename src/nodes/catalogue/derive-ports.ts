import type { OpenApiDocument } from "./fal-api";
import { INPUT, type InputHandle } from "../ports";
import type { InputPortSpec, PortType } from "../types";
import { isRecord, unwrapField, type FieldSchema, type ObjectSchema } from "./openapi";
import { humanise, valueWords } from "./wording";

/**
 * Which input fields of a fal endpoint are fed by the node's ports, under the handle names curated nodes use
 * (src/nodes/ports.ts), so a node keeps its edges when it switches between a curated and a catalogue model.
 * fal marks files only by name (`*_url`, `*_urls`): those are the fields a port can fill.
 */

/** What a port puts in the body: one URL string, a list of URL strings, or the prompt text. */
export type PortRole = "prompt" | "image" | "endImage" | "images" | "video";

export interface PortBinding {
  role: PortRole;
  handle: InputHandle;
  /** The fal field it fills. */
  field: string;
  required: boolean;
  type: PortType;
  label: string;
}

export interface PortDerivation {
  /** In the order the node shows them: video, prompt, image, end image, reference images. */
  bindings: readonly PortBinding[];
  /**
   * File fields no port fills (audio_url, mask_url, a second image…): optional ones are not offered. `shape`
   * says what a file field holds when it is not a URL or a list of URLs (an object describing a video).
   */
  otherFiles: readonly { field: string; required: boolean; shape?: string }[];
}

const END_FRAME = /^(end|last|tail|final)_(image|frame)(_image)?_url$/;
/** Names of the first frame, best first; any other `*image_url` comes after them (in fal's order). */
const START_NAMES = [
  "image_url",
  "start_image_url",
  "first_frame_url",
  "start_frame_url",
  "first_image_url",
  "input_image_url",
];
const NOT_A_PICTURE = /mask|depth|pose|audio/;

const isFileName = (name: string) => /(^|_)urls?$/.test(name);

export function derivePorts(doc: OpenApiDocument, input: ObjectSchema): PortDerivation {
  const fields = new Map(input.order.map((name) => [name, unwrapField(doc, input.properties[name] ?? {})] as const));
  const taken = new Set<string>();
  const pickFirst = (names: readonly string[], test: (f: FieldSchema) => boolean): string | undefined => {
    const name = names.find((n) => !taken.has(n) && fields.has(n) && test(fields.get(n) as FieldSchema));
    if (name) taken.add(name);
    return name;
  };
  const order = input.order;
  const prompt = pickFirst(["prompt"], isText);
  const video = pickFirst(["video_url", ...order.filter((n) => /_video_url$/.test(n))], isText);
  const endImage = pickFirst(
    order.filter((n) => END_FRAME.test(n)),
    isText,
  );
  const imageNames = [...START_NAMES, ...order.filter((n) => /image_url$/.test(n) && !NOT_A_PICTURE.test(n))];
  const image = pickFirst(imageNames, isText);
  const images = pickFirst(
    order.filter((n) => /image_urls$/.test(n) && !NOT_A_PICTURE.test(n)),
    isTextList,
  );

  const bind = (role: PortRole, field: string | undefined): PortBinding[] =>
    field ? [binding(role, field, input.required.has(field), fields.get(field) as FieldSchema)] : [];
  const bindings = [
    ...bind("video", video),
    ...bind("prompt", prompt),
    ...bind("image", image),
    ...bind("endImage", endImage),
    ...bind("images", images),
  ];
  const otherFiles = order
    .filter((n) => !taken.has(n) && (isFileName(n) || hasFileHint(input.properties[n])))
    .map((field) => {
      const f = fields.get(field) as FieldSchema;
      const required = input.required.has(field);
      return isText(f) || isTextList(f) ? { field, required } : { field, required, shape: valueWords(f.schema) };
    });
  return { bindings, otherFiles };
}

/** The node's input ports for these bindings (handle → spec), for `ModelAdapter.inputs`. */
export function inputPorts(bindings: readonly PortBinding[]): Record<string, InputPortSpec> {
  const out: Record<string, InputPortSpec> = {};
  for (const b of bindings) {
    const spec: InputPortSpec = { type: b.type, label: b.label, required: b.required };
    if (b.role === "images") spec.multiple = true;
    out[b.handle] = spec;
  }
  return out;
}

function binding(role: PortRole, field: string, required: boolean, schema: FieldSchema): PortBinding {
  switch (role) {
    case "prompt":
      return { role, handle: INPUT.prompt, field, required, type: "text", label: "Prompt" };
    case "video":
      return { role, handle: INPUT.video, field, required, type: "video", label: "Video" };
    case "image":
      return { role, handle: INPUT.image, field, required, type: "image", label: imageLabel(field) };
    case "endImage":
      return { role, handle: INPUT.endImage, field, required, type: "image", label: "End frame" };
    case "images":
      return { role, handle: INPUT.images, field, required, type: "image", label: listLabel(field, schema) };
    default: {
      const _: never = role;
      return _;
    }
  }
}

function imageLabel(field: string): string {
  if (/^(start|first)_/.test(field)) return "Start frame";
  if (field.startsWith("reference_")) return "Reference image";
  return "Image";
}

/** fal's title when someone wrote one ("Style references"), else "Reference images" ("Image Urls" says less). */
function listLabel(field: string, schema: FieldSchema): string {
  const title = schema.title?.trim();
  const generated = !title || title.toLowerCase() === field.replace(/_/g, " ").toLowerCase();
  return generated ? "Reference images" : humanise(title);
}

const isText = (f: FieldSchema) => f.schema.type === "string" && f.schema.enum === undefined;

function isTextList(f: FieldSchema): boolean {
  const items = f.schema.items;
  return f.schema.type === "array" && isRecord(items) && items.type === "string";
}

/** fal's rare explicit mark of an uploader field (`"_fal_ui_field": "image"`, on a field or its items). */
function hasFileHint(property: unknown): boolean {
  if (!isRecord(property)) return false;
  if (typeof property._fal_ui_field === "string") return true;
  return isRecord(property.items) && typeof property.items._fal_ui_field === "string";
}

/**
 * A job's result in the shape of the endpoint's `<Name>Output` schema: the video as File or VideoFile (the real
 * tiny MP4 the fake serves; VideoFile also says the duration that was asked for), `seed`, `actual_prompt`,
 * images for image models, and a plain value of the right type for any other required field.
 */
import type { JsonSchema, OpenApiDocument } from "./openapi";
import { resolve } from "./validate";

export interface ResultFacts {
  /** The fake's media URL of this job's video (`/media/<id>.mp4`). */
  videoUrl: string;
  fileName: string;
  fileSize: number;
  durationSec: number;
  input: Record<string, unknown>;
}

/** The component a field names, directly or through a one-member `allOf`. */
function refName(schema: JsonSchema): string | undefined {
  const viaAllOf = (schema.allOf as JsonSchema[] | undefined)?.[0]?.$ref;
  const target = typeof schema.$ref === "string" ? schema.$ref : viaAllOf;
  return typeof target === "string" ? target.replace("#/components/schemas/", "") : undefined;
}

function fileRecord(kind: string, facts: ResultFacts): Record<string, unknown> {
  const file = { url: facts.videoUrl, content_type: "video/mp4", file_name: facts.fileName, file_size: facts.fileSize };
  if (kind !== "VideoFile") return file;
  return { ...file, width: null, height: null, fps: null, duration: facts.durationSec, num_frames: null };
}

function imageRecords(facts: ResultFacts): Record<string, unknown>[] {
  const count = typeof facts.input.num_images === "number" ? facts.input.num_images : 1;
  return Array.from({ length: count }, (_, i) => ({
    url: facts.videoUrl.replace(/\.mp4$/, `_${i}.jpg`),
    content_type: "image/jpeg",
    file_name: `image_${i}.jpg`,
    file_size: null,
    width: 1024,
    height: 768,
  }));
}

/** A stand-in of the field's type for required fields the fake has no meaning for. */
function plainValue(schema: JsonSchema): unknown {
  switch (schema.type) {
    case "string":
      return "";
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      return {};
  }
}

function fieldValue(name: string, schema: JsonSchema, facts: ResultFacts): unknown {
  const named = refName(schema);
  if (named === "File" || named === "VideoFile") return fileRecord(named, facts);
  if (name === "images") return imageRecords(facts);
  if (name === "seed") return typeof facts.input.seed === "number" ? facts.input.seed : 42;
  if (name === "actual_prompt" || name === "prompt") {
    return typeof facts.input.prompt === "string" ? facts.input.prompt : "";
  }
  if (name === "has_nsfw_concepts") return imageRecords(facts).map(() => false);
  return undefined;
}

export function resultFromOutput(
  doc: OpenApiDocument,
  output: JsonSchema,
  facts: ResultFacts,
): Record<string, unknown> {
  const properties = (output.properties ?? {}) as Record<string, JsonSchema>;
  const required = (output.required ?? []) as string[];
  const body: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    const value = fieldValue(name, schema, facts);
    if (value !== undefined) body[name] = value;
    else if (required.includes(name)) body[name] = plainValue(resolve(doc, schema));
  }
  return body;
}

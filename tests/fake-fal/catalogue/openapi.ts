/**
 * fal's per-endpoint OpenAPI 3.0 document, as `GET /v1/models?expand=openapi-3.0` and
 * `fal.ai/api/openapi/queue/openapi.json?endpoint_id=…` serve it: `info.x-fal-metadata`, the queue paths
 * (POST /<id> → QueueStatus, GET /<id>/requests/{request_id} → <Name>Output, …/status, PUT …/cancel) and
 * `components.schemas` (<Name>Input, <Name>Output, File, VideoFile, Image, QueueStatus). Shaped after a real
 * document (GitHub inovue/fal-skills tests/fixtures/openapi-kling-i2v.json); the endpoint files in this folder
 * give only what differs per endpoint: fields, enums, defaults, required, output.
 */

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string; "x-fal-metadata": Record<string, unknown> };
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, JsonSchema> };
  paths: Record<string, unknown>;
  servers: { url: string }[];
  security: Record<string, unknown[]>[];
}

export interface ObjectSpec {
  /** pydantic's model name, shown as the schema's `title`. */
  title: string;
  /** In fal's field order (it becomes `x-fal-order-properties`). */
  properties: Record<string, JsonSchema>;
  required: readonly string[];
}

export interface DocumentSpec {
  endpointId: string;
  category: string;
  about: string;
  input: ObjectSpec;
  output: ObjectSpec;
  /** Other schemas the fields refer to (File, VideoFile and Image are added when referred to). */
  schemas?: Record<string, JsonSchema>;
}

/** fal's component name: owner dropped, the rest PascalCased (`fal-ai/ltx-2.3/extend-video` → Ltx23ExtendVideo). */
export function schemaBaseName(endpointId: string): string {
  return endpointId
    .split("/")
    .slice(1)
    .flatMap((segment) => segment.split(/[-._]/))
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}

/** pydantic's title for a field: `image_url` → "Image Url". */
export function fieldTitle(name: string): string {
  return name
    .split("_")
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A pydantic model as fal documents it: fields titled, `required`, `x-fal-order-properties`. */
export function objectSchema(spec: ObjectSpec): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(spec.properties).map(([name, schema]) => [name, { title: fieldTitle(name), ...schema }]),
  );
  return {
    type: "object",
    title: spec.title,
    properties,
    required: [...spec.required],
    "x-fal-order-properties": Object.keys(spec.properties),
  };
}

const nullable = (type: string, description: string, examples?: unknown[]): JsonSchema => ({
  ...(examples ? { examples } : {}),
  anyOf: [{ type }, { type: "null" }],
  description,
});

const FILE_FIELDS: Record<string, JsonSchema> = {
  url: { type: "string", description: "The URL where the file can be downloaded from." },
  content_type: nullable("string", "The mime type of the file.", ["image/png"]),
  file_name: nullable("string", "The name of the file. It will be auto-generated if not provided.", [
    "z9RV14K95DvU.png",
  ]),
  file_size: nullable("integer", "The size of the file in bytes.", [4404019]),
};

/** The file records fal's outputs refer to. */
export const SHARED_SCHEMAS: Record<string, JsonSchema> = {
  File: objectSchema({ title: "File", properties: FILE_FIELDS, required: ["url"] }),
  VideoFile: objectSchema({
    title: "VideoFile",
    properties: {
      ...FILE_FIELDS,
      width: nullable("integer", "The width of the video"),
      height: nullable("integer", "The height of the video"),
      fps: nullable("number", "The FPS of the video"),
      duration: nullable("number", "The duration of the video"),
      num_frames: nullable("integer", "The number of frames in the video"),
    },
    required: ["url"],
  }),
  Image: objectSchema({
    title: "Image",
    properties: {
      ...FILE_FIELDS,
      width: nullable("integer", "The width of the image in pixels."),
      height: nullable("integer", "The height of the image in pixels."),
    },
    required: ["url"],
  }),
};

const QUEUE_STATUS: JsonSchema = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"] },
    request_id: { type: "string", description: "The request id." },
    response_url: { type: "string", description: "The response url." },
    status_url: { type: "string", description: "The status url." },
    cancel_url: { type: "string", description: "The cancel url." },
    logs: { type: "object", description: "The logs.", additionalProperties: true },
    metrics: { type: "object", description: "The metrics.", additionalProperties: true },
    queue_position: { type: "integer", description: "The queue position." },
  },
  required: ["status", "request_id"],
};

const requestIdParameter = {
  name: "request_id",
  in: "path",
  required: true,
  schema: { type: "string", description: "Request ID" },
};
const logsParameter = {
  name: "logs",
  in: "query",
  required: false,
  schema: { type: "number", description: "Whether to include logs (`1`) in the response or not (`0`)." },
};
const cancelled = {
  type: "object",
  properties: { success: { type: "boolean", description: "Whether the request was cancelled successfully." } },
};
const jsonOf = (schema: JsonSchema) => ({ "application/json": { schema } });

function queuePaths(endpointId: string, base: string): Record<string, unknown> {
  const requests = `/${endpointId}/requests/{request_id}`;
  return {
    [`${requests}/status`]: {
      get: {
        parameters: [requestIdParameter, logsParameter],
        responses: { 200: { description: "The request status.", content: jsonOf(ref("QueueStatus")) } },
      },
    },
    [`${requests}/cancel`]: {
      put: {
        parameters: [requestIdParameter],
        responses: { 200: { description: "The request was cancelled.", content: jsonOf(cancelled) } },
      },
    },
    [`/${endpointId}`]: {
      post: {
        requestBody: { required: true, content: jsonOf(ref(`${base}Input`)) },
        responses: { 200: { description: "The request status.", content: jsonOf(ref("QueueStatus")) } },
      },
    },
    [requests]: {
      get: {
        parameters: [requestIdParameter],
        responses: { 200: { description: "Result of the request.", content: jsonOf(ref(`${base}Output`)) } },
      },
    },
  };
}

/** The shared schemas a document's own schemas refer to, so each document stands alone. */
function sharedSchemasUsed(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const text = JSON.stringify(schemas);
  const used = ([name]: [string, JsonSchema]) => text.includes(`"#/components/schemas/${name}"`);
  return Object.fromEntries(Object.entries(SHARED_SCHEMAS).filter(used));
}

export function falOpenApiDocument(spec: DocumentSpec): OpenApiDocument {
  const base = schemaBaseName(spec.endpointId);
  const own: Record<string, JsonSchema> = {
    [`${base}Input`]: objectSchema(spec.input),
    [`${base}Output`]: objectSchema(spec.output),
    ...spec.schemas,
  };
  const page = `https://fal.ai/models/${spec.endpointId}`;
  return {
    openapi: "3.0.4",
    info: {
      title: `Queue OpenAPI for ${spec.endpointId}`,
      version: "1.0.0",
      description: `The OpenAPI schema for the ${spec.endpointId} queue.`,
      "x-fal-metadata": {
        endpointId: spec.endpointId,
        category: spec.category,
        thumbnailUrl: `https://v3.fal.media/files/fake/${base}.jpg`,
        playgroundUrl: page,
        documentationUrl: `${page}/api`,
        about: spec.about,
      },
    },
    components: {
      securitySchemes: { apiKeyAuth: { type: "apiKey", in: "header", name: "Authorization", description: "Fal Key" } },
      schemas: { QueueStatus: QUEUE_STATUS, ...own, ...sharedSchemasUsed(own) },
    },
    paths: queuePaths(spec.endpointId, base),
    servers: [{ url: "https://queue.fal.run" }],
    security: [{ apiKeyAuth: [] }],
  };
}

// ---------------------------------------------------------------- field helpers, in fal's own forms

type Extra = JsonSchema;

/** A required or plainly optional field (older documents: a type, left out of `required` when optional). */
const typed =
  (type: string) =>
  (description: string, extra: Extra = {}): JsonSchema => ({ type, description, ...extra });
export const text = typed("string");
export const integer = typed("integer");
export const number = typed("number");
export const boolean = typed("boolean");
/** An enum inline with its type and default (fal never `$ref`s an enum). */
export const choice = (values: readonly (string | number)[], description: string, extra: Extra = {}): JsonSchema => ({
  type: typeof values[0] === "number" ? "integer" : "string",
  enum: [...values],
  description,
  ...extra,
});
export const listOf = (items: JsonSchema, description: string, extra: Extra = {}): JsonSchema => ({
  type: "array",
  items,
  description,
  ...extra,
});

/** An optional nullable field as newer documents write it: `anyOf: [{type: X, …limits}, {type: "null"}]`. */
export function orNull(schema: JsonSchema): JsonSchema {
  const { description, examples, default: fallback, title, ...inner } = schema;
  return {
    ...(examples !== undefined ? { examples } : {}),
    anyOf: [inner, { type: "null" }],
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
  };
}

/** A video in an output: `$ref` to File or VideoFile, with fal's example. */
export const videoOut = (file: "File" | "VideoFile", description: string): JsonSchema => ({
  examples: [{ url: "https://v3.fal.media/files/example/output.mp4" }],
  ...ref(file),
  description,
});

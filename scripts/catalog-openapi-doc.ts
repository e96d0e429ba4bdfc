import type { FalModel, ModelCategory, OpenApiDocument } from "../src/nodes/catalogue/fal-api";
import type { FalJsEndpoint } from "./catalog-fal-js-endpoints";
import { SchemaWriter, UnconvertibleType, type JsonSchema, type TypeTable } from "./catalog-ts-schema";

/**
 * One endpoint of fal-js as the FalModel fal's Model API would answer with `expand=openapi-3.0`: metadata and
 * an OpenAPI 3.0.4 document shaped like fal's own (see ../shared/reference/fal-platform-api.md), so the live
 * catalogue and this snapshot are read by the same parser.
 */

/** fal's component name: the id without its owner, PascalCased (`fal-ai/veo3.1/lite` → `Veo31Lite`). */
export function schemaBaseName(endpointId: string): string {
  return endpointId
    .split("/")
    .slice(1)
    .join("/")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

const SMALL_WORDS = new Set(["to", "and", "of", "on"]);

/** A readable name from the id alone (fal-js has no display names): `fal-ai/veo3.1/lite` → "Veo3.1 Lite". */
export function displayNameOf(endpointId: string): string {
  return endpointId
    .split("/")
    .slice(1)
    .flatMap((segment) => segment.split("-"))
    .filter(Boolean)
    .map((word) => (SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ");
}

export function falModelOf(table: TypeTable, endpoint: FalJsEndpoint, category: ModelCategory): FalModel {
  return {
    endpoint_id: endpoint.id,
    metadata: {
      display_name: displayNameOf(endpoint.id),
      category,
      status: "active",
      model_url: `https://fal.ai/models/${endpoint.id}`,
    },
    openapi: documentOrError(table, endpoint, category),
  };
}

function documentOrError(table: TypeTable, endpoint: FalJsEndpoint, category: ModelCategory): FalModel["openapi"] {
  try {
    return openApiDocumentOf(table, endpoint, category);
  } catch (error) {
    if (!(error instanceof UnconvertibleType)) throw error;
    return { error: { code: "unconvertible_type", message: `fal-js types of ${endpoint.id}: ${error.message}` } };
  }
}

export function openApiDocumentOf(table: TypeTable, endpoint: FalJsEndpoint, category: ModelCategory): OpenApiDocument {
  const writer = new SchemaWriter(table);
  const base = schemaBaseName(endpoint.id);
  const input = { ...writer.objectOf(endpoint.input), title: `${base}Input` };
  const output = { ...writer.objectOf(endpoint.output), title: `${base}Output` };
  const clash = [`${base}Input`, `${base}Output`, "QueueStatus"].find((name) => name in writer.components);
  if (clash) throw new UnconvertibleType(`a referenced type is also named ${clash}, the name of a document part`);
  return {
    openapi: "3.0.4",
    info: {
      title: `Queue OpenAPI for ${endpoint.id}`,
      version: "1.0.0",
      "x-fal-metadata": {
        endpointId: endpoint.id,
        category,
        playgroundUrl: `https://fal.ai/models/${endpoint.id}`,
        documentationUrl: `https://fal.ai/models/${endpoint.id}/api`,
      },
    },
    components: {
      schemas: { QueueStatus: QUEUE_STATUS, [`${base}Input`]: input, [`${base}Output`]: output, ...writer.components },
    },
    paths: queuePaths(endpoint.id, base),
    servers: [{ url: "https://queue.fal.run" }],
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });
const REQUEST_ID = { name: "request_id", in: "path", required: true, schema: { type: "string" } };

function queuePaths(endpointId: string, base: string): Record<string, unknown> {
  return {
    [`/${endpointId}`]: {
      post: {
        requestBody: { required: true, content: json(ref(`${base}Input`)) },
        responses: { "200": { description: "The request status.", content: json(ref("QueueStatus")) } },
      },
    },
    [`/${endpointId}/requests/{request_id}`]: {
      get: {
        parameters: [REQUEST_ID],
        responses: { "200": { description: "Result of the request.", content: json(ref(`${base}Output`)) } },
      },
    },
  };
}

/** fal's QueueStatus, cut to the fields a client reads (every one of fal's documents declares it). */
const QUEUE_STATUS: JsonSchema = {
  type: "object",
  properties: {
    status: { type: "string", enum: ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"] },
    request_id: { type: "string" },
    queue_position: { type: "integer" },
  },
  required: ["status", "request_id"],
};

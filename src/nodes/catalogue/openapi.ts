import type { FalModel, OpenApiDocument } from "./fal-api";

/**
 * Reading fal's per-endpoint OpenAPI 3.0 document: where the input and output schemas of an endpoint are, and
 * how a field's schema looks once fal's wrappers are taken off (`$ref` to `components.schemas`, `allOf: [{$ref}]`
 * around a single type, `anyOf: [X, {type: "null"}]` for an optional nullable field). Data only, no I/O.
 */

/** A JSON Schema object as it appears in the document (only the keywords read here are typed). */
export type JsonSchema = Record<string, unknown>;

/** The input (request body) and output (result) object schemas of an endpoint, refs resolved one level. */
export interface EndpointSchemas {
  document: OpenApiDocument;
  input: ObjectSchema;
  output: ObjectSchema;
}

/** An object schema with its properties in fal's order (`x-fal-order-properties`, then any others). */
export interface ObjectSchema {
  schema: JsonSchema;
  /** Field names in display order. */
  order: readonly string[];
  properties: Readonly<Record<string, JsonSchema>>;
  required: ReadonlySet<string>;
}

/** A field's schema without fal's wrappers; `nullable` when the document allows `null` for it. */
export interface FieldSchema {
  schema: JsonSchema;
  nullable: boolean;
  /** title/description/default of the property itself (they sit beside a `$ref` or `anyOf`, not inside). */
  title?: string;
  description?: string;
  default?: unknown;
}

export type SchemasLookup = { ok: true; schemas: EndpointSchemas } | { ok: false; reason: string };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The document of a model, or why there is none (fal answers `{error}` when it could not make one). */
export function documentOf(model: FalModel): { ok: true; document: OpenApiDocument } | { ok: false; reason: string } {
  const doc: unknown = model.openapi;
  const id = model.endpoint_id;
  const none = (why: string) => ({ ok: false as const, reason: `fal gave no OpenAPI document for ${id}: ${why}` });
  if (!isRecord(doc)) return none("the catalogue answer has none");
  if (isRecord(doc.error)) {
    const e = doc.error;
    if (typeof e.message === "string" && e.message) return none(e.message);
    return none(typeof e.code === "string" && e.code ? e.code : "no reason given");
  }
  if (!isRecord(doc.paths)) return none("the document has no paths");
  return { ok: true, document: doc as OpenApiDocument };
}

/** The input and output schemas of the model's submit path and result path. */
export function endpointSchemas(model: FalModel): SchemasLookup {
  const found = documentOf(model);
  if (!found.ok) return found;
  const doc = found.document;
  const id = model.endpoint_id;
  const input = objectAt(doc, submitSchema(doc, id));
  if (!input) return { ok: false, reason: `${id}'s OpenAPI document has no request body schema for POST /${id}` };
  const output = objectAt(doc, resultSchema(doc, id));
  if (!output) {
    return { ok: false, reason: `${id}'s OpenAPI document has no result schema for GET /${id}/requests/{request_id}` };
  }
  return { ok: true, schemas: { document: doc, input, output } };
}

/** POST /<id> → requestBody JSON schema; falls back to the one POST path that is not a queue sub-path. */
function submitSchema(doc: OpenApiDocument, id: string): unknown {
  const exact = doc.paths[`/${id}`];
  const candidates = exact ? [exact] : pathsWhere(doc, (p) => !p.includes("/requests/"));
  for (const item of candidates) {
    const body = dig(item, ["post", "requestBody", "content", "application/json", "schema"]);
    if (body !== undefined) return body;
  }
  return undefined;
}

/** GET /<id>/requests/{request_id} → 200 JSON schema; falls back to any path of that shape. */
function resultSchema(doc: OpenApiDocument, id: string): unknown {
  const exact = doc.paths[`/${id}/requests/{request_id}`];
  const candidates = exact ? [exact] : pathsWhere(doc, (p) => p.endsWith("/requests/{request_id}"));
  for (const item of candidates) {
    const schema = dig(item, ["get", "responses", "200", "content", "application/json", "schema"]);
    if (schema !== undefined) return schema;
  }
  return undefined;
}

const pathsWhere = (doc: OpenApiDocument, test: (path: string) => boolean): unknown[] =>
  Object.entries(doc.paths)
    .filter(([p]) => test(p))
    .map(([, item]) => item);

function dig(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const key of path) {
    if (!isRecord(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** Follows a local `$ref` ("#/components/schemas/X"); undefined when it points nowhere. */
export function resolveRef(doc: OpenApiDocument, ref: string): JsonSchema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  const path = ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const target = dig(doc, path);
  return isRecord(target) ? target : undefined;
}

/** Resolves `$ref` chains and a lone `allOf: [{$ref}]` (pydantic's way to describe a referenced field). */
export function deref(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let at = schema;
  for (let hops = 0; hops < 16; hops += 1) {
    if (typeof at.$ref === "string") {
      const next = resolveRef(doc, at.$ref);
      if (!next) return at;
      at = next;
      continue;
    }
    const all = at.allOf;
    if (Array.isArray(all) && all.length === 1 && isRecord(all[0]) && at.type === undefined) {
      at = all[0];
      continue;
    }
    return at;
  }
  return at;
}

const isNullSchema = (s: unknown) =>
  isRecord(s) && (s.type === "null" || (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null));

/**
 * A property's schema without wrappers: refs resolved, `anyOf`/`oneOf` of one schema and `null` unwrapped
 * (nullable), `nullable: true` (OpenAPI 3.0's own spelling) noted. A union of several non-null schemas stays
 * a union (`anyOf` kept) for the caller to refuse.
 */
export function unwrapField(doc: OpenApiDocument, property: JsonSchema): FieldSchema {
  const outer = property;
  let schema = deref(doc, property);
  let nullable = schema.nullable === true;
  const union = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (union) {
    const rest = union.filter((s) => !isNullSchema(s));
    if (rest.length < union.length) nullable = true;
    if (rest.length === 1 && isRecord(rest[0])) schema = deref(doc, rest[0]);
  }
  const field: FieldSchema = { schema, nullable };
  const title = pick(outer.title, schema.title);
  const description = pick(outer.description, schema.description);
  if (typeof title === "string") field.title = title;
  if (typeof description === "string") field.description = description;
  const def = outer.default !== undefined ? outer.default : schema.default;
  if (def !== undefined) field.default = def;
  return field;
}

const pick = (a: unknown, b: unknown) => (a !== undefined ? a : b);

/** An object schema at `value` (a `$ref` or inline), with its properties and order; undefined otherwise. */
export function objectAt(doc: OpenApiDocument, value: unknown): ObjectSchema | undefined {
  if (!isRecord(value)) return undefined;
  const schema = deref(doc, value);
  if (!isRecord(schema.properties)) return undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const [name, p] of Object.entries(schema.properties)) if (isRecord(p)) properties[name] = p;
  const listed = Array.isArray(schema["x-fal-order-properties"]) ? schema["x-fal-order-properties"] : [];
  const order = [...new Set([...strings(listed).filter((n) => n in properties), ...Object.keys(properties)])];
  const required = new Set(Array.isArray(schema.required) ? strings(schema.required) : []);
  return { schema, order, properties, required };
}

const strings = (list: readonly unknown[]) => list.filter((n): n is string => typeof n === "string");

/** The category fal files the model under: `metadata.category`, else the document's `x-fal-metadata`. */
export function categoryOf(model: FalModel): string | undefined {
  const fromMeta = model.metadata?.category;
  if (typeof fromMeta === "string" && fromMeta) return fromMeta;
  const doc: unknown = model.openapi;
  const fromDoc = isRecord(doc) && isRecord(doc.info) ? dig(doc.info, ["x-fal-metadata", "category"]) : undefined;
  return typeof fromDoc === "string" && fromDoc ? fromDoc : undefined;
}

/**
 * A submit body checked against the input schema of the endpoint's served OpenAPI document, the way fal's
 * pydantic models check it, with pydantic's 422 entries (`loc`, `msg`, `type`, `input`, `ctx`). Written for the
 * subset fal's documents use: `$ref`, `allOf` of one `$ref`, `anyOf` (nullable and unions), inline enums, string /
 * integer / number / boolean / array / object, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
 * `minLength`, `maxLength`, `minItems`, `maxItems`, `required`. Strict about types like the rest of the fake (the
 * string "5" is not the integer 5), so a body an adapter built in the wrong form is caught. Nothing here reads
 * src/nodes: the adapters read the same documents on their own.
 */
import { describeChoices, type FalFieldError } from "../schemas/types";
import type { JsonSchema, OpenApiDocument } from "./openapi";

type Loc = (string | number)[];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

type Content = Record<string, { schema?: JsonSchema }>;
type PathItem = {
  post?: { requestBody?: { content?: Content } };
  get?: { responses?: Record<string, { content?: Content }> };
};

/** Follows `$ref` and a one-member `allOf` to the schema they name. */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 10; hops++) {
    if (typeof current.$ref === "string") {
      const name = current.$ref.replace("#/components/schemas/", "");
      const target = doc.components.schemas[name];
      if (!target) throw new Error(`fake fal: ${current.$ref} is not in the document`);
      current = target;
    } else if (Array.isArray(current.allOf) && current.allOf.length === 1) {
      current = current.allOf[0] as JsonSchema;
    } else {
      return current;
    }
  }
  throw new Error("fake fal: $ref loop");
}

/** The `<Name>Input` schema the document's POST takes. */
export function inputSchemaOf(doc: OpenApiDocument, endpointId: string): JsonSchema | undefined {
  const post = (doc.paths[`/${endpointId}`] as PathItem | undefined)?.post;
  const schema = post?.requestBody?.content?.["application/json"]?.schema;
  return schema ? resolve(doc, schema) : undefined;
}

/** The `<Name>Output` schema the document's result GET answers. */
export function outputSchemaOf(doc: OpenApiDocument, endpointId: string): JsonSchema | undefined {
  const get = (doc.paths[`/${endpointId}/requests/{request_id}`] as PathItem | undefined)?.get;
  const schema = get?.responses?.["200"]?.content?.["application/json"]?.schema;
  return schema ? resolve(doc, schema) : undefined;
}

const propertiesOf = (schema: JsonSchema): Record<string, JsonSchema> =>
  isPlainObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
const requiredOf = (schema: JsonSchema) => (Array.isArray(schema.required) ? (schema.required as string[]) : []);

/** The value a field takes when the body leaves it out: the schema's `default`, through an `anyOf` too. */
export function defaultOf(input: JsonSchema, name: string): unknown {
  const field = propertiesOf(input)[name];
  return field?.default;
}

function err(loc: Loc, msg: string, type: string, input: unknown, ctx?: Record<string, unknown>): FalFieldError {
  return { loc, msg, type, input, ...(ctx ? { ctx } : {}) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function checkNumberBounds(schema: JsonSchema, value: number, loc: Loc): FalFieldError[] {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  const fail = (words: string, bound: number, type: string, key: string) => [
    err(loc, `Input should be ${words} ${bound}`, type, value, { [key]: bound }),
  ];
  if (minimum !== undefined && value < minimum) {
    return fail("greater than or equal to", minimum, "greater_than_equal", "ge");
  }
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) {
    return fail("greater than", exclusiveMinimum, "greater_than", "gt");
  }
  if (maximum !== undefined && value > maximum) return fail("less than or equal to", maximum, "less_than_equal", "le");
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) {
    return fail("less than", exclusiveMaximum, "less_than", "lt");
  }
  return [];
}

function checkString(schema: JsonSchema, value: unknown, loc: Loc): FalFieldError[] {
  if (typeof value !== "string") return [err(loc, "Input should be a valid string", "string_type", value)];
  const { minLength, maxLength } = schema as Record<string, number | undefined>;
  if (minLength !== undefined && value.length < minLength) {
    const msg = `String should have at least ${plural(minLength, "character")}`;
    return [err(loc, msg, "string_too_short", value, { min_length: minLength })];
  }
  if (maxLength !== undefined && value.length > maxLength) {
    const msg = `String should have at most ${plural(maxLength, "character")}`;
    return [err(loc, msg, "string_too_long", value, { max_length: maxLength })];
  }
  return [];
}

function checkInteger(schema: JsonSchema, value: unknown, loc: Loc): FalFieldError[] {
  if (typeof value !== "number") return [err(loc, "Input should be a valid integer", "int_type", value)];
  if (!Number.isInteger(value)) {
    return [err(loc, "Input should be a valid integer, got a number with a fractional part", "int_from_float", value)];
  }
  return checkNumberBounds(schema, value, loc);
}

function checkNumber(schema: JsonSchema, value: unknown, loc: Loc): FalFieldError[] {
  if (typeof value !== "number") return [err(loc, "Input should be a valid number", "float_type", value)];
  return checkNumberBounds(schema, value, loc);
}

function checkArray(doc: OpenApiDocument, schema: JsonSchema, value: unknown, loc: Loc): FalFieldError[] {
  if (!Array.isArray(value)) return [err(loc, "Input should be a valid list", "list_type", value)];
  const { minItems, maxItems } = schema as Record<string, number | undefined>;
  const length = (words: string, bound: number, type: string, key: string) => [
    err(loc, `List should have ${words} ${plural(bound, "item")} after validation, not ${value.length}`, type, value, {
      field_type: "List",
      [key]: bound,
      actual_length: value.length,
    }),
  ];
  if (minItems !== undefined && value.length < minItems) return length("at least", minItems, "too_short", "min_length");
  if (maxItems !== undefined && value.length > maxItems) return length("at most", maxItems, "too_long", "max_length");
  const items = isPlainObject(schema.items) ? (schema.items as JsonSchema) : {};
  return value.flatMap((item, i) => checkValue(doc, items, item, [...loc, i]));
}

/** An object field (a nested model): each declared field checked; unknown ones ignored, as pydantic does. */
function checkObject(doc: OpenApiDocument, schema: JsonSchema, value: unknown, loc: Loc): FalFieldError[] {
  if (!isPlainObject(value)) {
    const title = typeof schema.title === "string" ? schema.title : "object";
    return [err(loc, `Input should be a valid dictionary or instance of ${title}`, "model_type", value)];
  }
  const required = requiredOf(schema);
  return Object.entries(propertiesOf(schema)).flatMap(([name, field]) => {
    if (value[name] === undefined) {
      return required.includes(name) ? [err([...loc, name], "Field required", "missing", value)] : [];
    }
    return checkValue(doc, field, value[name], [...loc, name]);
  });
}

/** `anyOf`: null passes a nullable field; otherwise the value must pass one member (errors of all when none). */
function checkAnyOf(doc: OpenApiDocument, members: JsonSchema[], value: unknown, loc: Loc): FalFieldError[] {
  const allowsNull = members.some((m) => m.type === "null");
  if (value === null && allowsNull) return [];
  const others = members.filter((m) => m.type !== "null");
  const results = others.map((m) => checkValue(doc, m, value, loc));
  if (results.some((r) => r.length === 0)) return [];
  return others.length === 1 ? (results[0] ?? []) : results.flat();
}

function checkValue(doc: OpenApiDocument, raw: JsonSchema, value: unknown, loc: Loc): FalFieldError[] {
  const schema = resolve(doc, raw);
  if (Array.isArray(schema.anyOf)) return checkAnyOf(doc, schema.anyOf as JsonSchema[], value, loc);
  if (Array.isArray(schema.enum)) {
    const options = schema.enum as (string | number)[];
    if (options.includes(value as string | number)) return [];
    const expected = describeChoices(options);
    return [err(loc, `Input should be ${expected}`, "enum", value, { expected })];
  }
  switch (schema.type) {
    case "string":
      return checkString(schema, value, loc);
    case "integer":
      return checkInteger(schema, value, loc);
    case "number":
      return checkNumber(schema, value, loc);
    case "boolean":
      return typeof value === "boolean" ? [] : [err(loc, "Input should be a valid boolean", "bool_type", value)];
    case "array":
      return checkArray(doc, schema, value, loc);
    case "object":
      return checkObject(doc, schema, value, loc);
    case "null":
      return value === null ? [] : [err(loc, "Input should be None", "none_required", value)];
    default:
      return []; // no type: anything goes (fal's `timings`, free-form objects)
  }
}

/** Checks a submit body; fields the schema does not declare are ignored by fal and reported apart. */
export function validateAgainstInput(
  doc: OpenApiDocument,
  input: JsonSchema,
  body: unknown,
): { errors: FalFieldError[]; ignoredFields: string[] } {
  if (!isPlainObject(body)) {
    const msg = "Input should be a valid dictionary or object to extract fields from";
    return { errors: [err(["body"], msg, "model_attributes_type", body)], ignoredFields: [] };
  }
  const declared = propertiesOf(input);
  return {
    errors: checkObject(doc, input, body, ["body"]),
    ignoredFields: Object.keys(body).filter((k) => !(k in declared)),
  };
}

import * as z from "zod";
import type { OpenApiDocument } from "./fal-api";
import type { FieldIssue } from "../types";
import { isRecord, type JsonSchema, type ObjectSchema } from "./openapi";
import { listValues } from "./wording";

/**
 * Checks a request body against the endpoint's own OpenAPI input schema before anything is sent, with zod's
 * JSON Schema reader (fal's `#/components/schemas/X` refs moved to `definitions`, where zod's OpenAPI 3.0 mode
 * looks for them), and says what is wrong in plain words, field by field.
 */

export type BodyCheck = (body: Record<string, unknown>) => FieldIssue[];

/**
 * A checker for bodies of this input schema. `notRequired` names fields to treat as optional (the port-fed
 * ones when only params are checked, before the plan knows what arrives on the ports). The schema is turned
 * into zod on first use (about 1 ms a model, and most catalogue models listed are never run); one zod cannot
 * read makes every check fail with the reason, so nothing is sent unchecked.
 */
export function bodyChecker(
  doc: OpenApiDocument,
  input: ObjectSchema,
  notRequired: ReadonlySet<string> = new Set(),
): BodyCheck {
  let compiled: z.ZodType | Error | undefined;
  return (body) => {
    compiled ??= compile(doc, input, notRequired);
    if (compiled instanceof Error) {
      const message = `cannot be checked against fal's input schema (${compiled.message})`;
      return [{ field: "(the request)", message }];
    }
    const result = compiled.safeParse(body, { reportInput: true });
    return result.success ? [] : result.error.issues.flatMap((issue) => plainIssues(issue, []));
  };
}

function compile(doc: OpenApiDocument, input: ObjectSchema, notRequired: ReadonlySet<string>): z.ZodType | Error {
  const root: JsonSchema = { ...input.schema, required: [...input.required].filter((f) => !notRequired.has(f)) };
  try {
    const definitions = moveRefs(doc.components?.schemas ?? {});
    const rooted = { ...(moveRefs(root) as JsonSchema), definitions };
    // A registry of its own: zod files each schema's extra keywords (title, examples…) there, not in the global one.
    const options = { defaultTarget: "openapi-3.0", registry: z.registry() } as const;
    return z.fromJSONSchema(rooted, options);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

const OPENAPI_REF = "#/components/schemas/";

/** A deep copy with every `$ref` into `components.schemas` pointing into `definitions` instead. */
function moveRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(moveRefs);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const isComponentRef = key === "$ref" && typeof v === "string" && v.startsWith(OPENAPI_REF);
    out[key] = isComponentRef ? `#/definitions/${v.slice(OPENAPI_REF.length)}` : moveRefs(v);
  }
  return out;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** One zod issue as FieldIssues: the field's path and what is wrong with its value. */
function plainIssues(issue: Issue, at: Path): FieldIssue[] {
  const path = [...at, ...issue.path];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({ field: fieldName([...path, k]), message: "is not a field this model accepts" }));
  }
  if (issue.code === "invalid_union") return unionIssues(issue, path);
  return [{ field: fieldName(path), message: plainMessage(issue) }];
}

/** `image_urls[1]`, `elements[0].frontal_image_url`. */
function fieldName(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(the request)";
}

/**
 * fal's unions are mostly "X or null" and enums of numbers (zod reads those as unions of single values): say
 * what X wanted, or list the values, rather than "no union member matched".
 */
function unionIssues(issue: Extract<Issue, { code: "invalid_union" }>, path: Path): FieldIssue[] {
  const branches = issue.errors.filter((b) => !b.every(isNullMismatch));
  const values = branches.every((b) => b.length === 1 && b[0]?.code === "invalid_value")
    ? branches.flatMap((b) => (b[0]?.code === "invalid_value" ? b[0].values : []))
    : undefined;
  if (values && values.length > 0) return [{ field: fieldName(path), message: oneOf(values) }];
  const only = branches.length === 1 ? branches[0] : undefined;
  if (only && only.length > 0) return only.flatMap((i) => plainIssues(i, path));
  return [{ field: fieldName(path), message: "does not match any form this field accepts" }];
}

const isNullMismatch = (i: Issue) => i.code === "invalid_type" && i.expected === "null";

const oneOf = (values: readonly unknown[]) =>
  values.length === 1 ? `should be ${listValues(values)}` : `should be one of ${listValues(values)}`;

function plainMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `should be ${typeWords(issue.expected)} (got ${shown(issue.input)})`;
    case "invalid_value":
      return oneOf(issue.values);
    case "too_small":
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case "too_big":
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case "not_multiple_of":
      return `should be a multiple of ${String(issue.divisor)}`;
    case "invalid_format":
      return `should be a valid ${issue.format === "url" ? "URL" : issue.format}`;
    default:
      return issue.message;
  }
}

function typeWords(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "null":
      return "empty";
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

function shown(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return typeof value; // a function, symbol or undefined: nothing a request body holds
}

function tooSmall(origin: string, n: number, inclusive: boolean): string {
  if (origin === "string") return n <= 1 ? "should not be empty" : `should have at least ${n} characters`;
  if (origin === "array" || origin === "set") {
    return n === 1 ? "should have at least one item" : `should have at least ${n} items`;
  }
  return inclusive ? `should be at least ${n}` : `should be more than ${n}`;
}

function tooBig(origin: string, n: number, inclusive: boolean): string {
  if (origin === "string") return `should have at most ${n} characters`;
  if (origin === "array" || origin === "set") return `should have at most ${n} item${n === 1 ? "" : "s"}`;
  return inclusive ? `should be at most ${n}` : `should be less than ${n}`;
}

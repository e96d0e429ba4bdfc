import type { OpenApiDocument } from "./fal-api";
import type { ParamSpec } from "../types";
import { unwrapField, type FieldSchema, type JsonSchema, type ObjectSchema } from "./openapi";
import { isLengthField } from "./price";
import { labelOf, shortHelp, valueWords } from "./wording";

/**
 * The params a node shows for a fal endpoint, read from the fields of its input schema that no port fills, in
 * fal's order. Values keep fal's own forms (a string enum `"5"` stays a string, an integer enum 5 a number), so
 * a node's `params` are exactly what fal is sent.
 */

export interface FieldNote {
  field: string;
  why: string;
}

export interface ParamDerivation {
  params: ParamSpec[];
  /** Required fields Reelflow cannot give a value: the model cannot run in a node. */
  unusable: FieldNote[];
  /** Params whose shown default is Reelflow's (fal's schema states none): sent only when the node sets them. */
  sentOnlyWhenSet: ReadonlySet<string>;
}

/** How far an unbounded number may go: fal's own check (the body is validated against its schema) is the limit. */
const WIDE = Number.MAX_SAFE_INTEGER;
const MULTILINE_NAME = /prompt|text|description|caption|instruction|lyrics|script/;
const MULTILINE_LENGTH = 300;
/**
 * Fields shown on the node itself: what decides the video at a glance (its length, shape, resolution, the prompt's
 * words) and its sound, which often sets the price. Every other optional field (negative prompt, seed, safety
 * checker, prompt expansion, steps…) goes behind the node's "More".
 */
const MAIN_FIELD = /^(.*_)?prompt$|^num_frames$|^aspect_ratio$|^resolution$|audio/;
const isMainField = (name: string, required: boolean) =>
  required || isLengthField(name) || (MAIN_FIELD.test(name) && !name.includes("negative"));

type NumberSpec = Extract<ParamSpec, { kind: "number" }>;
type TextSpec = Extract<ParamSpec, { kind: "text" }>;
type Derived = { spec: ParamSpec; inventedDefault?: boolean } | { skip: string };

/**
 * Params of every field but `notParams` (the port-fed and other file fields). A field the node cannot show
 * is left to fal's default when optional, and makes the model unusable when required.
 */
export function deriveParams(
  doc: OpenApiDocument,
  input: ObjectSchema,
  notParams: ReadonlySet<string>,
): ParamDerivation {
  const out: ParamDerivation = { params: [], unusable: [], sentOnlyWhenSet: new Set() };
  const invented = new Set<string>();
  for (const name of input.order) {
    if (notParams.has(name)) continue;
    const required = input.required.has(name);
    const derived = paramOf(name, unwrapField(doc, input.properties[name] ?? {}), required);
    if ("skip" in derived) {
      if (required) out.unusable.push({ field: name, why: derived.skip });
      continue;
    }
    const flags = { ...(required ? { required: true } : {}), ...(isMainField(name, required) ? {} : { more: true }) };
    out.params.push({ ...derived.spec, ...flags });
    if (derived.inventedDefault) invented.add(name);
  }
  out.sentOnlyWhenSet = invented;
  return out;
}

function paramOf(name: string, field: FieldSchema, required: boolean): Derived {
  const s = field.schema;
  const label = labelOf(name, field.title);
  const help = shortHelp(field.description);
  const common = help === undefined ? { name, label } : { name, label, help };
  if (Array.isArray(s.enum) || s.const !== undefined) return enumParam(common, field, required);
  switch (s.type) {
    case "boolean": {
      const def = field.default;
      if (typeof def === "boolean") return { spec: { kind: "boolean", ...common, default: def } };
      return { spec: { kind: "boolean", ...common, default: false }, inventedDefault: true };
    }
    case "integer":
    case "number":
      return { spec: numberParam(common, field, s.type === "integer") };
    case "string":
      return { spec: textParam(common, field) };
    default:
      return { skip: `Reelflow cannot give it ${valueWords(s)}` };
  }
}

type Common = { name: string; label: string; help?: string };

function enumParam(common: Common, field: FieldSchema, required: boolean): Derived {
  const s = field.schema;
  const raw: unknown[] = Array.isArray(s.enum) ? s.enum : [s.const];
  const options = raw.filter((v): v is string | number => typeof v === "string" || typeof v === "number");
  if (options.length === 0) return { skip: `Reelflow cannot give it ${valueWords(s)}` };
  const def = field.default;
  if ((typeof def === "string" || typeof def === "number") && options.includes(def)) {
    return { spec: { kind: "enum", ...common, options, default: def } };
  }
  // A required choice with no default starts on the first option (fal needs one); an optional one is left to fal,
  // since showing a value the request would not send misleads.
  if (required) return { spec: { kind: "enum", ...common, options, default: options[0] as string | number } };
  return { skip: "fal states no default for it, and picking one would change what fal does when it is left out" };
}

function numberParam(common: Common, field: FieldSchema, integer: boolean): ParamSpec {
  const s = field.schema;
  const { min, max } = boundsOf(s, integer);
  const spec: NumberSpec = { kind: "number", ...common, min, max };
  if (integer) spec.integer = true;
  if (typeof s.multipleOf === "number") spec.step = s.multipleOf;
  else if (integer) spec.step = 1;
  if (typeof field.default === "number") spec.default = field.default;
  return spec;
}

/** Inclusive bounds for the node's check; exclusive ones (either OpenAPI spelling) are exact only for integers. */
function boundsOf(s: JsonSchema, integer: boolean): { min: number; max: number } {
  let min = typeof s.minimum === "number" ? s.minimum : -WIDE;
  let max = typeof s.maximum === "number" ? s.maximum : WIDE;
  const exMin = exclusive(s.exclusiveMinimum, min);
  const exMax = exclusive(s.exclusiveMaximum, max);
  if (exMin !== undefined) min = integer ? Math.floor(exMin) + 1 : exMin;
  if (exMax !== undefined) max = integer ? Math.ceil(exMax) - 1 : exMax;
  return { min, max };
}

/** OpenAPI 3.1 (and pydantic) write the exclusive bound itself; 3.0 writes `true` beside `minimum`/`maximum`. */
const exclusive = (keyword: unknown, bound: number): number | undefined =>
  typeof keyword === "number" ? keyword : keyword === true ? bound : undefined;

function textParam(common: Common, field: FieldSchema): ParamSpec {
  const s = field.schema;
  const spec: TextSpec = { kind: "text", ...common };
  if (typeof field.default === "string") spec.default = field.default;
  if (typeof s.maxLength === "number") spec.maxLength = s.maxLength;
  const long = typeof s.maxLength === "number" && s.maxLength > MULTILINE_LENGTH;
  if (MULTILINE_NAME.test(common.name) || long) spec.multiline = true;
  return spec;
}

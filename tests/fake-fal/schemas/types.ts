/**
 * Endpoint input schemas as the fake fal enforces them, with pydantic-shaped 422 details.
 * Kept apart from src/nodes on purpose: the fake is written from fal's published schemas,
 * so an adapter that builds a wrong body is caught instead of agreeing with itself.
 */

export type FieldRule =
  | { type: "string"; required: boolean; enum?: readonly string[]; default?: string }
  | { type: "number-enum"; required: boolean; enum: readonly number[]; default?: number }
  | { type: "boolean"; required: boolean; default?: boolean }
  /** A whole number (pydantic `int`), e.g. Veo's `seed`; bounds inclusive when given. */
  | { type: "integer"; required: boolean; min?: number; max?: number; default?: number }
  /** A list of strings (pydantic `list[str]`), e.g. an edit's `image_urls`; at least `minItems` when given. */
  | { type: "string-list"; required: boolean; minItems?: number };

export interface EndpointSchema {
  endpoint: string;
  fields: Readonly<Record<string, FieldRule>>;
  /**
   * What the job produces: "sora-video" `{ video, video_id, ... }`; "video" `{ video: File }` (Veo 3.1,
   * Kling O3); "video-with-seed" `{ seed, video: File }` (Seedance 2.0); "images" `{ images: ImageFile[],
   * description }` (Nano Banana), one image per `num_images`.
   */
  output: "sora-video" | "video" | "video-with-seed" | "images";
  /** Remix endpoints: the field naming an earlier Sora video that must still exist. */
  remixField?: string;
}

/** One entry of fal's (FastAPI/pydantic) 422 body: `{ detail: FalFieldError[] }`. */
export interface FalFieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
  url?: string;
}

/** pydantic's wording for a choice: `'a', 'b' or 'c'`, numbers unquoted. */
export function describeChoices(options: readonly (string | number)[]): string {
  const shown = options.map((o) => (typeof o === "string" ? `'${o}'` : String(o)));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validate a submit body the way fal's pydantic models do (strict about types: a string
 * "4" is not the number 4). Unknown fields are ignored, as fal ignores them; they are
 * reported separately so tests can still assert that an adapter sends none.
 */
export function validateBody(
  schema: EndpointSchema,
  body: unknown,
): { errors: FalFieldError[]; ignoredFields: string[] } {
  if (!isPlainObject(body)) {
    return {
      errors: [
        {
          loc: ["body"],
          msg: "Input should be a valid dictionary or object to extract fields from",
          type: "model_attributes_type",
          input: body,
        },
      ],
      ignoredFields: [],
    };
  }
  const errors: FalFieldError[] = [];
  for (const [name, rule] of Object.entries(schema.fields)) {
    const loc = ["body", name];
    if (!(name in body) || body[name] === undefined) {
      if (rule.required) errors.push({ loc, msg: "Field required", type: "missing", input: body });
      continue;
    }
    const value = body[name];
    switch (rule.type) {
      case "string":
        if (typeof value !== "string")
          errors.push({ loc, msg: "Input should be a valid string", type: "string_type", input: value });
        else if (rule.enum && !rule.enum.includes(value)) {
          const expected = describeChoices(rule.enum);
          errors.push({ loc, msg: `Input should be ${expected}`, type: "enum", input: value, ctx: { expected } });
        }
        break;
      case "number-enum":
        if (typeof value !== "number" || !rule.enum.includes(value)) {
          const expected = describeChoices(rule.enum);
          errors.push({ loc, msg: `Input should be ${expected}`, type: "enum", input: value, ctx: { expected } });
        }
        break;
      case "boolean":
        if (typeof value !== "boolean")
          errors.push({ loc, msg: "Input should be a valid boolean", type: "bool_type", input: value });
        break;
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value)) {
          errors.push({ loc, msg: "Input should be a valid integer", type: "int_type", input: value });
        } else if (rule.min !== undefined && value < rule.min) {
          errors.push({
            loc,
            msg: `Input should be greater than or equal to ${rule.min}`,
            type: "greater_than_equal",
            input: value,
            ctx: { ge: rule.min },
          });
        } else if (rule.max !== undefined && value > rule.max) {
          errors.push({
            loc,
            msg: `Input should be less than or equal to ${rule.max}`,
            type: "less_than_equal",
            input: value,
            ctx: { le: rule.max },
          });
        }
        break;
      case "string-list":
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
          errors.push({ loc, msg: "Input should be a valid list of strings", type: "list_type", input: value });
        } else if (rule.minItems !== undefined && value.length < rule.minItems) {
          errors.push({
            loc,
            msg: `List should have at least ${rule.minItems} item after validation, not ${value.length}`,
            type: "too_short",
            input: value,
            ctx: { min_length: rule.minItems },
          });
        }
        break;
      default: {
        const _: never = rule;
        throw new Error(`unknown rule ${JSON.stringify(_)}`);
      }
    }
  }
  const ignoredFields = Object.keys(body).filter((k) => !(k in schema.fields));
  return { errors, ignoredFields };
}

/** The value a field takes when the body omits it. */
export function fieldValue(schema: EndpointSchema, body: Record<string, unknown>, name: string): unknown {
  if (body[name] !== undefined) return body[name];
  const rule = schema.fields[name];
  return rule && "default" in rule ? rule.default : undefined;
}

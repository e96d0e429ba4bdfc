import type { FalModel } from "../../nodes/catalogue/fal-api";
import { endpointSchemas, unwrapField, type JsonSchema } from "../../nodes/catalogue/openapi";

/**
 * The fields besides `video` that a catalogue model's result schema requires (`seed`, `prompt`, `timings`, an
 * upscaler's sizes, a trim's durations…), filled from what the demo knows, so a simulated result is one the
 * model's own schema allows. Nothing in Reelflow reads them today (adapters read the video and a thumbnail), but
 * the raw result is kept with the take and shown to whoever looks at it.
 */
export interface ClipFacts {
  input: Readonly<Record<string, unknown>>;
  seconds: number;
  width: number;
  height: number;
  /** The simulated clip itself, standing in for any other file the result must hold. */
  file: { url: string; content_type: string; file_name: string; file_size: number };
}

const FRAMES_PER_SECOND = 24;

/** `made`: the field the demo fills itself (`video`, or an image model's `images`). */
export function requiredResultFields(
  model: FalModel | undefined,
  facts: ClipFacts,
  made: "video" | "images" = "video",
): Record<string, unknown> {
  if (!model) return {};
  const found = endpointSchemas(model);
  if (!found.ok) return {};
  const { document, output } = found.schemas;
  const out: Record<string, unknown> = {};
  for (const name of output.order) {
    if (name === made || !output.required.has(name)) continue;
    out[name] = valueFor(name, unwrapField(document, output.properties[name] ?? {}).schema, facts);
  }
  return out;
}

function valueFor(name: string, schema: JsonSchema, facts: ClipFacts): unknown {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (isFile(schema)) return facts.file;
  switch (schema.type) {
    case "integer":
    case "number":
      return numberFor(name, facts, schema.type === "integer");
    case "string":
      return name === "prompt" && typeof facts.input.prompt === "string" ? facts.input.prompt : "";
    case "boolean":
      return false;
    case "array":
      return [];
    default:
      // An object, or a field fal left untyped (`timings`).
      return {};
  }
}

/** Numbers named for what they count: the clip's length, frames or size, the seed. */
const NUMBERS: readonly (readonly [RegExp, (facts: ClipFacts) => number])[] = [
  [/duration/, (f) => f.seconds],
  [/frames/, (f) => f.seconds * FRAMES_PER_SECOND],
  [/width/, (f) => f.width],
  [/height/, (f) => f.height],
  [/^seed$/, (f) => seedOf(f.input)],
];

/** The request's own value of that name when it has one (a seed asked for), else the clip's, else 0. */
function numberFor(name: string, facts: ClipFacts, integer: boolean): number {
  const asked = facts.input[name];
  if (typeof asked === "number") return asked;
  const value = NUMBERS.find(([pattern]) => pattern.test(name))?.[1](facts) ?? 0;
  return integer ? Math.round(value) : value;
}

/** The same request gets the same seed, as a seeded model would answer. */
function seedOf(input: Readonly<Record<string, unknown>>): number {
  const text = JSON.stringify(input);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return Math.abs(h) % 2 ** 31;
}

const isFile = (schema: JsonSchema) => {
  const props = schema.properties;
  return typeof props === "object" && props !== null && "url" in props;
};

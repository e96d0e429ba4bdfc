/**
 * What a submit to one endpoint is checked against and what its job makes: either a hand-written schema of
 * ./schemas (the curated endpoints) or the OpenAPI document of a catalogue entry (validated as fal's pydantic
 * models would, see ./catalogue/validate.ts).
 */
import type { FakeCatalogueEntry } from "./catalogue/index";
import { isOpenApiError } from "./catalogue/index";
import { defaultOf, inputSchemaOf, validateAgainstInput } from "./catalogue/validate";
import type { FakeJob } from "./jobs";
import { fieldValue, validateBody, type EndpointSchema, type FalFieldError } from "./schemas/index";

export interface SubmitTarget {
  validate(body: unknown): { errors: FalFieldError[]; ignoredFields: string[] };
  /** A field's value, its default when the body leaves it out. */
  valueOf(input: Record<string, unknown>, name: string): unknown;
  output: FakeJob["output"];
  /** Sora remix: the field naming an earlier video that must still exist. */
  remixField?: string;
}

export function schemaTarget(schema: EndpointSchema): SubmitTarget {
  return {
    validate: (body) => validateBody(schema, body),
    valueOf: (input, name) => fieldValue(schema, input, name),
    output: schema.output,
    ...(schema.remixField ? { remixField: schema.remixField } : {}),
  };
}

/** A catalogue entry's target, or undefined when it has no document to validate against (an error record). */
export function documentTarget(entry: FakeCatalogueEntry): SubmitTarget | undefined {
  const doc = entry.model.openapi;
  if (doc === undefined || isOpenApiError(doc)) return undefined;
  const input = inputSchemaOf(doc, entry.model.endpoint_id);
  if (!input) return undefined;
  return {
    validate: (body) => {
      const checked = validateAgainstInput(doc, input, body);
      if (checked.errors.length > 0 || !entry.check) return checked;
      return { ...checked, errors: entry.check(body as Record<string, unknown>) };
    },
    valueOf: (values, name) => values[name] ?? defaultOf(input, name),
    output: "openapi",
  };
}

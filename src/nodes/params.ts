import type { ParamValue, Params } from "../domain/workflow";
import type { FieldIssue, ModelAdapter, ParamSpec, PortValues } from "./types";

/**
 * The params a request is built from: every param the model declares, with its default
 * where the node leaves it out. Keys the model does not declare (a prompt typed into the
 * node for its prompt port, leftovers from another model) are dropped: they are not
 * params of this model. Optional params without a default stay absent so fal applies its own.
 */
export function effectiveParams(adapter: ModelAdapter, params: Params): Params {
  const out: Params = {};
  for (const spec of adapter.params) {
    const value = Object.hasOwn(params, spec.name) ? params[spec.name] : spec.default;
    if (value !== undefined) out[spec.name] = value;
  }
  return out;
}

/**
 * Everything fal would answer with a 422, found before any request, worded as fal words it
 * (pydantic's messages) and keyed by the fal field. Missing inputs are the plan's job (it
 * knows the edges); values that did arrive on ports are checked here and by the adapter.
 */
export function validateParams(adapter: ModelAdapter, params: Params, ports: PortValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const spec of adapter.params) {
    if (!Object.hasOwn(params, spec.name)) continue;
    const message = paramProblem(spec, params[spec.name] as ParamValue);
    if (message) issues.push({ field: spec.name, message });
  }
  const typed = params.prompt;
  if (ports.prompt === undefined && typed !== undefined && typeof typed !== "string") {
    issues.push({ field: "prompt", message: "Input should be a valid string" });
  }
  if (ports.prompt !== undefined && ports.prompt.trim() === "") issues.push({ field: "prompt", message: "The prompt is empty" });
  issues.push(...(adapter.validate?.(params, ports) ?? []));
  return issues;
}

/** fal's (pydantic's) message for a value a param would refuse, or undefined when it is fine. */
export function paramProblem(spec: ParamSpec, value: ParamValue): string | undefined {
  switch (spec.kind) {
    case "enum":
      return spec.options.some((o) => o === value) ? undefined : `Input should be ${listOptions(spec.options)}`;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return spec.integer ? "Input should be a valid integer" : "Input should be a valid number";
      if (spec.integer && !Number.isInteger(value)) return "Input should be a valid integer, got a number with a fractional part";
      if (value < spec.min) return `Input should be greater than or equal to ${spec.min}`;
      if (value > spec.max) return `Input should be less than or equal to ${spec.max}`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : "Input should be a valid boolean";
    case "text":
      if (typeof value !== "string") return "Input should be a valid string";
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return `String should have at most ${spec.maxLength} characters`;
      return undefined;
    default: {
      const _: never = spec;
      return _;
    }
  }
}

/** `'auto', '720p' or '1080p'` / `4, 8 or 12`, as pydantic lists the values of a Literal. */
function listOptions(options: readonly (string | number)[]): string {
  const shown = options.map((o) => (typeof o === "string" ? `'${o}'` : String(o)));
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

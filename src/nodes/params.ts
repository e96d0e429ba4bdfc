import type { ParamValue, Params } from "../domain/workflow";
import type { FieldIssue, ModelAdapter, ParamSpec, PortValues } from "./types";

/**
 * The params a request is built from: every param the model declares, with its default
 * where the node leaves it out, each in its spec's form (see `inSpecForm`). Keys the model does
 * not declare (a prompt typed into the node for its prompt port, leftovers from another model)
 * are dropped: they are not params of this model. Optional params without a default stay absent
 * so fal applies its own. These are what the cache key hashes, so a file written in fal's form
 * (`"duration": "5"`) and one in the spec's (`5`) name the same result.
 */
export function effectiveParams(adapter: ModelAdapter, params: Params): Params {
  const out: Params = {};
  for (const spec of adapter.params) {
    const value = Object.hasOwn(params, spec.name) ? params[spec.name] : spec.default;
    if (value !== undefined) out[spec.name] = inSpecForm(spec, value);
  }
  return out;
}

/** A whole or decimal number written as text: "8", "-2", "0.5" (not "", "8s", "1e3" or " 8 "). */
const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * `value` in the form `spec` declares, when the two differ only in writing a number as text: a number
 * param given "8" → 8 (fal's form for Kling's duration is "8", the node's number); an enum of strings
 * given 8 → "8" when "8" is one of its options (fal lists Seedance's durations as strings; files and
 * other tools write numbers). Nothing else is converted: "8s" stays "8s" and 8 is not "8s"; an enum of
 * numbers (Sora's 4, 8, 12: fal's own form) wants numbers. A value wrong in any form is returned
 * unchanged for validation to report.
 */
export function inSpecForm(spec: ParamSpec, value: ParamValue): ParamValue {
  switch (spec.kind) {
    case "number":
      return typeof value === "string" && NUMERIC_TEXT.test(value) ? Number(value) : value;
    case "enum": {
      if (typeof value === "boolean" || spec.options.includes(value)) return value;
      // The other form of the same option: 8 for "8", "8" for 8 (a file written when fal's schema said the other).
      if (typeof value === "number") return spec.options.includes(String(value)) ? String(value) : value;
      if (typeof value === "string" && NUMERIC_TEXT.test(value) && spec.options.includes(Number(value)))
        return Number(value);
      return value;
    }
    case "boolean":
    case "text":
      return value;
    default: {
      const _: never = spec;
      return _;
    }
  }
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
  if (ports.prompt !== undefined && ports.prompt.trim() === "")
    issues.push({ field: "prompt", message: "The prompt is empty" });
  issues.push(...(adapter.validate?.(params, ports) ?? []));
  return issues;
}

/**
 * fal's (pydantic's) message for a value a param would refuse, or undefined when it is fine. A value in
 * the other form of an accepted one (`"5"` for a number, `8` for `"8"`) is fine: it is sent in fal's form.
 */
export function paramProblem(spec: ParamSpec, given: ParamValue): string | undefined {
  const value = inSpecForm(spec, given);
  switch (spec.kind) {
    case "enum":
      return spec.options.some((o) => o === value) ? undefined : `Input should be ${listOptions(spec.options)}`;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        return spec.integer ? "Input should be a valid integer" : "Input should be a valid number";
      if (spec.integer && !Number.isInteger(value))
        return "Input should be a valid integer, got a number with a fractional part";
      if (value < spec.min) return `Input should be greater than or equal to ${spec.min}`;
      if (value > spec.max) return `Input should be less than or equal to ${spec.max}`;
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : "Input should be a valid boolean";
    case "text":
      if (typeof value !== "string") return "Input should be a valid string";
      if (spec.maxLength !== undefined && value.length > spec.maxLength)
        return `String should have at most ${spec.maxLength} characters`;
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

import type { ParamValue, Params } from "../domain/workflow";
import type { ModelAdapter, ParamSpec } from "../nodes/types";

/** Whether a model would take this value for this param as it is (no coercion). */
export function specAccepts(spec: ParamSpec, value: ParamValue): boolean {
  switch (spec.kind) {
    case "enum":
      return spec.options.some((o) => o === value);
    case "number":
      return (
        typeof value === "number" &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= spec.max &&
        (!spec.integer || Number.isInteger(value))
      );
    case "boolean":
      return typeof value === "boolean";
    case "text":
      return typeof value === "string" && (spec.maxLength === undefined || value.length <= spec.maxLength);
    default: {
      const _: never = spec;
      return _;
    }
  }
}

/** The declared defaults of a model: what a new node of it starts with. */
export function defaultParams(adapter: ModelAdapter): Params {
  const out: Params = {};
  for (const spec of adapter.params) if (spec.default !== undefined) out[spec.name] = spec.default;
  return out;
}

/**
 * Params after switching to `adapter`: values typed for input ports (the prompt) stay, every
 * param the new model accepts stays, the rest are dropped (reported so the UI can say so) and
 * the new model's defaults fill the gaps.
 */
export function paramsForModel(
  adapter: ModelAdapter,
  current: Params,
  portNames: readonly string[],
): { params: Params; dropped: string[] } {
  const params: Params = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(current)) {
    const spec = adapter.params.find((p) => p.name === name);
    if (portNames.includes(name) || (spec && specAccepts(spec, value))) params[name] = value;
    else dropped.push(name);
  }
  for (const [name, value] of Object.entries(defaultParams(adapter))) if (!(name in params)) params[name] = value;
  return { params, dropped };
}

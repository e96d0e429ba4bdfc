import type { EndpointId } from "../../../domain/ids";
import type { GenerationNode, ParamValue } from "../../../domain/workflow";
import { adapterForNode, adaptersFor, getDefinition } from "../../../nodes/registry";
import type { ModelAdapter } from "../../../nodes/types";

/**
 * What a generation node can be swept over, as the Sweep dialog offers it: every enum param of its
 * model (values as checkboxes), every number param (a typed list), the other models of its kind
 * ("endpoint") and, when it takes a prompt, a list of prompts (one per line). Pure: the dialog and
 * its tests read the same list.
 */
export type SweepChoice =
  | { kind: "enum"; param: string; label: string; options: readonly ParamValue[]; current: ParamValue | undefined }
  | {
      kind: "number";
      param: string;
      label: string;
      min: number;
      max: number;
      integer: boolean;
      current: ParamValue | undefined;
    }
  | { kind: "endpoint"; param: "endpoint"; label: string; options: readonly ModelOption[]; current: EndpointId }
  | { kind: "prompt"; param: "prompt"; label: string; current: string };

export interface ModelOption {
  value: EndpointId;
  label: string;
  retired: boolean;
}

/** The sweep limits of src/engine/sweep.ts, repeated so the dialog can say them before planning. */
export const MIN_SWEEP_VALUES = 2;
export const MAX_SWEEP_VALUES = 12;

export function sweepChoicesFor(node: GenerationNode, adapter: ModelAdapter = modelOf(node)): SweepChoice[] {
  const params = node.data.params ?? {};
  const choices: SweepChoice[] = [];
  for (const spec of adapter.params) {
    switch (spec.kind) {
      case "enum":
        if (spec.options.length >= 2)
          choices.push({
            kind: "enum",
            param: spec.name,
            label: spec.label,
            options: spec.options,
            current: params[spec.name] ?? spec.default,
          });
        break;
      case "number":
        choices.push({
          kind: "number",
          param: spec.name,
          label: spec.label,
          min: spec.min,
          max: spec.max,
          integer: spec.integer === true,
          current: params[spec.name] ?? spec.default,
        });
        break;
      case "boolean":
      case "text":
        // A yes/no or free text param is better changed on the node than swept.
        break;
      default: {
        const _: never = spec;
        return _;
      }
    }
  }
  const models = adaptersFor(node.type);
  if (models.length >= 2) {
    choices.push({
      kind: "endpoint",
      param: "endpoint",
      label: "Model",
      options: models.map((a) => ({ value: a.endpoint, label: a.label, retired: a.retired !== undefined })),
      current: adapter.endpoint,
    });
  }
  if ("prompt" in getDefinition(node.type).inputs) {
    const typed = params.prompt;
    choices.push({ kind: "prompt", param: "prompt", label: "Prompt", current: typeof typed === "string" ? typed : "" });
  }
  return choices;
}

/** The node's model, or its kind's default when the file names one this Reelflow does not have. */
function modelOf(node: GenerationNode): ModelAdapter {
  const lookup = adapterForNode(node);
  if (lookup.ok) return lookup.adapter;
  const first = adaptersFor(node.type)[0];
  if (!first) throw new Error(`No model is registered for ${node.type} nodes`);
  return first;
}

export type ParsedValues = { ok: true; values: ParamValue[] } | { ok: false; message: string };

/** "4, 8 12" → [4, 8, 12]; names the item that is not a number or is out of the param's range. */
export function parseNumberList(text: string, choice: Extract<SweepChoice, { kind: "number" }>): ParsedValues {
  const items = text.split(/[\s,;]+/).filter((s) => s !== "");
  const values: number[] = [];
  for (const item of items) {
    const n = Number(item);
    if (!Number.isFinite(n)) return { ok: false, message: `${choice.label}: "${item}" is not a number` };
    if (choice.integer && !Number.isInteger(n))
      return { ok: false, message: `${choice.label}: ${item} is not a whole number` };
    if (n < choice.min || n > choice.max)
      return { ok: false, message: `${choice.label}: ${item} is outside ${choice.min}–${choice.max}` };
    values.push(n);
  }
  return { ok: true, values };
}

/** One prompt per non-empty line, trimmed. */
export const parsePromptLines = (text: string): ParamValue[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** Why these values cannot be swept yet (before asking the planner), or null. */
export function valuesProblem(values: readonly ParamValue[]): string | null {
  if (values.length < MIN_SWEEP_VALUES) return `Choose at least ${MIN_SWEEP_VALUES} values`;
  if (values.length > MAX_SWEEP_VALUES)
    return `A sweep takes at most ${MAX_SWEEP_VALUES} values (${values.length} chosen)`;
  const seen = new Set<string>();
  for (const v of values) {
    const k = `${typeof v}:${String(v)}`;
    if (seen.has(k)) return `${String(v)} is listed twice`;
    seen.add(k);
  }
  return null;
}

/** A value as the bill and takes show it: prompts shortened, model endpoints by their label. */
export function valueText(
  choice: Pick<SweepChoice, "kind"> & { options?: readonly unknown[] },
  value: ParamValue,
): string {
  if (choice.kind === "endpoint") {
    const opt = (choice.options as readonly ModelOption[] | undefined)?.find((o) => o.value === value);
    return opt ? opt.label : String(value);
  }
  if (choice.kind === "prompt") {
    const s = String(value);
    return s.length > 60 ? `“${s.slice(0, 57)}…”` : `“${s}”`;
  }
  return String(value);
}

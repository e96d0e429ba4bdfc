import type { ParamValue } from "../../../domain/workflow";
import { parseNumberList, parsePromptLines, valuesProblem, type SweepChoice } from "./sweep-options";

/** What the form holds: ticked values per enum/model param, typed text per number/prompt param. */
export type SweepInputs = { picked: Record<string, ParamValue[]>; typed: Record<string, string> };

/** The values the form holds for a choice, or why they are not usable yet. */
export function valuesOf(choice: SweepChoice, inputs: SweepInputs): { values: ParamValue[]; problem: string | null } {
  switch (choice.kind) {
    case "enum":
    case "endpoint": {
      const picked = inputs.picked[choice.param] ?? [];
      const options: readonly ParamValue[] =
        choice.kind === "enum" ? choice.options : choice.options.map((o) => o.value);
      const values = options.filter((o) => picked.includes(o));
      return { values, problem: valuesProblem(values) };
    }
    case "number": {
      const parsed = parseNumberList(inputs.typed[choice.param] ?? "", choice);
      return parsed.ok
        ? { values: parsed.values, problem: valuesProblem(parsed.values) }
        : { values: [], problem: parsed.message };
    }
    case "prompt": {
      const values = parsePromptLines(inputs.typed.prompt ?? "");
      return { values, problem: valuesProblem(values) };
    }
    default: {
      const _: never = choice;
      return _;
    }
  }
}

/** The value picker of one choice: checkboxes, a typed number list, or prompts one per line. */
export function ValuesInput({
  choice,
  inputs,
  toggle,
  type,
}: {
  choice: SweepChoice;
  inputs: SweepInputs;
  toggle(p: string, v: ParamValue): void;
  type(p: string, t: string): void;
}) {
  switch (choice.kind) {
    case "enum":
    case "endpoint": {
      const picked = inputs.picked[choice.param] ?? [];
      const options =
        choice.kind === "enum"
          ? choice.options.map((o) => ({ value: o, label: String(o), note: "" }))
          : choice.options.map((o) => ({ value: o.value, label: o.label, note: o.retired ? " (retired)" : "" }));
      return (
        <fieldset className="field sweep-values" aria-label={`${choice.label} values`}>
          <legend className="hint">Values of {choice.label}</legend>
          {options.map((o) => (
            <label key={String(o.value)}>
              <input
                type="checkbox"
                data-testid={`sweep-value-${String(o.value)}`}
                checked={picked.includes(o.value)}
                onChange={() => toggle(choice.param, o.value)}
              />
              {o.label}
              {o.note}
              {o.value === choice.current ? <span className="hint"> (now)</span> : null}
            </label>
          ))}
        </fieldset>
      );
    }
    case "number":
      return (
        <label className="field">
          <span>
            Values of {choice.label} ({choice.min}–{choice.max}), separated by commas
          </span>
          <input
            type="text"
            value={inputs.typed[choice.param] ?? ""}
            onChange={(e) => type(choice.param, e.target.value)}
            aria-label={`${choice.label} values`}
          />
        </label>
      );
    case "prompt":
      return (
        <label className="field">
          <span>Prompts, one per line</span>
          <textarea
            rows={5}
            value={inputs.typed.prompt ?? ""}
            onChange={(e) => type("prompt", e.target.value)}
            aria-label="Prompts, one per line"
            placeholder={choice.current}
          />
        </label>
      );
    default: {
      const _: never = choice;
      return _;
    }
  }
}

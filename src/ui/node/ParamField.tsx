import { memo, useId } from "react";
import type { ParamValue } from "../../domain/workflow";
import type { ParamSpec } from "../../nodes/types";

interface Props {
  spec: ParamSpec;
  value: ParamValue | undefined;
  issue: string | undefined;
  onChange(value: ParamValue | undefined): void;
  onCommit(): void;
}

/** One param control, chosen by the spec's kind: enum → select, number → range-checked input, … */
export const ParamField = memo(function ParamField({ spec, value, issue, onChange, onCommit }: Props) {
  const id = useId();
  const title = [spec.help, issue].filter(Boolean).join("\n") || undefined;
  let control: React.ReactNode;
  switch (spec.kind) {
    case "enum": {
      const current = value ?? spec.default;
      const known = spec.options.some((o) => o === current);
      control = (
        <select
          id={id}
          className="nodrag"
          value={String(current)}
          onChange={(e) => {
            const picked = spec.options.find((o) => String(o) === e.target.value);
            onChange(picked);
            onCommit();
          }}
        >
          {!known && <option value={String(current)}>{String(current)} (not allowed)</option>}
          {spec.options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      );
      break;
    }
    case "number":
      control = (
        <input
          id={id}
          className="nodrag"
          type="number"
          min={spec.min}
          max={spec.max}
          step={spec.step ?? (spec.integer ? 1 : "any")}
          placeholder={spec.default !== undefined ? String(spec.default) : ""}
          value={typeof value === "number" ? value : ""}
          onChange={(e) => {
            const raw = e.target.value;
            if (raw === "") return onChange(undefined);
            const n = Number(raw);
            if (Number.isFinite(n)) onChange(n);
          }}
          onBlur={onCommit}
        />
      );
      break;
    case "boolean":
      control = (
        <input
          id={id}
          className="nodrag"
          type="checkbox"
          checked={typeof value === "boolean" ? value : spec.default}
          onChange={(e) => {
            onChange(e.target.checked);
            onCommit();
          }}
        />
      );
      break;
    case "text":
      control = spec.multiline ? (
        <textarea
          id={id}
          className="nodrag nowheel"
          rows={2}
          maxLength={spec.maxLength}
          placeholder={spec.default ?? ""}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          onBlur={onCommit}
        />
      ) : (
        <input
          id={id}
          className="nodrag"
          type="text"
          maxLength={spec.maxLength}
          placeholder={spec.default ?? ""}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          onBlur={onCommit}
        />
      );
      break;
    default: {
      const _: never = spec;
      control = _;
    }
  }
  return (
    <label className={`param${issue ? " invalid" : ""}`} htmlFor={id} title={title}>
      <span>{spec.label}</span>
      {control}
      {issue && (
        <small className="error-text" style={{ gridColumn: "1 / -1" }}>
          {issue}
        </small>
      )}
    </label>
  );
});

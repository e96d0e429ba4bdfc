import { useState } from "react";
import type { Params, ParamValue } from "../../domain/workflow";
import type { ParamSpec } from "../../nodes/types";
import { ParamField } from "./ParamField";
import "./param-list.css";

interface Props {
  /** Keys the fields, so another model's field of the same name starts afresh. */
  endpoint: string;
  specs: readonly ParamSpec[];
  params: Params;
  issues: ReadonlyMap<string, string>;
  onParam(name: string, value: ParamValue | undefined): void;
  onCommit(): void;
}

/**
 * A generation node's params: those that decide the video up front, the rarely changed ones (`ParamSpec.more`:
 * negative prompt, seed, safety…) behind a "More" toggle, so the node stays short enough for a chain to fit the
 * screen. The hidden fields are not rendered at all until opened (less to lay out on a big graph); one that is
 * wrong is always shown.
 */
export function ParamList({ endpoint, specs, params, issues, onParam, onCommit }: Props) {
  const field = (spec: ParamSpec) => (
    <ParamField
      key={`${endpoint}:${spec.name}`}
      spec={spec}
      value={params[spec.name]}
      issue={issues.get(spec.name)}
      onChange={(v) => onParam(spec.name, v)}
      onCommit={onCommit}
    />
  );
  const more = specs.filter((s) => s.more);
  return (
    <>
      {specs.filter((s) => !s.more).map(field)}
      {more.length > 0 && <MoreParams specs={more} params={params} issues={issues} field={field} />}
    </>
  );
}

interface MoreProps {
  specs: readonly ParamSpec[];
  params: Params;
  issues: ReadonlyMap<string, string>;
  field(spec: ParamSpec): React.ReactNode;
}

function MoreParams({ specs, params, issues, field }: MoreProps) {
  const given = specs.filter((s) => differsFromDefault(s, params[s.name])).length;
  const wrong = specs.filter((s) => issues.has(s.name)).length;
  const [open, setOpen] = useState(false);
  // A hidden field that is wrong (another model, a value typed elsewhere) shows, whatever the toggle says.
  const shown = open || wrong > 0;
  const counts = [`${specs.length}`, given > 0 ? `${given} set` : "", wrong > 0 ? `${wrong} to fix` : ""].filter(
    Boolean,
  );
  return (
    <div className="more-params">
      <button
        type="button"
        className={wrong > 0 ? "nodrag more-toggle wrong" : "nodrag more-toggle"}
        aria-expanded={shown}
        disabled={wrong > 0}
        title={specs.map((s) => s.label).join(", ")}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{shown ? "▾ " : "▸ "}</span>
        More ({counts.join(" · ")})
      </button>
      {shown && <div className="more-fields">{specs.map(field)}</div>}
    </div>
  );
}

/** A value the node holds that is not what the field shows by default: worth saying while More is closed. */
function differsFromDefault(spec: ParamSpec, value: ParamValue | undefined): boolean {
  if (value === undefined || value === null || value === "") return false;
  return spec.default === undefined || String(value) !== String(spec.default);
}

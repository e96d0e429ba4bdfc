import { memo, useId } from "react";
import type { EndpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import { adaptersFor } from "../../nodes/registry";
import type { ModelAdapter } from "../../nodes/types";

interface Props {
  kind: GenerationKind;
  current: ModelAdapter;
  onPick(endpoint: EndpointId): void;
}

/** Two selects: the family (Sora 2, Veo 3.1, …) and its variant (Standard, Pro, …). */
export const ModelSelect = memo(function ModelSelect({ kind, current, onPick }: Props) {
  const familyId = useId();
  const variantId = useId();
  const all = adaptersFor(kind);
  const families = [...new Set(all.map((a) => a.family))];
  const variants = all.filter((a) => a.family === current.family);
  return (
    <>
      <label className="param" htmlFor={familyId}>
        <span>Model</span>
        <select
          id={familyId}
          className="nodrag"
          value={current.family}
          onChange={(e) => {
            const inFamily = all.filter((a) => a.family === e.target.value);
            const pick = inFamily.find((a) => !a.retired) ?? inFamily[0];
            if (pick) onPick(pick.endpoint);
          }}
        >
          {families.map((f) => (
            <option key={f} value={f}>
              {f}
              {all.every((a) => a.family !== f || a.retired) ? " (retired)" : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="param" htmlFor={variantId} title={current.endpoint}>
        <span>Variant</span>
        <select id={variantId} className="nodrag" value={current.endpoint} onChange={(e) => onPick(e.target.value as EndpointId)}>
          {variants.map((a) => (
            <option key={a.endpoint} value={a.endpoint}>
              {a.variant}
              {a.retired ? " (retired)" : ""}
            </option>
          ))}
        </select>
      </label>
      {current.retired && (
        <small className="hint">
          Retired upstream on {current.retired.on}: {current.retired.note}
        </small>
      )}
    </>
  );
});

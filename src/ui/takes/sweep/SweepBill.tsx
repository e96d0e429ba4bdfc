import type { NodeId } from "../../../domain/ids";
import type { RunState } from "../../../engine/run-state";
import { BillTable } from "../../money/BillTable";
import { valueText, type SweepChoice } from "./sweep-options";
import type { SweepPreview } from "./sweep-session";

/** The sweep's bill: a line per value (cached ones free), upstream nodes it needs, the total; statuses while it runs. */
export function SweepBill({
  preview,
  choice,
  progress,
}: {
  preview: Extract<SweepPreview, { ok: true }>;
  choice: SweepChoice;
  progress: RunState | null;
}) {
  const { bill, lines, upstream, simulated } = preview;
  const statusOf = (id: NodeId) => progress?.nodes[id]?.status;
  const live = (id: NodeId) => {
    const s = statusOf(id);
    return s === undefined ? {} : { liveStatus: s };
  };
  const valueOf = new Map(lines.map((l) => [l.runNodeId, `${choice.label} ${valueText(choice, l.value)}`]));
  return (
    <div data-testid="sweep-bill">
      {simulated && <p className="hint">Demo mode: simulated, $0; below is what fal would charge.</p>}
      <BillTable
        label="Sweep bill"
        firstHeading={choice.label}
        rows={[
          ...lines.map((l) => ({
            key: l.runNodeId,
            first: valueText(choice, l.value),
            entry: l.entry,
            ...live(l.runNodeId),
            attrs: { "data-testid": "sweep-line", "data-value": String(l.value) },
          })),
          ...upstream.map((e) => ({
            key: e.nodeId,
            first: `upstream ${e.nodeId}`,
            entry: e,
            ...live(e.nodeId),
            attrs: { "data-testid": "sweep-upstream-line" },
          })),
        ]}
        bill={bill}
        totalTestId="sweep-total"
        ceilingNote="the model may choose less."
        nameOf={(id) => valueOf.get(id) ?? id}
        simulated={simulated}
      />
    </div>
  );
}

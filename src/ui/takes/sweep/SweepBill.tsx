import type { NodeId } from "../../../domain/ids";
import type { RunState } from "../../../engine/run-state";
import { billTotalText, entryCostText, STATUS_WORDS, usdText } from "../../money/format";
import { valueText, type SweepChoice } from "./sweep-options";
import type { SweepPreview } from "./sweep-session";

/** The sweep's bill: a line per value (cached ones free), upstream nodes it needs, the total; statuses while it runs. */
export function SweepBill({ preview, choice, progress }: { preview: Extract<SweepPreview, { ok: true }>; choice: SweepChoice; progress: RunState | null }) {
  const { bill, lines, upstream, simulated } = preview;
  const statusOf = (id: NodeId) => progress?.nodes[id]?.status;
  return (
    <>
      {simulated && <p className="hint">Demo mode: simulated, $0; below is what fal would charge.</p>}
      <table className="money-table" aria-label="Sweep bill" data-testid="sweep-bill">
        <thead>
          <tr>
            <th>{choice.label}</th>
            <th>Model</th>
            <th>Status</th>
            <th className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.runNodeId} data-testid="sweep-line" data-status={l.entry.status} data-value={String(l.value)} title={l.entry.basis}>
              <td>{valueText(choice, l.value)}</td>
              <td>
                {l.entry.label}
                <div className="hint">{l.entry.basis}</div>
              </td>
              <td>{statusOf(l.runNodeId) ?? STATUS_WORDS[l.entry.status]}</td>
              <td className="num">{l.entry.status === "cached" ? `free (saves ${usdText(l.entry.price.usd, l.entry.price.upperBound)})` : entryCostText(l.entry)}</td>
            </tr>
          ))}
          {upstream.map((e) => (
            <tr key={e.nodeId} data-testid="sweep-upstream-line" data-status={e.status} title={e.basis}>
              <td>upstream {e.nodeId}</td>
              <td>{e.label}</td>
              <td>{statusOf(e.nodeId) ?? STATUS_WORDS[e.status]}</td>
              <td className="num">{entryCostText(e)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>
              Total: {bill.paidCount} paid · {bill.cachedCount} free
            </th>
            <th className="num" data-testid="sweep-total">
              {billTotalText(bill)}
            </th>
          </tr>
        </tfoot>
      </table>
      {bill.upperBound && <p className="hint">≤ marks a ceiling: the model may choose less.</p>}
    </>
  );
}

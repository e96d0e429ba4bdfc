import type { ReactNode } from "react";
import type { NodeId } from "../../domain/ids";
import type { Bill, BillEntry } from "../../engine/bill";
import { billTotalText, entryCostText, STATUS_WORDS, usdText } from "./format";

/** One line of a bill table: what the first column says, the bill's entry, and its state if a run is under way. */
export interface BillRow {
  key: string;
  first: ReactNode;
  entry: BillEntry;
  /** The node's status in a run under way; else the entry's planned status is shown. */
  liveStatus?: string;
  /** Extra attributes tests and styles find the row by (data-testid, data-value, …). */
  attrs?: Record<`data-${string}`, string>;
}

/**
 * The one way a bill is shown (the Bill panel and the sweep dialog): a line per node with its model,
 * status and cost, the total, and the notes a total needs (ceilings, unknown prices, what the cache saves).
 */
export function BillTable({
  label,
  firstHeading,
  rows,
  bill,
  totalTestId,
  ceilingNote,
  nameOf = String,
  simulated = false,
}: {
  label: string;
  firstHeading: string;
  rows: BillRow[];
  bill: Bill;
  totalTestId: string;
  ceilingNote: string;
  /** How the notes name a node (a sweep names its values, not its internal node ids). */
  nameOf?: (id: NodeId) => string;
  /** Demo mode: nothing is paid, so a line to send and the total say "simulated" (issue 16 item 4). */
  simulated?: boolean;
}) {
  const sentWord = simulated ? "simulated" : "paid";
  return (
    <>
      <table className="money-table" aria-label={label}>
        <thead>
          <tr>
            <th>{firstHeading}</th>
            <th>Model</th>
            <th>Status</th>
            <th className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, first, entry, liveStatus, attrs }) => (
            <tr key={key} data-status={entry.status} title={entry.basis} {...attrs}>
              <td>{first}</td>
              <td>
                {entry.label}
                <div className="hint">{entry.basis}</div>
              </td>
              <td>{liveStatus ?? (entry.status === "paid" ? sentWord : STATUS_WORDS[entry.status])}</td>
              <td className="num">{entryCostText(entry)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>
              Total: {bill.paidCount} {sentWord} · {bill.cachedCount} from cache
              {bill.inFlightCount ? ` · ${bill.inFlightCount} in flight` : ""}
            </th>
            <th className="num" data-testid={totalTestId}>
              {billTotalText(bill)}
            </th>
          </tr>
        </tfoot>
      </table>
      {bill.upperBound && <p className="hint">≤ marks a ceiling: {ceilingNote}</p>}
      {bill.unknownPriceNodes.length > 0 && (
        <p className="hint">
          Price unknown for {bill.unknownPriceNodes.map(nameOf).join(", ")}: not counted above, and a run under a budget
          is refused rather than guessing $0.
        </p>
      )}
      {bill.savedUsd > 0 && <p className="hint">The cache saves {usdText(bill.savedUsd)}.</p>}
    </>
  );
}

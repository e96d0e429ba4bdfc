import type { BillEntry } from "../../engine/bill";
import { formatUsd } from "../../engine/usd";

/** Words for money in the panels: "≤" marks a ceiling, unknown prices say so and are never "$0.00". */
export const usdText = (usd: number | null, upperBound = false): string =>
  usd === null ? "price unknown" : `${upperBound ? "≤ " : ""}${formatUsd(usd)}`;

export const STATUS_WORDS: Record<BillEntry["status"], string> = {
  paid: "paid",
  cached: "from cache",
  "in-flight": "in flight",
  unavailable: "pinned take missing",
};

/** What one line of the bill costs this run, with what a cache hit saves. */
export function entryCostText(e: BillEntry): string {
  switch (e.status) {
    case "paid":
      return usdText(e.usd, e.upperBound);
    case "cached":
      return e.price.usd === null ? "$0.00" : `$0.00 (saves ${usdText(e.price.usd, e.price.upperBound)})`;
    case "in-flight":
      return "$0.00 (already sent)";
    case "unavailable":
      return "$0.00 (will fail)";
    default: {
      const _: never = e;
      return _;
    }
  }
}

/** "Total ≤ $2.40 + 1 node of unknown price" */
export function billTotalText(b: {
  totalUsd: number;
  upperBound: boolean;
  unknownPriceNodes: readonly unknown[];
}): string {
  const n = b.unknownPriceNodes.length;
  return `${usdText(b.totalUsd, b.upperBound)}${n > 0 ? ` + ${n} node${n === 1 ? "" : "s"} of unknown price` : ""}`;
}

/** A dollar amount typed by a person: "", "5", "$5.50" → number; blank means no budget. */
export function parseUsdInput(text: string): { ok: true; usd: number | null } | { ok: false; message: string } {
  const t = text.trim().replace(/^\$/, "").trim();
  if (t === "") return { ok: true, usd: null };
  const v = Number(t);
  if (!/^\d+(\.\d+)?$/.test(t) || !Number.isFinite(v))
    return {
      ok: false,
      message: `"${text.trim()}" is not an amount of dollars (e.g. 5 or 12.50); leave it empty for no budget.`,
    };
  return { ok: true, usd: v };
}

import type { NodeId, RequestId } from "../domain/ids";
import type { Bill } from "../engine/bill";
import { billFor, checkBudget } from "../engine/bill";
import type { Plan, PlannedGeneration } from "../engine/plan";
import type { CachedResult, JobLedger, ResultCache } from "../engine/ports";
import { usd } from "./amounts";

/**
 * The bill before anything is sent, in the CLI's words: each generation node is either served
 * from the cache, re-attached to a job an earlier (interrupted) run already paid for, or planned
 * (would be paid). It is the engine's one bill (the browser's bill panel reads the same), and
 * --budget asks the engine's budget check, so --dry-run shows exactly what --budget is held to.
 */
export type PreflightEntry =
  | { status: "cached"; node: PlannedGeneration; cached: CachedResult }
  | { status: "resume"; node: PlannedGeneration; requestId: RequestId }
  | { status: "planned"; node: PlannedGeneration }
  /** Pinned, and its take is not in this cache: the run would fail it without sending anything. */
  | { status: "unavailable"; node: PlannedGeneration };

export interface Preflight {
  entries: PreflightEntry[];
  /** Sum of known prices of planned nodes. */
  totalUsd: number;
  /** True when some planned price is a ceiling (e.g. resolution `auto`). */
  upperBound: boolean;
  /** Planned nodes whose price is unknown. */
  unknownPrice: NodeId[];
  bill: Bill;
}

export async function preflight(plan: Plan, cache: ResultCache, ledger?: JobLedger): Promise<Preflight> {
  const bill = await billFor(plan, { cache, ledger });
  const entries = bill.entries.map((e): PreflightEntry => {
    switch (e.status) {
      case "cached":
        return { status: "cached", node: e.node, cached: e.cached };
      case "in-flight":
        return { status: "resume", node: e.node, requestId: e.requestId };
      case "paid":
        return { status: "planned", node: e.node };
      case "unavailable":
        return { status: "unavailable", node: e.node };
      default: {
        const _: never = e;
        return _;
      }
    }
  });
  return { entries, totalUsd: bill.totalUsd, upperBound: bill.upperBound, unknownPrice: bill.unknownPriceNodes, bill };
}

/** Why a run must not start under --budget (one run's cap: earlier spending does not count), or undefined when it fits. */
export function overBudget(pre: Preflight, budgetUsd: number): string | undefined {
  const verdict = checkBudget(pre.bill, { workflowBudgetUsd: budgetUsd, spentWorkflowUsd: 0, spentGlobalUsd: 0 });
  if (verdict.ok) return undefined;
  switch (verdict.reason) {
    case "unknown-price":
      return `the price of ${pre.unknownPrice.join(", ")} is unknown, so the run cannot be held to --budget ${usd(budgetUsd)}; nothing was sent`;
    case "over": {
      const planned = pre.entries
        .filter((e) => e.status === "planned")
        .map((e) => `${e.node.id} ${usd(e.node.price.usd)}`);
      return `estimated cost ${pre.upperBound ? "up to " : ""}${usd(pre.totalUsd)} exceeds --budget ${usd(budgetUsd)} (${planned.join(", ")}); nothing was sent`;
    }
    default: {
      const _: never = verdict.reason;
      return _;
    }
  }
}

export { usd } from "./amounts";

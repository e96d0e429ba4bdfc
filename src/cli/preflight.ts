import type { NodeId, RequestId } from "../domain/ids";
import type { Plan, PlannedGeneration } from "../engine/plan";
import type { CachedResult, JobLedger, ResultCache } from "../engine/ports";

/**
 * The bill before anything is sent: each generation node is either served from the cache,
 * re-attached to a job an earlier (interrupted) run already paid for, or planned (would be paid).
 * Both --dry-run and --budget read this, so what the dry run shows is exactly what the budget
 * is checked against.
 */
export type PreflightEntry =
  | { status: "cached"; node: PlannedGeneration; cached: CachedResult }
  | { status: "resume"; node: PlannedGeneration; requestId: RequestId }
  | { status: "planned"; node: PlannedGeneration };

export interface Preflight {
  entries: PreflightEntry[];
  /** Sum of known prices of planned nodes. */
  totalUsd: number;
  /** True when some planned price is a ceiling (e.g. resolution `auto`). */
  upperBound: boolean;
  /** Planned nodes whose price is unknown. */
  unknownPrice: NodeId[];
}

const RESUMABLE = new Set(["queued", "running", "completed"]);

export async function preflight(plan: Plan, cache: ResultCache, ledger?: JobLedger): Promise<Preflight> {
  const entries: PreflightEntry[] = [];
  let total = 0;
  let upperBound = false;
  const unknownPrice: NodeId[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id);
    if (node?.role !== "generation") continue;
    const cached = await cache.get(node.key);
    if (cached) {
      entries.push({ status: "cached", node, cached });
      continue;
    }
    const job = await ledger?.get(node.key);
    if (job?.requestId && RESUMABLE.has(job.state)) {
      entries.push({ status: "resume", node, requestId: job.requestId });
      continue;
    }
    entries.push({ status: "planned", node });
    if (node.price.usd === null) unknownPrice.push(id);
    else total += node.price.usd;
    upperBound ||= node.price.upperBound;
  }
  return { entries, totalUsd: Math.round(total * 1000) / 1000, upperBound, unknownPrice };
}

/** Why a run must not start under a budget, or undefined when it fits. */
export function overBudget(pre: Preflight, budgetUsd: number): string | undefined {
  if (pre.unknownPrice.length > 0) {
    return `the price of ${pre.unknownPrice.join(", ")} is unknown, so the run cannot be held to --budget $${budgetUsd.toFixed(2)}; nothing was sent`;
  }
  if (pre.totalUsd > budgetUsd + 1e-9) {
    const planned = pre.entries.filter((e) => e.status === "planned").map((e) => `${e.node.id} ${usd(e.node.price.usd)}`);
    return `estimated cost ${pre.upperBound ? "up to " : ""}${usd(pre.totalUsd)} exceeds --budget ${usd(budgetUsd)} (${planned.join(", ")}); nothing was sent`;
  }
  return undefined;
}

export const usd = (v: number | null): string => (v === null ? "price unknown" : `$${v.toFixed(2)}`);

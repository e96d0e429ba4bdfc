import type { EndpointId, NodeId, RequestId } from "../domain/ids";
import type { Price } from "../nodes/types";
import type { Plan, PlannedGeneration } from "./plan";
import type { CachedResult, JobLedger, JobState, ResultCache } from "./ports";
import { formatUsd } from "./usd";

/**
 * The bill before anything is sent. Each generation node of a plan is either served from the
 * cache, re-attached to a job an earlier (interrupted) run already sent and paid for, or paid
 * now. The browser's bill panel, its budget check, the CLI's --dry-run and its --budget all read
 * this one bill, so what a person is shown is exactly what a budget is checked against.
 */

export type BillStatus = "paid" | "cached" | "in-flight" | "unavailable";

interface BillEntryBase {
  nodeId: NodeId;
  /** The node kind's title, e.g. "Text to Video". */
  title: string;
  endpoint: EndpointId;
  /** The model's label, e.g. "Sora 2 Pro". */
  label: string;
  /** What this run pays for the node: 0 when cached or in flight, null when the price is unknown. */
  usd: number | null;
  /** `usd` is the most it can cost (e.g. resolution `auto`). */
  upperBound: boolean;
  /** In words, e.g. "8 s × $0.30/s (720p)" or "from the cache". */
  basis: string;
  /** The model's price for this node whatever the status (what the cache saves). */
  price: Price;
  /** A deliberate new take of unchanged content ("new take: paid on purpose"). */
  newTake: boolean;
  /** The node is pinned: served from its take only, never run. */
  pinned: boolean;
  node: PlannedGeneration;
}

export type BillEntry =
  | (BillEntryBase & { status: "paid" })
  | (BillEntryBase & { status: "cached"; cached: CachedResult })
  | (BillEntryBase & { status: "in-flight"; requestId: RequestId })
  /** Pinned, but its take is not in this cache: the run fails the node (and skips what it feeds) without sending anything. */
  | (BillEntryBase & { status: "unavailable" });

export interface Bill {
  /** Generation nodes in plan order (sources cost nothing and are not listed). */
  entries: BillEntry[];
  paidCount: number;
  cachedCount: number;
  inFlightCount: number;
  /** Pinned nodes whose take is not stored here: they (and what they feed) will fail. */
  unavailableNodes: NodeId[];
  /** Sum of the known prices of the paid nodes. */
  totalUsd: number;
  /** Some paid price is a ceiling, so the total is one too. */
  upperBound: boolean;
  /** Paid nodes whose price is unknown: never counted as $0. */
  unknownPriceNodes: NodeId[];
  /** Known prices of the nodes the cache serves (not paid again). */
  savedUsd: number;
}

export interface BillPorts {
  cache: Pick<ResultCache, "get">;
  ledger?: Pick<JobLedger, "get">;
}

/** Ledger states the executor re-attaches to by request id instead of submitting (see job.ts). */
const ATTACHABLE: readonly JobState[] = ["queued", "running", "completed"];

const roundUsd = (v: number) => Math.round(v * 1000) / 1000;

export async function billFor(plan: Plan, ports: BillPorts): Promise<Bill> {
  const entries: BillEntry[] = [];
  for (const id of plan.order) {
    const node = plan.nodes.get(id);
    if (node?.role !== "generation") continue;
    const base = {
      nodeId: id,
      title: node.title,
      endpoint: node.endpoint,
      label: node.adapter.label,
      price: node.price,
      newTake: node.newTake,
      pinned: node.pinned,
      node,
    };
    const cached = await ports.cache.get(node.key);
    if (cached) {
      const basis = node.pinned
        ? `pinned take${node.stale ? " (stale: its inputs or params changed since)" : ""}, not paid again`
        : "from the cache, not paid again";
      entries.push({ ...base, status: "cached", cached, usd: 0, upperBound: false, basis });
      continue;
    }
    if (node.pinned) {
      entries.push({
        ...base,
        status: "unavailable",
        usd: 0,
        upperBound: false,
        basis: "pinned take, no longer stored here: the node will fail; unpin it to make a new one",
      });
      continue;
    }
    const job = await ports.ledger?.get(node.key);
    if (job?.requestId && ATTACHABLE.includes(job.state)) {
      entries.push({
        ...base,
        status: "in-flight",
        requestId: job.requestId,
        usd: 0,
        upperBound: false,
        basis: `request ${job.requestId}, sent by an earlier run: followed, not sent again`,
      });
      continue;
    }
    // A job whose submit answer was lost ("unknown") is billed as paid: the run either refuses it
    // or, on "Submit again", pays for it; counting it keeps a budget on the safe side.
    const basis = node.newTake ? `new take: paid on purpose (${node.price.basis})` : node.price.basis;
    entries.push({ ...base, status: "paid", usd: node.price.usd, upperBound: node.price.upperBound, basis });
  }
  return summarise(entries);
}

function summarise(entries: BillEntry[]): Bill {
  let total = 0;
  let saved = 0;
  let upperBound = false;
  const unknownPriceNodes: NodeId[] = [];
  const count = { paid: 0, cached: 0, "in-flight": 0, unavailable: 0 };
  const unavailableNodes: NodeId[] = [];
  for (const e of entries) {
    count[e.status] += 1;
    switch (e.status) {
      case "paid":
        if (e.usd === null) unknownPriceNodes.push(e.nodeId);
        else total += e.usd;
        upperBound ||= e.upperBound;
        break;
      case "cached":
        saved += e.price.usd ?? 0;
        break;
      case "in-flight":
        break;
      case "unavailable":
        unavailableNodes.push(e.nodeId);
        break;
      default: {
        const _: never = e;
        return _;
      }
    }
  }
  return {
    entries,
    paidCount: count.paid,
    cachedCount: count.cached,
    inFlightCount: count["in-flight"],
    unavailableNodes,
    totalUsd: roundUsd(total),
    upperBound,
    unknownPriceNodes,
    savedUsd: roundUsd(saved),
  };
}

// Its own module: views format prices on the first screen without loading the bill code.
export { formatUsd } from "./usd";

/** "$2.40", "up to $2.40", and for unknown prices the words, never "$0.00". */
export const billAmountText = (usd: number | null, upperBound: boolean): string =>
  usd === null ? "price unknown" : `${upperBound ? "up to " : ""}${formatUsd(usd)}`;

// ---------------------------------------------------------------------------------------------
// Budgets

export interface BudgetLimits {
  /** Cap for the workflow being run; absent or null: none. */
  workflowBudgetUsd?: number | null;
  /** Cap across all workflows; absent or null: none. */
  globalBudgetUsd?: number | null;
  /** Already spent against each cap (the caller decides the period, e.g. this month). */
  spentWorkflowUsd: number;
  spentGlobalUsd: number;
  /** How the global cap is called in messages; default "global budget" (e.g. "global budget for November"). */
  globalBudgetName?: string;
}

export type BudgetScope = "workflow" | "global";

export type BudgetVerdict =
  | { ok: true }
  | {
      ok: false;
      /** `over`: the estimate exceeds what is left; `unknown-price`: some paid node has no price. */
      reason: "over" | "unknown-price";
      scope: BudgetScope;
      budgetUsd: number;
      leftUsd: number;
      /** The bill's total of known prices. */
      estimateUsd: number;
      upperBound: boolean;
      unknownPriceNodes: NodeId[];
      message: string;
    };

interface Cap {
  scope: BudgetScope;
  name: string;
  budgetUsd: number;
  leftUsd: number;
}

const isCap = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Whether a run with this bill may start under the caps. A run that pays nothing (all cached or
 * in flight) always may. Unknown prices under any cap are refused: a cap cannot be kept by
 * guessing $0. With two caps the one with the least left decides, so the message names the cap
 * that actually binds.
 */
export function checkBudget(bill: Bill, limits: BudgetLimits): BudgetVerdict {
  const caps: Cap[] = [];
  if (isCap(limits.workflowBudgetUsd)) {
    caps.push({
      scope: "workflow",
      name: "workflow budget",
      budgetUsd: limits.workflowBudgetUsd,
      leftUsd: roundUsd(limits.workflowBudgetUsd - limits.spentWorkflowUsd),
    });
  }
  if (isCap(limits.globalBudgetUsd)) {
    caps.push({
      scope: "global",
      name: limits.globalBudgetName ?? "global budget",
      budgetUsd: limits.globalBudgetUsd,
      leftUsd: roundUsd(limits.globalBudgetUsd - limits.spentGlobalUsd),
    });
  }
  const tightest = caps.sort((a, b) => a.leftUsd - b.leftUsd)[0];
  if (!tightest || bill.paidCount === 0) return { ok: true };
  const base = {
    ok: false as const,
    scope: tightest.scope,
    budgetUsd: tightest.budgetUsd,
    leftUsd: tightest.leftUsd,
    estimateUsd: bill.totalUsd,
    upperBound: bill.upperBound,
    unknownPriceNodes: bill.unknownPriceNodes,
  };
  if (bill.unknownPriceNodes.length > 0) {
    const names = bill.entries
      .filter((e) => bill.unknownPriceNodes.includes(e.nodeId))
      .map((e) => `${e.nodeId} (${e.label})`);
    return {
      ...base,
      reason: "unknown-price",
      message: `This run cannot be held to the ${formatUsd(tightest.budgetUsd)} ${tightest.name}: price unknown for ${names.join(", ")}. Nothing was sent.`,
    };
  }
  if (bill.totalUsd > tightest.leftUsd + 1e-9) {
    const left =
      tightest.leftUsd > 0
        ? `only ${formatUsd(tightest.leftUsd)} of the ${formatUsd(tightest.budgetUsd)} ${tightest.name} is left`
        : `the ${formatUsd(tightest.budgetUsd)} ${tightest.name} is used up`;
    return {
      ...base,
      reason: "over",
      message: `This run is estimated at ${billAmountText(bill.totalUsd, bill.upperBound)} but ${left}. Nothing was sent.`,
    };
  }
  return { ok: true };
}

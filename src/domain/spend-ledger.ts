import type { WorkflowId } from "./ids";
import type { SpendRecord, SpendTotal } from "./spend";

/**
 * The browser's spend ledger and budgets as the app sees them: rows are the CLI's `SpendRecord` (./spend.ts) plus
 * the workflow's repository id. The stores are adapters (src/adapters/db/spend-ledger.ts, budgets.ts).
 */

export interface SpendEntry extends SpendRecord {
  id: number;
  workflowId: WorkflowId | null;
}

export interface DaySpend {
  day: string;
  total: SpendTotal;
}
export interface WorkflowSpend {
  workflowId: WorkflowId | null;
  /** The workflow's name in its latest row. */
  workflow: string;
  total: SpendTotal;
}

export interface SpendQuery {
  workflowId?: WorkflowId;
  /** ISO instant: only rows at or after it (e.g. the start of this month). */
  since?: string;
}

/** The browser's spend ledger: one row per job a paid run submitted (src/adapters/db/spend-ledger.ts). */
export interface SpendLedger {
  append(record: SpendRecord, opts?: { workflowId?: WorkflowId | null }): Promise<SpendEntry>;
  /** Rows oldest first. */
  list(query?: SpendQuery): Promise<SpendEntry[]>;
  /** What the rows of a query add up to (what a budget counts as spent). */
  spent(query?: SpendQuery): Promise<SpendTotal>;
  /** Newest day first. Days are UTC, as the CLI's timestamps are. */
  totalsPerDay(query?: SpendQuery): Promise<DaySpend[]>;
  /** Dearest workflow first. Rows are grouped by workflow id (by name for rows without one). */
  totalsPerWorkflow(query?: SpendQuery): Promise<WorkflowSpend[]>;
  /** Every row as the CLI's spend-ledger.csv (header first). */
  exportCsv(): Promise<string>;
}

/**
 * Per-workflow spending caps, kept in this browser by workflow id (not in the workflow file):
 * a cap is the spender's own policy, like the global one and the proxy URL, so a shared or
 * downloaded workflow never carries someone else's cap, and setting one is not a document edit
 * (no undo step, no autosave). Spend is counted by the same id, so a rename changes neither.
 */
export interface BudgetRepository {
  /** The workflow's cap in USD, or null when it has none. */
  get(workflowId: WorkflowId): Promise<number | null>;
  /** Sets the cap; null removes it. Refuses a negative or non-finite amount with a message. */
  set(workflowId: WorkflowId, usd: number | null): Promise<void>;
}

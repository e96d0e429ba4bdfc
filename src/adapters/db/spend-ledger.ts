import type { WorkflowId } from "../../domain/ids";
import type { SpendRecord, SpendTotal } from "../../domain/spend";
import { spendDay, spendRecordsToCsv, spendTotal, spendTotalsBy } from "../../domain/spend";
import type { ReelflowDb, SpendRow } from "./database";

/**
 * The browser's spend ledger: one row per job a paid run submitted to fal, written when the job
 * ended (succeeded, failed, cancelled, or unknown when the submit answer was lost). Demo runs send
 * nothing and write nothing. Rows are the CLI's `SpendRecord` plus the workflow's repository id,
 * and export as the CLI's CSV (src/domain/spend.ts), so the two ledgers can be read together.
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

export interface DexieSpendLedger {
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

const toEntry = (row: SpendRow): SpendEntry => ({ ...row, id: row.id as number });

export function createDexieSpendLedger(db: ReelflowDb): DexieSpendLedger {
  async function list(query: SpendQuery = {}): Promise<SpendEntry[]> {
    const rows =
      query.workflowId !== undefined
        ? await db.spend.where("workflowId").equals(query.workflowId).toArray()
        : await db.spend.toArray();
    return rows
      .filter((r) => query.since === undefined || r.time >= query.since)
      .map(toEntry)
      .sort((a, b) => a.time.localeCompare(b.time) || a.id - b.id);
  }

  return {
    async append(record, opts = {}) {
      const row: SpendRow = { ...record, workflowId: opts.workflowId ?? null };
      const id = await db.spend.add(row);
      return { ...row, id: id as number };
    },
    list,
    async spent(query) {
      return spendTotal(await list(query));
    },
    async totalsPerDay(query) {
      const byDay = spendTotalsBy(await list(query), spendDay);
      return [...byDay].map(([day, total]) => ({ day, total })).sort((a, b) => b.day.localeCompare(a.day));
    },
    async totalsPerWorkflow(query) {
      const rows = await list(query);
      const groupOf = (r: SpendEntry) => (r.workflowId !== null ? `id:${r.workflowId}` : `name:${r.workflow}`);
      const latest = new Map<string, SpendEntry>();
      for (const r of rows) latest.set(groupOf(r), r); // rows are oldest first: the last one wins
      return [...spendTotalsBy(rows, groupOf)]
        .map(([group, total]) => {
          const last = latest.get(group) as SpendEntry;
          return { workflowId: last.workflowId, workflow: last.workflow, total };
        })
        .sort((a, b) => b.total.usd - a.total.usd || a.workflow.localeCompare(b.workflow));
    },
    async exportCsv() {
      const rows = await list();
      return spendRecordsToCsv(rows.map(({ id: _id, workflowId: _wid, ...record }) => record));
    },
  };
}

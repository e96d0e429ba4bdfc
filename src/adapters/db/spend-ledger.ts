import type { SpendEntry, SpendLedger, SpendQuery } from "../../domain/spend-ledger";
import { spendDay, spendRecordsToCsv, spendTotal, spendTotalsBy } from "../../domain/spend";
import type { ReelflowDb, SpendRow } from "./database";

/**
 * The browser's spend ledger: one row per job a paid run submitted to fal, written when the job
 * ended (succeeded, failed, cancelled, or unknown when the submit answer was lost). Demo runs send
 * nothing and write nothing. Rows are the CLI's `SpendRecord` plus the workflow's repository id,
 * and export as the CLI's CSV (src/domain/spend.ts), so the two ledgers can be read together.
 */

// The ledger's rows and queries are the domain's (src/domain/spend-ledger.ts): this is the one on IndexedDB.
/** The spend ledger on IndexedDB (no more than the domain's). */
export type DexieSpendLedger = SpendLedger;

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

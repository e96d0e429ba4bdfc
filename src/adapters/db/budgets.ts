import type { BudgetRepository } from "../../domain/spend-ledger";
import type { ReelflowDb } from "./database";

// What a budget store does is the domain's (src/domain/spend-ledger.ts): this is the one on IndexedDB.

export function validBudgetUsd(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0;
}

export function createBudgetRepository(db: ReelflowDb): BudgetRepository {
  return {
    async get(workflowId) {
      const row = await db.budgets.get(workflowId);
      return row && validBudgetUsd(row.usd) ? row.usd : null;
    },
    async set(workflowId, usd) {
      if (usd === null) {
        await db.budgets.delete(workflowId);
        return;
      }
      if (!validBudgetUsd(usd))
        throw new Error(`A workflow budget must be an amount of dollars of 0 or more, not ${JSON.stringify(usd)}.`);
      await db.budgets.put({ workflowId, usd, updatedAt: new Date().toISOString() });
    },
  };
}

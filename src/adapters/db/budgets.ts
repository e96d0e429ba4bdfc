import type { WorkflowId } from "../../domain/ids";
import type { ReelflowDb } from "./database";

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

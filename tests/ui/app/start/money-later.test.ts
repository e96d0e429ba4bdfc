import { describe, expect, it } from "vitest";
import { createStore } from "zustand/vanilla";
import type { MoneyDeps, MoneyService } from "../../../../src/ui/money/money-service";
import { moneyLater } from "../../../../src/ui/app/start/compose";

/** A money service that records calls and bumps its change counter on a budget change, as the real one does. */
function recordingMoney(calls: string[]): MoneyService {
  const changes = createStore<{ version: number }>()(() => ({ version: 0 }));
  return {
    changes,
    spend: {} as MoneyService["spend"],
    async beginRun() {
      calls.push("beginRun");
      return { ok: false, message: "over budget" };
    },
    async billOf(scope) {
      calls.push(`billOf ${scope.kind}`);
      return { ok: false, errors: [] };
    },
    async billOfPlan() {
      calls.push("billOfPlan");
      throw new Error("not in this test");
    },
    async budgetStatus() {
      calls.push("budgetStatus");
      return {
        workflowId: null,
        workflowBudgetUsd: 5,
        spentWorkflowUsd: 1,
        globalBudgetUsd: null,
        spentGlobalUsd: 1,
        globalBudgetName: "global budget",
      };
    },
    async setWorkflowBudget(usd) {
      calls.push(`setWorkflowBudget ${usd}`);
      changes.setState((s) => ({ version: s.version + 1 }));
    },
    async recordJobEnd(_job, outcome) {
      calls.push(`recordJobEnd ${outcome}`);
    },
  };
}

describe("the money service, loaded when first asked", () => {
  it("loads nothing at start, once on first use, passes calls through, and its change counter follows the real one", async () => {
    const calls: string[] = [];
    const spend = { list: async () => [] } as unknown as MoneyDeps["spend"];
    let loads = 0;
    const money = moneyLater({ spend } as MoneyDeps, async () => {
      loads++;
      return { createMoneyService: () => recordingMoney(calls) };
    });
    expect(loads).toBe(0);
    expect(money.spend).toBe(spend);
    const seen: number[] = [];
    money.changes.subscribe((s) => seen.push(s.version));

    expect(await money.billOf({ kind: "all" })).toEqual({ ok: false, errors: [] });
    expect(await money.beginRun({} as never)).toEqual({ ok: false, message: "over budget" });
    expect((await money.budgetStatus()).workflowBudgetUsd).toBe(5);
    await money.setWorkflowBudget(7);
    await money.setWorkflowBudget(null);
    expect(loads).toBe(1);
    expect(calls).toEqual(["billOf all", "beginRun", "budgetStatus", "setWorkflowBudget 7", "setWorkflowBudget null"]);
    expect(seen).toEqual([1, 2]);
  });

  it("a failed load rejects that call and is tried again on the next", async () => {
    let loads = 0;
    const money = moneyLater({} as MoneyDeps, async () => {
      if (++loads === 1) throw new Error("chunk did not load");
      return { createMoneyService: () => recordingMoney([]) };
    });
    await expect(money.budgetStatus()).rejects.toThrow("chunk did not load");
    expect((await money.budgetStatus()).globalBudgetName).toBe("global budget");
    expect(loads).toBe(2);
  });
});

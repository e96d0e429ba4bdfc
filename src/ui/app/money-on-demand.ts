import { createStore } from "zustand/vanilla";
import type { MoneyDeps, MoneyService } from "../money/money-service";

/**
 * The money service (budgets, spend rows, the bill panel's figures) loads when first asked: at the
 * first run, or when the Bill or Spend panel opens. Nothing on the first screen needs it (the Run
 * button's estimate comes from the run controller). `changes` has to exist at once, for panels to
 * subscribe to, so it moves whenever the real one does once that is loaded; the spend ledger is already here.
 */
export function moneyOnDemand(
  deps: MoneyDeps,
  load: () => Promise<{ createMoneyService(deps: MoneyDeps): MoneyService }>,
): MoneyService {
  const changes: MoneyService["changes"] = createStore<{ version: number }>()(() => ({ version: 0 }));
  let loading: Promise<MoneyService> | null = null;
  const get = () =>
    (loading ??= load().then(
      ({ createMoneyService }) => {
        const money = createMoneyService(deps);
        money.changes.subscribe(() => changes.setState((s) => ({ version: s.version + 1 })));
        return money;
      },
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  return {
    changes,
    spend: deps.spend,
    beginRun: async (plan, opts) => (await get()).beginRun(plan, opts),
    billOf: async (scope) => (await get()).billOf(scope),
    billOfPlan: async (plan) => (await get()).billOfPlan(plan),
    budgetStatus: async () => (await get()).budgetStatus(),
    setWorkflowBudget: async (usd) => (await get()).setWorkflowBudget(usd),
    recordJobEnd: async (job, outcome, opts) => (await get()).recordJobEnd(job, outcome, opts),
  };
}

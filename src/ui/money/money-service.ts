import { createStore } from "zustand/vanilla";
import type { NodeId, WorkflowId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import type { Bill, BudgetLimits, BudgetVerdict } from "../../engine/bill";
import { billFor, checkBudget } from "../../engine/bill";
import type { RunEvent } from "../../engine/events";
import type { Plan, PlanError } from "../../engine/plan";
import { planWorkflow } from "../../engine/plan";
import { resolveModels } from "../../engine/resolve-models";
import type { SpendOutcome } from "../../domain/spend";
import type { BudgetRepository, SpendLedger } from "../../domain/spend-ledger";
import type { Job } from "../../engine/ports";
import { createSpendTracker, spendRecordOfJob } from "../../engine/spend-tracker";
import type { SweepOfPlan } from "../../engine/sweep";
import type { RunEnvironment } from "../run/run-controller";
import type { SettingsStore } from "../settings/settings-store";
import { messageOf } from "../../domain/message-of";

/**
 * Money in the browser: the pre-flight bill of each way to run, the budget check a run must pass
 * before anything is sent, and the spend rows a paid run writes as its jobs end. Demo runs send
 * nothing and cost nothing: they are never refused and write no spend.
 */

/** Run all, Run up to here, Run this node. */
export type RunScope = { kind: "all" } | { kind: "up-to"; nodeId: NodeId } | { kind: "node"; nodeId: NodeId };

/** What the run controller asks before a run, and feeds while it runs. */
export interface RunMoney {
  /** `sweep`: the plan is a sweep's, so its spend rows name the swept node and the value. */
  beginRun(
    plan: Plan,
    opts?: { sweep?: SweepOfPlan },
  ): Promise<{ ok: false; message: string } | { ok: true; session: SpendSession }>;
}

export interface SpendSession {
  onEvent(ev: RunEvent): void;
  /** Waits for every spend row of the run to be written. */
  finish(): Promise<void>;
}

export interface BudgetStatus {
  workflowId: WorkflowId | null;
  workflowBudgetUsd: number | null;
  spentWorkflowUsd: number;
  globalBudgetUsd: number | null;
  spentGlobalUsd: number;
  /** e.g. "global budget for November" or "global budget". */
  globalBudgetName: string;
}

export type BillView =
  | { ok: false; errors: readonly PlanError[] }
  | {
      ok: true;
      bill: Bill;
      simulated: boolean;
      /** Under the budgets now (always ok in demo mode). */
      verdict: BudgetVerdict;
      /** Run this node: inputs with no result, which that run refuses to pay for. */
      missingInputs: NodeId[];
    };

export interface MoneyService extends RunMoney {
  billOf(scope: RunScope): Promise<BillView>;
  /** The bill of a plan made elsewhere (a sweep), checked against the budgets like a Run's. */
  billOfPlan(plan: Plan): Promise<Extract<BillView, { ok: true }>>;
  budgetStatus(): Promise<BudgetStatus>;
  setWorkflowBudget(usd: number | null): Promise<void>;
  /**
   * A paid job that ended outside a run of this page (re-attached at start-up, see
   * src/ui/reliability): one spend row, under the workflow open now when its id is unknown.
   */
  recordJobEnd(
    job: Job,
    outcome: SpendOutcome,
    opts?: { workflowId?: WorkflowId | null; seconds?: number | null },
  ): Promise<void>;
  spend: Pick<SpendLedger, "list" | "totalsPerDay" | "totalsPerWorkflow" | "exportCsv">;
  /** Bumped when spend rows or budgets change, so open panels read them again. */
  changes: ReturnType<typeof createChangeCounter>;
}

const createChangeCounter = () => createStore<{ version: number }>()(() => ({ version: 0 }));

export interface MoneyDeps {
  env: RunEnvironment;
  spend: SpendLedger;
  budgets: BudgetRepository;
  settings: SettingsStore;
  getWorkflow(): Workflow;
  workflowId(): WorkflowId | null;
  onError(message: string): void;
  now?: () => Date;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function createMoneyService(deps: MoneyDeps): MoneyService {
  const now = deps.now ?? (() => new Date());
  const changes = createChangeCounter();
  const bump = () => changes.setState((s) => ({ version: s.version + 1 }));

  async function budgetStatus(): Promise<BudgetStatus> {
    const workflowId = deps.workflowId();
    const { globalBudgetUsd, globalBudgetPeriod } = deps.settings.getState();
    const at = now();
    // Months are UTC, like the spend rows' days, so the CLI's ledger and this one agree.
    const monthStart = `${at.toISOString().slice(0, 7)}-01T00:00:00.000Z`;
    const [workflowBudgetUsd, spentWorkflow, spentGlobal] = await Promise.all([
      workflowId ? deps.budgets.get(workflowId) : Promise.resolve(null),
      workflowId ? deps.spend.spent({ workflowId }) : Promise.resolve(null),
      deps.spend.spent(globalBudgetPeriod === "month" ? { since: monthStart } : {}),
    ]);
    return {
      workflowId,
      workflowBudgetUsd,
      spentWorkflowUsd: spentWorkflow?.usd ?? 0,
      globalBudgetUsd,
      spentGlobalUsd: spentGlobal.usd,
      globalBudgetName:
        globalBudgetPeriod === "month" ? `global budget for ${MONTHS[at.getUTCMonth()]}` : "global budget",
    };
  }

  const limitsOf = (s: BudgetStatus): BudgetLimits => ({
    workflowBudgetUsd: s.workflowBudgetUsd,
    globalBudgetUsd: s.globalBudgetUsd,
    spentWorkflowUsd: s.spentWorkflowUsd,
    spentGlobalUsd: s.spentGlobalUsd,
    globalBudgetName: s.globalBudgetName,
  });

  async function billOfPlan(plan: Plan): Promise<Bill> {
    const ports = await deps.env.ports();
    return billFor(plan, { cache: ports.cache, ledger: ports.ledger });
  }

  return {
    changes,
    spend: deps.spend,
    budgetStatus,

    async setWorkflowBudget(usd) {
      const id = deps.workflowId();
      if (!id) throw new Error("This workflow is not stored in this browser yet, so it cannot have a budget.");
      await deps.budgets.set(id, usd);
      bump();
    },

    async recordJobEnd(job, outcome, opts = {}) {
      const workflowId = opts.workflowId !== undefined ? opts.workflowId : deps.workflowId();
      await deps.spend.append(spendRecordOfJob(job, outcome, { source: "browser", now, seconds: opts.seconds }), {
        workflowId,
      });
      bump();
    },

    async billOf(scope) {
      const targets = scope.kind === "all" ? undefined : [scope.nodeId];
      const workflow = deps.getWorkflow();
      // Catalogue models the workflow names become known first (planning reads them synchronously).
      if (deps.env.catalogue) await resolveModels(workflow, deps.env.catalogue).catch(() => undefined);
      const res = await planWorkflow(workflow, targets ? { targets } : {});
      if (!res.ok) return { ok: false, errors: res.errors };
      const bill = await billOfPlan(res.plan);
      const simulated = deps.env.simulated();
      const missingInputs =
        scope.kind === "node"
          ? bill.entries.filter((e) => e.status === "paid" && e.nodeId !== scope.nodeId).map((e) => e.nodeId)
          : [];
      const verdict = simulated ? ({ ok: true } as const) : checkBudget(bill, limitsOf(await budgetStatus()));
      return { ok: true, bill, simulated, verdict, missingInputs };
    },

    async billOfPlan(plan) {
      const bill = await billOfPlan(plan);
      const simulated = deps.env.simulated();
      const verdict = simulated ? ({ ok: true } as const) : checkBudget(bill, limitsOf(await budgetStatus()));
      return { ok: true, bill, simulated, verdict, missingInputs: [] };
    },

    async beginRun(plan, opts = {}) {
      if (deps.env.simulated()) return { ok: true, session: { onEvent() {}, finish: async () => {} } };
      const workflowId = deps.workflowId();
      const [bill, status] = await Promise.all([billOfPlan(plan), budgetStatus()]);
      const verdict = checkBudget(bill, limitsOf(status));
      if (!verdict.ok) return { ok: false, message: verdict.message };
      const tracker = createSpendTracker(plan, {
        source: "browser",
        now,
        ...(opts.sweep ? { sweep: opts.sweep } : {}),
      });
      const writes: Promise<void>[] = [];
      return {
        ok: true,
        session: {
          onEvent(ev) {
            const row = tracker.onEvent(ev);
            if (!row) return;
            writes.push(
              deps.spend.append(row, { workflowId }).then(
                () => bump(),
                (e: unknown) => deps.onError(`Could not write the spend ledger: ${messageOf(e)}`),
              ),
            );
          },
          async finish() {
            await Promise.all(writes);
          },
        },
      };
    },
  };
}

import type { NodeId } from "../../domain/ids";
import { messageOf } from "../../domain/message-of";
import type { Plan, PlannedGeneration } from "../../engine/plan";
import type { RunMoney, SpendSession } from "../money/money-service";
import { retiredWarning } from "../retired/retired-warning";
import type { SweepOfRun } from "../takes/recorder";
import type { Lookups } from "./plan-view";
import { proxyStopsRun } from "./proxy-gate";
import type { RunEnvironment, RunNotices } from "./run-controller";
import { unknownPriceWarning } from "./unknown-price-warning";

/**
 * The checks a run passes before it sends anything, in this order: Run this node's inputs have results, the proxy
 * can carry it, the person agrees to send to retired models and jobs of unknown price, the budgets allow its bill.
 * A check that refuses tells the person why, and the run sends nothing.
 */

export interface SendingChecks {
  env: RunEnvironment;
  notices: RunNotices;
  money?: RunMoney;
  /** What the cache holds now (read at each check: a mode switch may forget it meanwhile). */
  lookups(): Lookups;
}

/** Null when refused; else the run's spend session (none without money). */
export async function clearedToSend(
  checks: SendingChecks,
  plan: Plan,
  onlyThis: NodeId | null,
  sweepOf: SweepOfRun | undefined,
): Promise<{ spend?: SpendSession } | null> {
  const { env, notices, lookups } = checks;
  if (onlyThis && !inputsHaveResults(plan, onlyThis, lookups(), notices)) return null;
  if (await proxyStopsRun(env, notices, plan, lookups(), onlyThis)) return null;
  if (asks(notices) && !env.simulated() && !(await agreedToSend(notices, toSend(plan, lookups(), onlyThis))))
    return null;
  return checks.money ? budgetAllows(checks.money, notices, plan, sweepOf) : {};
}

/** Run this node runs only it: every other generation node of the plan must already have a result. */
function inputsHaveResults(plan: Plan, onlyThis: NodeId, lookups: Lookups, notices: RunNotices): boolean {
  const missing = [...plan.nodes.values()].filter(
    (n) => n.role === "generation" && n.id !== onlyThis && !lookups.get(n.key),
  );
  if (missing.length === 0) return true;
  notices.say(
    `Run this node needs results for its inputs first: ${missing.map((n) => n.id).join(", ")} ${missing.length === 1 ? "has" : "have"} none. Use "Run up to here" to run them too.`,
    "error",
  );
  return false;
}

/** The jobs the run would send: generation nodes with no result (only `onlyThis` when given). */
function toSend(plan: Plan, lookups: Lookups, onlyThis: NodeId | null): PlannedGeneration[] {
  return [...plan.nodes.values()].flatMap((n) =>
    n.role === "generation" && !lookups.get(n.key) && (!onlyThis || n.id === onlyThis) ? [n] : [],
  );
}

/** Notices that can ask (the app's dialog); without one a run never asks. */
type AskingNotices = RunNotices & Required<Pick<RunNotices, "confirm">>;
const asks = (notices: RunNotices): notices is AskingNotices => notices.confirm !== undefined;

/** Asks before sending to retired models, then before sending jobs whose price is unknown. */
async function agreedToSend(notices: AskingNotices, jobs: readonly PlannedGeneration[]): Promise<boolean> {
  const warning = retiredWarning(jobs);
  if (warning && !(await notices.confirm(warning, "retired"))) {
    notices.say("Nothing was sent: the run was cancelled before sending to retired models.");
    return false;
  }
  const unpriced = unknownPriceWarning(jobs);
  if (unpriced && !(await notices.confirm(unpriced, "unknown-price"))) {
    notices.say("Nothing was sent: the run was cancelled before sending jobs whose price is unknown.");
    return false;
  }
  return true;
}

/** The budgets are checked against the bill of this very plan, before anything is sent. */
async function budgetAllows(
  money: RunMoney,
  notices: RunNotices,
  plan: Plan,
  sweepOf: SweepOfRun | undefined,
): Promise<{ spend: SpendSession } | null> {
  const verdict = await money.beginRun(plan, sweepOf ? { sweep: sweepOf } : {}).catch((e: unknown) => ({
    ok: false as const,
    message: `Nothing was sent: the budget could not be checked (${messageOf(e)}).`,
  }));
  if (verdict.ok) return { spend: verdict.session };
  notices.say(verdict.message, "error");
  return null;
}

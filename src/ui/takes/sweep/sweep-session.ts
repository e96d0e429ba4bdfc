import type { NodeId, WorkflowId } from "../../../domain/ids";
import type { Take } from "../../../domain/take";
import type { ParamValue, Workflow } from "../../../domain/workflow";
import type { Bill, BillEntry, BudgetVerdict } from "../../../engine/bill";
import type { RunEvent } from "../../../engine/events";
import type { RunSummary } from "../../../engine/executor";
import type { Plan } from "../../../engine/plan";
import type { CachedResult } from "../../../engine/ports";
import { planSweep, type Sweep, type SweepSpec } from "../../../engine/sweep";
import { takeFromResult } from "../../../engine/takes";
import type { RunController } from "../../run/run-controller";
import { messageOf } from "../../../domain/message-of";

/**
 * A sweep from the dialog's point of view: plan it and price it (the bill is shown before anything
 * runs), then run its plan through the app's one run path and file each clone's result as a take
 * of the ORIGINAL node, marked with the swept param and value. No React here, so it is tested with
 * the real planner, controller and fake fal.
 */
export interface SweepDeps {
  getWorkflow(): Workflow;
  workflowId(): WorkflowId | null;
  runner: Pick<RunController, "runPlan">;
  /** Bill and budget verdict of a plan (money service `billOfPlan`). */
  billOfPlan(plan: Plan): Promise<{ bill: Bill; verdict: BudgetVerdict; simulated: boolean }>;
  /** Files a take (take service `record`). */
  recordTake(take: Take, result: CachedResult): Promise<unknown>;
  now?: () => Date;
}

/** One value of the sweep on the bill: what its job costs, or that it is already there. */
export interface SweepLine {
  value: ParamValue;
  runNodeId: NodeId;
  entry: BillEntry;
}

export type SweepPreview =
  | { ok: false; errors: string[] }
  | {
      ok: true;
      spec: SweepSpec;
      sweep: Sweep;
      bill: Bill;
      verdict: BudgetVerdict;
      simulated: boolean;
      /** One per value, in the order of the values. */
      lines: SweepLine[];
      /** Upstream nodes the sweep needs that have no result yet (they are paid once, for all values). */
      upstream: BillEntry[];
    };

export async function previewSweep(
  deps: SweepDeps,
  spec: SweepSpec,
  opts: { newTakes?: boolean } = {},
): Promise<SweepPreview> {
  const planned = await planSweep(deps.getWorkflow(), spec, { newTakes: opts.newTakes === true });
  if (!planned.ok) return { ok: false, errors: planned.errors.map((e) => e.message) };
  const { sweep } = planned;
  const { bill, verdict, simulated } = await deps.billOfPlan(sweep.plan);
  const byNode = new Map(bill.entries.map((e) => [e.nodeId, e]));
  const lines: SweepLine[] = [];
  for (const run of sweep.runs) {
    const entry = byNode.get(run.runNodeId);
    if (entry) lines.push({ value: run.value, runNodeId: run.runNodeId, entry });
  }
  const clones = new Set(sweep.runs.map((r) => r.runNodeId));
  const upstream = bill.entries.filter((e) => !clones.has(e.nodeId));
  return { ok: true, spec, sweep, bill, verdict, simulated, lines, upstream };
}

export interface SweepOutcome {
  /** null: nothing was sent (refused by a confirm or the budget, or a run was already going). */
  summary: RunSummary | null;
  /** Takes filed on the original node, in the order their results arrived. */
  filed: Take[];
  /** Values whose take could not be filed, with why. */
  notFiled: { value: ParamValue; message: string }[];
}

export async function runSweep(
  deps: SweepDeps,
  preview: Extract<SweepPreview, { ok: true }>,
  onEvent?: (ev: RunEvent) => void,
): Promise<SweepOutcome> {
  const { sweep, spec } = preview;
  const now = deps.now ?? (() => new Date());
  const workflowId = deps.workflowId();
  const valueOf = new Map(sweep.runs.map((r) => [r.runNodeId, r.value]));
  const filed: Take[] = [];
  const notFiled: SweepOutcome["notFiled"] = [];
  const writes: Promise<unknown>[] = [];

  const file = (runNodeId: NodeId, result: CachedResult, paid: boolean) => {
    const value = valueOf.get(runNodeId);
    if (value === undefined) return; // an upstream node of the sweep: the recorder of normal runs does not see it either
    if (!workflowId) {
      notFiled.push({ value, message: "this workflow is not stored in this browser, so it cannot keep takes" });
      return;
    }
    const take = takeFromResult({
      workflowId,
      plan: sweep.plan,
      runNodeId,
      nodeId: sweep.nodeId,
      result,
      paid,
      sweep: { param: spec.param, value },
      now: now(),
    });
    filed.push(take);
    writes.push(deps.recordTake(take, result).catch((e: unknown) => notFiled.push({ value, message: messageOf(e) })));
  };

  const summary = await deps.runner.runPlan(sweep.plan, {
    sweep: { param: spec.param, valueOf: (id) => valueOf.get(id) },
    onEvent(ev) {
      if (ev.type === "succeeded") file(ev.nodeId, ev.result, !preview.simulated && !ev.result.simulated);
      else if (ev.type === "cached") file(ev.nodeId, ev.result, false);
      onEvent?.(ev);
    },
  });
  await Promise.all(writes);
  return { summary, filed: filed.filter((t) => !notFiled.some((n) => n.value === t.sweep?.value)), notFiled };
}

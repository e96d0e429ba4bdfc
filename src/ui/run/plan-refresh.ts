import type { NodeId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import { planWorkflow, type Plan, type PlanError } from "../../engine/plan";
import { resolved, type ControllerContext } from "./controller-context";
import { planView } from "./plan-view";

/**
 * Plans the workflow again and publishes what the cache holds for it (after a change, a run or a mode switch);
 * a later refresh makes this one stop where it is.
 */
export async function refresh(
  ctx: ControllerContext,
  workflow: Workflow,
  opts: { forgetLookups?: boolean } = {},
): Promise<void> {
  if (opts.forgetLookups) ctx.lookups.forgetAll();
  const seq = ++ctx.planSeq;
  const current = () => seq === ctx.planSeq;
  await resolved(ctx.env, workflow);
  if (!current()) return;
  const res = await planWorkflow(workflow);
  if (!current()) return;
  if (res.ok) {
    await ctx.lookups.lookUp([...res.plan.nodes.values()].map((n) => n.key));
    if (current()) publish(ctx, res.plan, []);
    return;
  }
  const plan = await planOfFineNodes(ctx, workflow, res.errors, current);
  if (!current()) return;
  publish(ctx, plan, res.errors);
  // The bill covers what Run all would do: nothing while the graph has problems.
  ctx.store.setState({ preview: null });
}

/**
 * Keys of the nodes that are fine still matter (earlier results on a half-built graph), so each node that has
 * no problem of its own is planned on its own, and the cache asked for its result.
 */
async function planOfFineNodes(
  ctx: ControllerContext,
  workflow: Workflow,
  errors: readonly PlanError[],
  current: () => boolean,
): Promise<Plan | null> {
  const bad = new Set(errors.map((e) => e.nodeId).filter(Boolean));
  const fine = workflow.nodes.map((n) => n.id).filter((id) => !bad.has(id));
  const partial = fine.length > 0 ? await planWorkflow(workflow, { targets: fine }) : null;
  if (!current()) return null;
  const plan = partial?.ok ? partial.plan : null;
  if (plan) await ctx.lookups.lookUp([...plan.nodes.values()].map((n) => n.key));
  return plan;
}

function publish(ctx: ControllerContext, plan: Plan | null, errors: readonly { message: string; nodeId?: NodeId }[]) {
  ctx.store.setState(planView(plan, errors, ctx.lookups.current(), ctx.env.simulated()));
}

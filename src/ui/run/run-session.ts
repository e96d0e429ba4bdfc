import type { CacheKey, NodeId, WorkflowId } from "../../domain/ids";
import type { RunEvent } from "../../engine/events";
import type { RunSummary } from "../../engine/executor";
import type { Plan } from "../../engine/plan";
import { reduceRun } from "../../engine/run-state";
import type { SpendSession } from "../money/money-service";
import type { SweepOfRun, TakeSession } from "../takes/recorder";
import type { ControllerContext } from "./controller-context";
import { refresh } from "./plan-refresh";
import { portsTaggingJobs } from "./run-ports";

/** A run that passed the checks before sending: it begins, executes, and ends (even when it fails). */

/** How a run of a plan differs from a plain Run. */
export interface RunExtras {
  onEvent?: (ev: RunEvent) => void;
  /** The plan's nodes are clones of one node (src/engine/sweep.ts); the sweep files their takes itself. */
  sweep?: boolean;
  sweepOf?: SweepOfRun;
  /** File the results as takes of this workflow (the one open when the run was asked for). */
  takesOf?: WorkflowId | null;
}

/** One run under way: how it is stopped, whether it is simulated, and what hears its events. */
export interface RunSession {
  signal: AbortSignal;
  simulated: boolean;
  spend: SpendSession | undefined;
  takeSession: TakeSession | undefined;
  onEvent(ev: RunEvent): void;
}

/** The run store shows the run as busy and remembers the keys it runs under; its events reach every listener. */
export function beginRun(
  ctx: ControllerContext,
  plan: Plan,
  spend: SpendSession | undefined,
  extra: RunExtras,
): RunSession {
  const keysAtRun: Record<string, CacheKey> = { ...ctx.store.getState().keysAtRun };
  for (const n of plan.nodes.values()) keysAtRun[n.id] = n.key;
  const abort = new AbortController();
  ctx.abort = abort;
  ctx.store.setState({ busy: true, keysAtRun });
  const simulated = ctx.env.simulated();
  const takeSession =
    extra.takesOf !== undefined && !extra.sweep
      ? ctx.takes?.beginRun(plan, { simulated, workflowId: extra.takesOf })
      : undefined;
  const session: RunSession = { signal: abort.signal, simulated, spend, takeSession, onEvent: () => undefined };
  session.onEvent = (ev) => onRunEvent(ctx, session, ev, extra.onEvent);
  return session;
}

function onRunEvent(ctx: ControllerContext, session: RunSession, ev: RunEvent, onEvent: RunExtras["onEvent"]): void {
  if (ev.type === "succeeded" || ev.type === "cached") {
    // In demo mode every result is simulated, whatever view of the cache the engine was given.
    if (session.simulated && !ev.result.simulated)
      ev = { ...ev, result: { ...ev.result, simulated: true, costUsd: 0 } };
    ctx.lookups.record(ev.result);
  }
  if (ev.type === "failed") ctx.notices.nodeFailed?.(ev.nodeId, ev.error);
  session.spend?.onEvent(ev);
  session.takeSession?.onEvent(ev);
  onEvent?.(ev);
  ctx.store.setState((s) => ({ run: reduceRun(s.run, ev) }));
}

export async function executeRun(
  ctx: ControllerContext,
  plan: Plan,
  session: RunSession,
  resubmit: readonly NodeId[],
  extra: RunExtras,
): Promise<RunSummary> {
  const { env, takes } = ctx;
  // The executor loads with the first run: it is not needed to draw the canvas or the bill.
  const [envPorts, { execute }] = await Promise.all([env.ports(), import("../../engine/executor")]);
  const ports = portsTaggingJobs(envPorts, takes, {
    plan,
    simulated: session.simulated,
    workflowId: extra.takesOf !== undefined ? extra.takesOf : (takes?.openWorkflowId() ?? null),
    ...(extra.sweepOf ? { sweepOf: extra.sweepOf } : {}),
  });
  // Demo mode is a simulated InferenceClient in the ports, not an engine option: the run goes through the
  // real job path (queue, logs, result, cache).
  const opts = { concurrency: env.concurrency ?? 4, signal: session.signal, onEvent: session.onEvent, resubmit };
  return await execute(plan, ports, opts);
}

/** Spend rows and takes written, the run store idle, and the plan refreshed: misses may have become hits. */
export async function endRun(ctx: ControllerContext, session: RunSession): Promise<void> {
  ctx.abort = null;
  await session.spend?.finish();
  await session.takeSession?.finish();
  ctx.store.setState({ busy: false });
  ctx.lookups.forgetMisses();
  await refresh(ctx, ctx.getWorkflow());
}

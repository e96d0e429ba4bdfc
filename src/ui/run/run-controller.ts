import type { NodeId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import type { NodeError } from "../../engine/errors";
import type { RunEvent } from "../../engine/events";
import { billFor, type Bill } from "../../engine/bill";
import { planWorkflow, type Plan, type PlanOptions } from "../../engine/plan";
import type { RunSummary } from "../../engine/executor";
import type { EnginePorts, ModelCatalogue, ResultCache } from "../../engine/ports";
import type { RunMoney } from "../money/money-service";
import { asTheOneRun, type RunStore } from "./run-store";
import type { Lookups } from "./plan-view";
import type { ProxyCheckOfRun } from "./proxy-gate";
import { clearedToSend } from "./before-sending";
import { createResultLookups } from "./result-lookups";
import type { RunQuestionKind } from "./run-questions";
import type { RunTakes, SweepOfRun } from "../takes/recorder";
import { describeErrors, resolved, type ControllerContext } from "./controller-context";
import { refresh } from "./plan-refresh";
import { beginRun, endRun, executeRun, type RunExtras } from "./run-session";
import { messageOf } from "../../domain/message-of";

/** Where runs get their ports: the current mode decides the client (demo or fal) and cache namespace. */
export interface RunEnvironment {
  ports(): Promise<EnginePorts>;
  /** The result cache of the current mode, for showing earlier results and the bill. */
  cache(): Promise<ResultCache>;
  simulated(): boolean;
  concurrency?: number;
  /**
   * fal's model catalogue: the models a workflow names that this process does not know yet are looked up
   * there before every plan. Absent: only curated models and those already resolved are known.
   */
  catalogue?: ModelCatalogue;
  /** fal mode: checks the Proxy URL now (./proxy-gate.ts asks before a run sends anything); absent: never checked. */
  checkProxy?(): Promise<ProxyCheckOfRun>;
}

export interface RunNotices {
  /** A refusal or problem to show the user, in words. */
  say(message: string, tone?: "info" | "error"): void;
  /** A node failed: the app may react (e.g. a 401 shows how to set the fal key). */
  nodeFailed?(nodeId: NodeId, error: NodeError): void;
  /**
   * Asks before sending (to retired models, jobs of unknown price): the message's first line is the question, the
   * rest says why. Absent: never asks. The app answers it with its own dialog (src/ui/run/run-questions.ts).
   */
  confirm?(message: string, kind: RunQuestionKind): boolean | Promise<boolean>;
}

export interface RunController {
  runAll(): Promise<void>;
  /** The node and everything it depends on (upstream results come from the cache when they exist). */
  runUpTo(id: NodeId): Promise<void>;
  /** Only this node: its inputs must already have results, so at most one job is paid for. */
  runNode(id: NodeId): Promise<void>;
  /**
   * "New take": only this node, under a fresh `variant` (crypto.randomUUID()) of its unchanged
   * content, so it is a cache miss and paid for on purpose. Show `billOfNewTake` with the same
   * variant first: it is the bill of exactly this run.
   */
  newTake(id: NodeId, variant: string): Promise<void>;
  billOfNewTake(id: NodeId, variant: string): Promise<{ ok: true; bill: Bill } | { ok: false; message: string }>;
  /** "Submit again" for a node whose earlier submit answer was lost (fal may have it): sends it anew, on the user's word. */
  submitAgain(id: NodeId): Promise<void>;
  /** Cancels every running job (the engine cancels them at fal through the AbortSignal). */
  stop(): void;
  /**
   * Runs a plan made elsewhere (a sweep's clones, src/engine/sweep.ts) through the same path as Run:
   * retired/unknown-price confirms, the budget check on its bill, spend rows, run state, concurrency.
   * `onEvent` sees every event too. Resolves to the executor's summary, or null when nothing was sent
   * (busy, refused, cancelled at a confirm; the user was told why). `sweep`: what each clone sweeps,
   * written into its job row so a job that ends after a reload is filed as the sweep's take.
   */
  runPlan(plan: Plan, opts?: { onEvent?(ev: RunEvent): void; sweep?: SweepOfRun }): Promise<RunSummary | null>;
  /** Plan the workflow again and look up the cache (after a change or a mode switch). */
  refresh(workflow: Workflow, opts?: { forgetLookups?: boolean }): Promise<void>;
}

/** Run pressed with no generation node (the Run button says so before it is pressed, in fewer words). */
const NOTHING_TO_RUN =
  "Nothing to run: add a generation node (Text-to-Video, Image-to-Video or Remix) from the palette.";

export function createRunController(
  store: RunStore,
  env: RunEnvironment,
  getWorkflow: () => Workflow,
  notices: RunNotices,
  /** Budget check before a run and spend rows as its jobs end (src/ui/money). */
  money?: RunMoney,
  /** Files each result of a run of the open workflow as a take (src/ui/takes/recorder.ts); sweeps file their own. */
  takes?: RunTakes,
  /** Lookups made before this controller existed (the start path's first plan): not asked again. */
  known?: Lookups,
): RunController {
  const lookups = createResultLookups(() => env.cache(), known);
  const ctx: ControllerContext = {
    store,
    env,
    getWorkflow,
    notices,
    ...(money ? { money } : {}),
    ...(takes ? { takes } : {}),
    lookups,
    checks: { env, notices, ...(money ? { money } : {}), lookups: () => lookups.current() },
    abort: null,
    planSeq: 0,
  };
  return {
    runAll: () => run(ctx, undefined, null),
    runUpTo: (id) => run(ctx, [id], null),
    runNode: (id) => run(ctx, [id], id),
    submitAgain: (id) => run(ctx, [id], null, [id]),
    newTake: (id, variant) => run(ctx, [id], id, [], { [id]: variant }),
    billOfNewTake: (id, variant) => billOfNewTake(ctx, id, variant),
    runPlan: (plan, opts = {}) =>
      runPlanned(ctx, plan, null, [], {
        onEvent: opts.onEvent,
        sweep: true,
        ...(opts.sweep ? { sweepOf: opts.sweep } : {}),
      }),
    stop() {
      ctx.abort?.abort();
    },
    refresh: (workflow, opts) => refresh(ctx, workflow, opts),
  };
}

/** Run all, Run up to here, Run this node, Submit again, New take: plan the open workflow, then run the plan. */
async function run(
  ctx: ControllerContext,
  targets: NodeId[] | undefined,
  onlyThis: NodeId | null,
  resubmit: readonly NodeId[] = [],
  newTakes?: PlanOptions["newTakes"],
): Promise<void> {
  await asTheOneRun(ctx.store, refusedBeside(ctx, undefined), () =>
    planAndRun(ctx, targets, onlyThis, resubmit, newTakes),
  );
}

async function planAndRun(
  ctx: ControllerContext,
  targets: NodeId[] | undefined,
  onlyThis: NodeId | null,
  resubmit: readonly NodeId[],
  newTakes: PlanOptions["newTakes"] | undefined,
): Promise<void> {
  const { store, notices, takes } = ctx;
  // What is open when Run is pressed is what runs and whose takes are filed, even if another
  // workflow is opened while its models are being looked up.
  const workflow = ctx.getWorkflow();
  const takesOf = takes ? takes.openWorkflowId() : undefined;
  await resolved(ctx.env, workflow);
  const res = await planWorkflow(workflow, { ...(targets ? { targets } : {}), ...(newTakes ? { newTakes } : {}) });
  if (!res.ok) {
    notices.say(`Nothing was sent. ${describeErrors(res.errors)}`, "error");
    store.setState({ planErrors: res.errors });
    return;
  }
  if (![...res.plan.nodes.values()].some((n) => n.role === "generation")) {
    notices.say(NOTHING_TO_RUN);
    return;
  }
  await runClaimed(ctx, res.plan, onlyThis, resubmit, { takesOf });
}

/** A plan made elsewhere (a sweep's), run as the one run. */
function runPlanned(
  ctx: ControllerContext,
  plan: Plan,
  onlyThis: NodeId | null,
  resubmit: readonly NodeId[] = [],
  extra: RunExtras = {},
): Promise<RunSummary | null> {
  return asTheOneRun(ctx.store, refusedBeside(ctx, null), () => runClaimed(ctx, plan, onlyThis, resubmit, extra));
}

/** A press while another run is starting or in flight: said, and nothing else happens. */
const refusedBeside =
  <T>(ctx: ControllerContext, answer: T) =>
  (): T => {
    ctx.notices.say(ALREADY_RUNNING);
    return answer;
  };

export const ALREADY_RUNNING = "A run is already under way: wait for it to end, then press again.";

/** The checks before sending, then the run itself; after it, the plan is refreshed (misses may be hits now). */
async function runClaimed(
  ctx: ControllerContext,
  plan: Plan,
  onlyThis: NodeId | null,
  resubmit: readonly NodeId[],
  extra: RunExtras,
): Promise<RunSummary | null> {
  await ctx.lookups.lookUp([...plan.nodes.values()].map((n) => n.key));
  const cleared = await clearedToSend(ctx.checks, plan, onlyThis, extra.sweepOf);
  if (!cleared) return null;
  const session = beginRun(ctx, plan, cleared.spend, extra);
  try {
    return await executeRun(ctx, plan, session, resubmit, extra);
  } catch (err) {
    ctx.notices.say(`The run stopped: ${messageOf(err)}`, "error");
    return null;
  } finally {
    await endRun(ctx, session);
  }
}

/** The bill of exactly the run New take would make with this variant. */
async function billOfNewTake(
  ctx: ControllerContext,
  id: NodeId,
  variant: string,
): Promise<{ ok: true; bill: Bill } | { ok: false; message: string }> {
  const workflow = await resolved(ctx.env, ctx.getWorkflow());
  const res = await planWorkflow(workflow, { targets: [id], newTakes: { [id]: variant } });
  if (!res.ok) return { ok: false, message: describeErrors(res.errors) };
  const ports = await ctx.env.ports();
  return { ok: true, bill: await billFor(res.plan, { cache: ports.cache, ledger: ports.ledger }) };
}

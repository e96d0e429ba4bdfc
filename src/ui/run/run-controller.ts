import type { CacheKey, NodeId, WorkflowId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import type { NodeError } from "../../engine/errors";
import type { RunEvent } from "../../engine/events";
import { billFor, type Bill } from "../../engine/bill";
import { planWorkflow, type Plan, type PlanOptions } from "../../engine/plan";
import type { RunSummary } from "../../engine/executor";
import type { CachedResult, EnginePorts, Job, ModelCatalogue, ResultCache } from "../../engine/ports";
import { resolveModels } from "../../engine/resolve-models";
import { reduceRun } from "../../engine/run-state";
import type { RunMoney, SpendSession } from "../money/money-service";
import type { RunStore } from "./run-store";
import { planView, type Lookups } from "./plan-view";
import { retiredWarning } from "../retired/retired-warning";
import { unknownPriceWarning } from "./unknown-price-warning";
import { proxyStopsRun, type ProxyCheckOfRun } from "./proxy-gate";
import type { RunQuestionKind } from "./run-questions";
import type { RunTakes, SweepOfRun } from "../takes/recorder";

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

const describeErrors = (errors: readonly { message: string }[]) =>
  errors.length === 1
    ? (errors[0]?.message ?? "")
    : `${errors.length} problems: ${errors
        .slice(0, 3)
        .map((e) => e.message)
        .join("; ")}${errors.length > 3 ? "; …" : ""}`;

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
  // Cache lookups by key; a hit never goes away, a miss is asked again after a run or a mode switch.
  let lookups = new Map<CacheKey, CachedResult | null>(known);
  let abort: AbortController | null = null;
  let planSeq = 0;

  async function lookUp(keys: CacheKey[]): Promise<void> {
    const todo = keys.filter((k) => !lookups.has(k));
    if (todo.length === 0) return;
    const cache = await env.cache();
    const memo = lookups;
    if (cache.getMany) {
      try {
        const found = await cache.getMany(todo);
        todo.forEach((k, i) => memo.set(k, found[i] ?? null));
        return;
      } catch {
        // Fall through to one lookup per key, which records each failure on its own.
      }
    }
    await Promise.all(
      todo.map(async (k) => {
        try {
          memo.set(k, (await cache.get(k)) ?? null);
        } catch {
          memo.set(k, null);
        }
      }),
    );
  }

  function publish(plan: Plan | null, errors: readonly { message: string; nodeId?: NodeId }[]) {
    store.setState(planView(plan, errors, lookups, env.simulated()));
  }

  /** Before every plan: the workflow's catalogue models become known (or unavailable, with the reason the plan gives). */
  async function resolved(workflow: Workflow): Promise<Workflow> {
    if (env.catalogue) await resolveModels(workflow, env.catalogue).catch(() => undefined);
    return workflow;
  }

  async function refresh(workflow: Workflow, opts: { forgetLookups?: boolean } = {}) {
    if (opts.forgetLookups) lookups = new Map();
    const seq = ++planSeq;
    await resolved(workflow);
    if (seq !== planSeq) return;
    const res = await planWorkflow(workflow);
    if (seq !== planSeq) return;
    if (!res.ok) {
      // Keys of the nodes that are fine still matter (earlier results on a half-built graph), so plan
      // each node that has no problem of its own on its own.
      const bad = new Set(res.errors.map((e) => e.nodeId).filter(Boolean));
      const fine = workflow.nodes.map((n) => n.id).filter((id) => !bad.has(id));
      const partial = fine.length > 0 ? await planWorkflow(workflow, { targets: fine }) : null;
      if (seq !== planSeq) return;
      const plan = partial?.ok ? partial.plan : null;
      if (plan) await lookUp([...plan.nodes.values()].map((n) => n.key));
      if (seq !== planSeq) return;
      publish(plan, res.errors);
      // The bill covers what Run all would do: nothing while the graph has problems.
      store.setState({ preview: null });
      return;
    }
    await lookUp([...res.plan.nodes.values()].map((n) => n.key));
    if (seq !== planSeq) return;
    publish(res.plan, []);
  }

  async function run(
    targets: NodeId[] | undefined,
    onlyThis: NodeId | null,
    resubmit: readonly NodeId[] = [],
    newTakes?: PlanOptions["newTakes"],
  ): Promise<void> {
    if (store.getState().busy) return;
    // What is open when Run is pressed is what runs and whose takes are filed, even if another
    // workflow is opened while its models are being looked up.
    const workflow = getWorkflow();
    const takesOf = takes ? takes.openWorkflowId() : undefined;
    await resolved(workflow);
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
    await runPlanned(res.plan, onlyThis, resubmit, { takesOf });
  }

  async function runPlanned(
    plan: Plan,
    onlyThis: NodeId | null,
    resubmit: readonly NodeId[] = [],
    /** `sweep`: the plan's nodes are clones of one node (src/engine/sweep.ts); the sweep files their takes itself. */
    /** `takesOf`: file the results as takes of this workflow (the one open when the run was asked for). */
    extra: {
      onEvent?: (ev: RunEvent) => void;
      sweep?: boolean;
      sweepOf?: SweepOfRun;
      takesOf?: WorkflowId | null;
    } = {},
  ): Promise<RunSummary | null> {
    if (store.getState().busy) return null;
    await lookUp([...plan.nodes.values()].map((n) => n.key));
    if (onlyThis) {
      const missing = [...plan.nodes.values()].filter(
        (n) => n.role === "generation" && n.id !== onlyThis && !lookups.get(n.key),
      );
      if (missing.length > 0) {
        notices.say(
          `Run this node needs results for its inputs first: ${missing.map((n) => n.id).join(", ")} ${missing.length === 1 ? "has" : "have"} none. Use "Run up to here" to run them too.`,
          "error",
        );
        return null;
      }
    }
    if (await proxyStopsRun(env, notices, plan, lookups, onlyThis)) return null;
    if (notices.confirm && !env.simulated()) {
      const toSend = [...plan.nodes.values()].flatMap((n) =>
        n.role === "generation" && !lookups.get(n.key) && (!onlyThis || n.id === onlyThis) ? [n] : [],
      );
      const warning = retiredWarning(toSend);
      if (warning && !(await notices.confirm(warning, "retired"))) {
        notices.say("Nothing was sent: the run was cancelled before sending to retired models.");
        return null;
      }
      const unpriced = unknownPriceWarning(toSend);
      if (unpriced && !(await notices.confirm(unpriced, "unknown-price"))) {
        notices.say("Nothing was sent: the run was cancelled before sending jobs whose price is unknown.");
        return null;
      }
    }
    // The budgets are checked against the bill of this very plan, before anything is sent.
    let spend: SpendSession | undefined;
    if (money) {
      const verdict = await money.beginRun(plan, extra.sweepOf ? { sweep: extra.sweepOf } : {}).catch((e: unknown) => ({
        ok: false as const,
        message: `Nothing was sent: the budget could not be checked (${e instanceof Error ? e.message : String(e)}).`,
      }));
      if (!verdict.ok) {
        notices.say(verdict.message, "error");
        return null;
      }
      spend = verdict.session;
    }
    const keysAtRun: Record<string, CacheKey> = { ...store.getState().keysAtRun };
    for (const n of plan.nodes.values()) keysAtRun[n.id] = n.key;
    abort = new AbortController();
    store.setState({ busy: true, keysAtRun });
    const simulated = env.simulated();
    const takeSession =
      extra.takesOf !== undefined && !extra.sweep
        ? takes?.beginRun(plan, { simulated, workflowId: extra.takesOf })
        : undefined;
    const onEvent = (ev: RunEvent) => {
      if (ev.type === "succeeded" || ev.type === "cached") {
        // In demo mode every result is simulated, whatever view of the cache the engine was given.
        if (simulated && !ev.result.simulated) ev = { ...ev, result: { ...ev.result, simulated: true, costUsd: 0 } };
        lookups.set(ev.result.key, ev.result);
      }
      if (ev.type === "failed") notices.nodeFailed?.(ev.nodeId, ev.error);
      spend?.onEvent(ev);
      takeSession?.onEvent(ev);
      extra.onEvent?.(ev);
      store.setState((s) => ({ run: reduceRun(s.run, ev) }));
    };
    try {
      // The executor loads with the first run: it is not needed to draw the canvas or the bill.
      const [envPorts, { execute }] = await Promise.all([env.ports(), import("../../engine/executor")]);
      // Each job row names its workflow and the take it becomes: a reload mid-job loses neither.
      const jobsOf = extra.takesOf !== undefined ? extra.takesOf : (takes?.openWorkflowId() ?? null);
      const ledger = envPorts.ledger;
      const ports =
        takes && ledger && jobsOf
          ? {
              ...envPorts,
              ledger: {
                open: (job: Job) =>
                  ledger.open(
                    takes.tagJob(job, plan, {
                      simulated,
                      workflowId: jobsOf,
                      ...(extra.sweepOf ? { sweep: extra.sweepOf } : {}),
                    }),
                  ),
                update: (key: CacheKey, patch: Parameters<typeof ledger.update>[1]) => ledger.update(key, patch),
                get: (key: CacheKey) => ledger.get(key),
                unfinished: () => ledger.unfinished(),
              },
            }
          : envPorts;
      // Demo mode is a simulated InferenceClient in the ports, not the engine's own `simulate`
      // option: the run goes through the real job path (queue, logs, result, cache).
      return await execute(plan, ports, { concurrency: env.concurrency ?? 4, signal: abort.signal, onEvent, resubmit });
    } catch (err) {
      notices.say(`The run stopped: ${err instanceof Error ? err.message : String(err)}`, "error");
      return null;
    } finally {
      abort = null;
      await spend?.finish();
      await takeSession?.finish();
      store.setState({ busy: false });
      // Misses may have become hits.
      for (const [k, v] of lookups) if (v === null) lookups.delete(k);
      await refresh(getWorkflow());
    }
  }

  return {
    runAll: () => run(undefined, null),
    runUpTo: (id) => run([id], null),
    runNode: (id) => run([id], id),
    submitAgain: (id) => run([id], null, [id]),
    newTake: (id, variant) => run([id], id, [], { [id]: variant }),
    async billOfNewTake(id, variant) {
      const res = await planWorkflow(await resolved(getWorkflow()), { targets: [id], newTakes: { [id]: variant } });
      if (!res.ok) return { ok: false, message: describeErrors(res.errors) };
      const ports = await env.ports();
      return { ok: true, bill: await billFor(res.plan, { cache: ports.cache, ledger: ports.ledger }) };
    },
    runPlan: (plan, opts = {}) =>
      runPlanned(plan, null, [], {
        onEvent: opts.onEvent,
        sweep: true,
        ...(opts.sweep ? { sweepOf: opts.sweep } : {}),
      }),
    stop() {
      abort?.abort();
    },
    refresh,
  };
}

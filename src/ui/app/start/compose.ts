import { createStore } from "zustand/vanilla";
import type { CacheNamespace } from "../../../domain/settings";
import type { MoneyDeps, MoneyService } from "../../money/money-service";
import type { RunController, RunEnvironment } from "../../run/run-controller";
import type { Services } from "../../services";
import { loadStripBody } from "../../takes/strip/strip-body-on-demand";
import { createTakeService, type TakeServiceDeps } from "../../takes/take-service";
import type { WorkflowService } from "../../workflows/workflow-service";
import { lazy, type Lazy } from "./lazy";
import type { Rest } from "./rest";
import { makeShell, type Shell } from "./shell";
import { readSnapshot, type StartSnapshot } from "./snapshot";
import { shareLinkOnDemand } from "./workflows";

/**
 * How long the first frame of a reopened workflow waits for its first plan (its earlier results,
 * videos and takes): about 80 ms after the start rows for 50 video nodes on a 2-core machine, so
 * this leaves room for a machine a few times slower, while a disk slower still holds the canvas
 * back no more than this (the results are then shown when they come, in a frame of their own).
 */
const FIRST_PLAN_WAIT_MS = 300;
/**
 * Above this many video nodes the first frame does not wait for the first plan at all: planning
 * them takes longer than the wait (1,000 nodes plan in ~0.2 s here, plus their reads), and most of
 * them are drawn compact, without their videos, anyway. Their results come in a frame of their own.
 */
const FIRST_PLAN_WAIT_MAX_NODES = 200;

export interface Started {
  services: Services;
  /** Starts loading the rest (./rest.ts): main's first paint calls it, after `restDelayMs`. */
  loadRest(): Promise<void>;
  restDelayMs: number;
}

/**
 * Start-up's composition root, the one place that decides where each part of the app comes from: the snapshot
 * read at start (./snapshot.ts), the shell made from it at once (./shell.ts), and the rest (./rest.ts: Dexie,
 * the run code) loaded after the first paint, for which the services below stand in until it is here: writes
 * and the user's actions start it, reads made while the first screen renders wait for it.
 */
export async function startServices(): Promise<Started> {
  const snapshot = await readSnapshot();
  // Marks for the benchmarks' timelines (bench 6 prints them): cheap, and read by nobody else.
  performance.mark("reelflow:start-rows");
  // Loaded only when started, by which time `services` below exists.
  const rest: Lazy<Rest> = lazy(async () => {
    // The take strips' code too, so a run's first take is drawn as it is filed (it is not needed before).
    void loadStripBody().catch(() => undefined);
    const { makeRest } = await import("./rest");
    return makeRest(services, snapshot, shell);
  });
  const shell = makeShell(snapshot, rest);
  const services = servicesOf(snapshot, shell, rest);
  await firstPlanInFirstFrame(snapshot, shell);
  return { services, loadRest: shell.loadRest, restDelayMs: restDelayMs(snapshot) };
}

/** The services the views are given: the shell's stores, and stand-ins for what the rest brings. */
function servicesOf(snapshot: StartSnapshot, shell: Shell, rest: Lazy<Rest>): Services & RestNeeds {
  const { editor, runs, settings, toasts, models, namespaceNow } = shell;
  const started = startedPart(rest);
  const list = workflowListLater(shell, rest);
  return {
    editor,
    runs,
    settings,
    toasts,
    models,
    views: shell.views,
    proxyHealth: shell.proxyHealth,
    runner: runnerLater(rest),
    money: moneyLater({
      env: envLater(shell, rest),
      spend: started("spend").calls(["append", "list", "spent", "totalsPerDay", "totalsPerWorkflow", "exportCsv"]),
      budgets: started("budgets").calls(["get", "set"]),
      settings,
      getWorkflow: () => editor.getState().doc,
      workflowId: () => editor.getState().workflowId,
      onError: (m) => toasts.getState().show(m, { tone: "error", ms: 10_000 }),
    }),
    // Every result of a run becomes a take of its node; a paid one becomes the node's chosen take.
    takes: createTakeService({
      stores: { paid: takeStoreLater(rest, "paid"), demo: takeStoreLater(rest, "demo") },
      namespace: namespaceNow,
      resultOf: async (namespace, key) => (await rest.wait()).caches[namespace].get(key),
      makeThumbnail: async (r) => (await rest.wait()).makeThumbnail(r),
      preloaded: snapshot.firstPlan.takesAtHand,
    }),
    storage: started("storage").calls(["list", "jobs", "remove", "estimate", "persisted", "requestPersist"]),
    assets: {
      put: async (b) => (await rest.start()).assetStore.add(b),
      get: async (h) => (await rest.wait()).assetStore.get(h),
    },
    media: {
      blobAtHand: snapshot.firstPlan.blobAtHand,
      blobOf: async (r, image) => (await rest.start()).caches[r.simulated ? "demo" : "paid"].getMediaOf(r, image),
    },
    logs: { get: async (key) => (await rest.wait()).jobLogs[namespaceNow()].get(key) },
    documents: {
      open: async (w) => void (await list.openAsNew(w)),
      openExample: async (w) => void (await list.openExample(w)),
    },
    workflows: {
      list,
      exportBundle: async (w) => (await rest.start()).bundles.exportBundle(w),
      importBundle: async (f) => (await rest.start()).bundles.importBundle(f),
      shareLink: shareLinkOnDemand,
    },
  };
}

/** One part of the rest, loaded when first called. */
const startedPart =
  (rest: Lazy<Rest>) =>
  <K extends keyof Rest>(key: K) =>
    lazy(async () => (await rest.start())[key]);

/** The run controller: a run starts the rest; a refresh (a plan) waits for it; there is nothing to stop before. */
function runnerLater(rest: Lazy<Rest>): RunController {
  return {
    ...startedPart(rest)("runner").calls([
      "runAll",
      "runUpTo",
      "runNode",
      "newTake",
      "billOfNewTake",
      "submitAgain",
      "runPlan",
    ]),
    stop: () => rest.now()?.runner.stop(),
    // The first plan is made when the rest arrives (./rest.ts); a later one waits for it.
    refresh: async (doc, opts) => (await rest.wait()).runner.refresh(doc, opts),
  };
}

/** The workflow list: its state is the shell's; its service comes with the rest. */
function workflowListLater(shell: Shell, rest: Lazy<Rest>): WorkflowService {
  const list: WorkflowService = {
    state: shell.listState,
    ...startedPart(rest)("workflowList").calls([
      "refresh",
      "create",
      "openAsNew",
      "openExample",
      "keepOpen",
      "switchTo",
      "rename",
      "duplicate",
      "remove",
      "restore",
      "purge",
    ]),
  };
  // A run of an example opened as a draft keeps it among the workflows (its takes belong to it).
  shell.runs.subscribe((st, prev) => {
    if (st.busy && !prev.busy) void list.keepOpen().catch(() => undefined);
  });
  return list;
}

/** What the rest needs of the services it stands behind (they exist before it, and it fills them in). */
export type RestNeeds = Required<Pick<Services, "money" | "takes">>;

/** The run environment the money service plans bills with: the rest's, once here. */
function envLater(shell: Shell, rest: Lazy<Rest>): RunEnvironment {
  return {
    simulated: () => shell.settings.getState().mode === "demo",
    concurrency: shell.settings.getState().concurrency,
    ports: async () => (await rest.start()).env.ports(),
    cache: async () => (await rest.wait()).env.cache(),
    catalogue: shell.models,
  };
}

/**
 * The money service (budgets, spend rows, the bill panel's figures) loads when first asked: at the first run, or
 * when the Bill or Spend panel opens; nothing on the first screen needs it. `changes` exists at once, for panels to
 * subscribe to, and moves whenever the real one does once that is loaded; the spend ledger is already here.
 */
export function moneyLater(
  deps: MoneyDeps,
  load: () => Promise<{ createMoneyService(deps: MoneyDeps): MoneyService }> = () =>
    import("../../money/money-service"),
): MoneyService {
  const changes: MoneyService["changes"] = createStore<{ version: number }>()(() => ({ version: 0 }));
  const money = lazy(async () => {
    const real = (await load()).createMoneyService(deps);
    real.changes.subscribe(() => changes.setState((s) => ({ version: s.version + 1 })));
    return real;
  });
  return {
    changes,
    spend: deps.spend,
    ...money.calls(["beginRun", "billOf", "billOfPlan", "budgetStatus", "setWorkflowBudget", "recordJobEnd"]),
  };
}

type TakeStoreOfApp = TakeServiceDeps["stores"][CacheNamespace];

/** A take store that answers once the rest is here; a live watch started before that begins then. */
function takeStoreLater(rest: Lazy<Rest>, namespace: CacheNamespace): TakeStoreOfApp {
  const store = lazy(async () => (await rest.wait()).takeStores[namespace]);
  return {
    namespace,
    ...store.calls(["record", "list", "listWorkflow", "get", "setThumbnail", "thumbnail", "removeWorkflow"]),
    watchWorkflow(workflowId, next, onError) {
      let stop: (() => void) | null = null;
      let stopped = false;
      store.start().then(
        (s) => {
          if (!stopped) stop = s.watchWorkflow(workflowId, next, onError);
        },
        (e: unknown) => onError?.(e),
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}

/**
 * A workflow with video nodes shows statuses and earlier videos that storage and the planner tell: its first plan
 * is read now, with plain IndexedDB (./first-plan.ts), and the first frame waits a moment for it: one drawing of the
 * canvas with its videos instead of three (nodes, then results, then players). What comes later is shown when it
 * comes, unless the run controller's own plan or an edit came first. Their take strips' code comes meanwhile (not
 * part of the first-load script), so the takes it hands over are drawn in the same frame.
 */
async function firstPlanInFirstFrame(snapshot: StartSnapshot, shell: Shell): Promise<void> {
  if (snapshot.videoNodes === 0) return;
  const { runs, editor, namespaceNow } = shell;
  const opened = editor.getState().doc;
  const namespace = namespaceNow();
  const read = import("./first-plan")
    .then(({ firstPlan }) => firstPlan(opened, snapshot.opened.id, namespace, shell.models))
    .then((plan) => {
      performance.mark("reelflow:first-plan");
      if (!plan || runs.getState().plan || editor.getState().doc !== opened || namespaceNow() !== namespace) return;
      runs.setState(plan.view);
      snapshot.firstPlan.accept(plan);
    })
    .catch(() => undefined);
  const strips = loadStripBody().catch(() => undefined);
  if (snapshot.videoNodes <= FIRST_PLAN_WAIT_MAX_NODES)
    await Promise.race([Promise.all([read, strips]), new Promise((r) => setTimeout(r, FIRST_PLAN_WAIT_MS))]);
}

/**
 * When the first paint fetches the rest, if nothing has yet: with video nodes at once (their statuses stay live from
 * there). Otherwise nothing on the first screen comes from there and it is fetched a moment later, later still on a
 * first visit (the welcome screen is up, nothing is stored); any write or action pulls it in at once.
 */
function restDelayMs(snapshot: StartSnapshot): number {
  return snapshot.videoNodes > 0 ? 0 : snapshot.settings.setupDone ? 400 : 1000;
}

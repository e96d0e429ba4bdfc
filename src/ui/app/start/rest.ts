import type { BudgetRepository } from "../../../domain/spend-ledger";
import type { CacheNamespace } from "../../../domain/settings";
import type { WorkflowRepository } from "../../../domain/workflow-list";
import {
  createBudgetRepository,
  createDexieSpendLedger,
  createSettingsRepository,
  createWorkflowRepository,
  openReelflowDb,
  type DexieSpendLedger,
  type DexieTakeStore,
  type ReelflowDb,
  type SettingsRepository,
} from "../../../adapters/db";
import { createDexieAssetStore, type DexieAssetStore } from "../../../adapters/db/asset-store";
import { createDexieTakeStore } from "../../../adapters/db/takes";
import { createJobLogStore, type JobLogStore } from "../../../adapters/db/job-logs";
import { keepJobLogs } from "../../run/log-keeper";
import { forgetOtherWorkflow } from "../../run/run-store";
import { demoDelayFromLocation } from "../../../adapters/demo/delay";
import type { WorkflowId } from "../../../domain/ids";
import type { Workflow } from "../../../domain/workflow";
import { onCatalogueChange } from "../../../nodes/catalogue/known";
import { createTabLocking } from "../../../adapters/locks/tab-locking";
import { connectReliability, type Reliability } from "../../reliability/connect";
import type { StorageAccess } from "../../reliability/storage-access";
import { createStorageAccess } from "./storage-access";
import { ask } from "../../ask/ask";
import { createRunController, type RunController, type RunEnvironment } from "../../run/run-controller";
import { runQuestion } from "../../run/run-questions";
import { createTakeRecorder, type RunTakes } from "../../takes/recorder";
import { browserThumbnailMaker } from "../../takes/strip/thumbnail";
import type { MakeThumbnail } from "../../takes/take-service";
import type { WorkflowsFeature } from "../../workflows/feature";
import { createWorkflowsFeature } from "./workflows";
import { createWorkflowService, type WorkflowService } from "../../workflows/workflow-service";
import type { RestNeeds } from "./compose";
import { createCaches, createRunEnvironment, type AppCaches } from "./environment";
import type { Shell } from "./shell";
import type { StartSnapshot } from "./snapshot";

/**
 * The rest of the app, loaded (dynamic import) right after the first paint: Dexie and everything that needs the
 * live database, and what only running and planning need (run controller, engine, cross-tab leases and start-up
 * resume, the take recorder, the log keeper). The first screen was drawn from the start snapshot; until this is
 * here, the composition root's stand-ins (./compose.ts) wait for it.
 */
export interface Rest {
  db: ReelflowDb;
  settingsRepo: SettingsRepository;
  workflows: WorkflowRepository;
  env: RunEnvironment;
  caches: AppCaches;
  assetStore: DexieAssetStore;
  spend: DexieSpendLedger;
  budgets: BudgetRepository;
  storage: StorageAccess;
  takeStores: Record<CacheNamespace, DexieTakeStore>;
  /** Each job's log, kept with its result (../run/log-keeper.ts writes them). */
  jobLogs: Record<CacheNamespace, JobLogStore>;
  makeThumbnail: MakeThumbnail;
  runner: RunController;
  workflowList: WorkflowService;
  bundles: Pick<WorkflowsFeature, "exportBundle" | "importBundle">;
  /** Plans the open document again shortly (`forget`: with fresh cache lookups, at once). */
  schedule(forget?: boolean): void;
}

/** Only the document's meaning changed (not just positions): then the plan and the bill are redone. */
function sameExceptPositions(a: Workflow, b: Workflow): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return m !== undefined && m.id === n.id && m.type === n.type && m.data === n.data;
  });
}

/**
 * The workflow opened at start gets its row now, if it has none: a shared one as one of the workflows (it exists
 * nowhere else), a first visit's new empty one as a draft, listed only once it is edited or run (autosave's save
 * lists it, also when an edit came first). Returns the open workflow's id when it is a draft (also one a reload
 * opened), for the list to follow its first edit.
 */
async function storeOpened(
  workflows: WorkflowRepository,
  db: ReelflowDb,
  snapshot: StartSnapshot,
  editor: Shell["editor"],
): Promise<WorkflowId | null> {
  const { id, unstored } = snapshot.opened;
  if (editor.getState().workflowId !== id) return null;
  if (unstored && snapshot.shared) await workflows.save(id, editor.getState().doc);
  else if (unstored) await workflows.storeDraft(id, editor.getState().doc);
  return (await db.workflows.get(id))?.draft === true ? id : null;
}

/** Made from the services it stands behind, the snapshot (its Dexie, if the start read opened one) and the shell. */
export async function makeRest(services: RestNeeds, snapshot: StartSnapshot, shell: Shell): Promise<Rest> {
  const db = snapshot.dexie ?? openReelflowDb();
  const workflows = createWorkflowRepository(db);
  const openDraft = await storeOpened(workflows, db, snapshot, shell.editor);
  rememberOpened(shell.editor, shell.settings);
  const caches = createCaches(db, shell.settings);
  const env = runEnvironmentOf(db, caches, shell);
  // Cross-tab job leases in every run's ports, start-up resume, persistence at the first paid result.
  const storage = createStorageAccess(db, caches.paid);
  const recorder = takeRecorderOf(services.takes, shell);
  const reliability = reliabilityOf(shell, { env, storage, recorder, money: services.money }, () => runner);
  const runner = runControllerOf(shell, reliability.env, services.money, recorder, snapshot);
  const schedule = replanOnChanges(shell, runner);
  void runner.refresh(shell.editor.getState().doc);
  // Jobs a reload or a closed tab left at fal are followed to their end, never sent again.
  void reliability.resumeAtStart();
  const jobLogs = keepLogs(db, shell);
  const workflowList = workflowListOf(shell, workflows, openDraft, schedule);
  const feature = createWorkflowsFeature(db, workflowList);
  return {
    db,
    workflows,
    env,
    caches,
    storage,
    jobLogs,
    runner,
    workflowList,
    schedule,
    ...dexieStoresOf(db),
    makeThumbnail: browserThumbnailMaker((r, image) => (r.simulated ? caches.demo : caches.paid).getMediaOf(r, image)),
    bundles: { exportBundle: feature.exportBundle, importBundle: feature.importBundle },
  };
}

/** Settings remember the workflow open now, for the next start. */
function rememberOpened(editor: Shell["editor"], settings: Shell["settings"]): void {
  if (editor.getState().workflowId !== settings.getState().lastWorkflowId)
    void settings.getState().update({ lastWorkflowId: editor.getState().workflowId });
}

function runEnvironmentOf(db: ReelflowDb, caches: AppCaches, shell: Shell): RunEnvironment {
  return {
    ...createRunEnvironment(
      db,
      shell.settings,
      caches,
      demoDelayFromLocation(window.location.search),
      shell.proxyHealth,
    ),
    catalogue: shell.models,
  };
}

/** Files each result of a run of the open workflow as a take, chosen in the open document. */
function takeRecorderOf(takes: RestNeeds["takes"], { editor, toasts }: Shell): RunTakes {
  return createTakeRecorder({
    takes,
    openWorkflowId: () => editor.getState().workflowId,
    choose: (id, choice) => editor.getState().recordTakeChoice(id, choice),
    getWorkflow: () => editor.getState().doc,
    onError: (m) => toasts.getState().show(m, { tone: "error", ms: 10_000 }),
  });
}

interface RunParts {
  env: RunEnvironment;
  storage: StorageAccess;
  recorder: RunTakes;
  money: RestNeeds["money"];
}

/** Job leases across tabs and the resume of jobs a reload left at fal; `runner` is made with its ports after it. */
function reliabilityOf(shell: Shell, parts: RunParts, runner: () => RunController): Reliability {
  const { editor, runs, settings, toasts } = shell;
  const { env, storage, recorder, money } = parts;
  return connectReliability({
    env,
    runs,
    toasts,
    storage,
    locking: createTabLocking(),
    mode: () => settings.getState().mode,
    refreshLookups: () => void runner().refresh(editor.getState().doc, { forgetLookups: true }),
    // A job a reload interrupted is filed as a take (and chosen) as if its run had seen it end.
    onResumedResult: (job, result, opts) => recorder.resumed(job, result, opts),
    // Its spend row too: the page that sent it never saw it end.
    onResumedJobEnd: (job, outcome, { seconds }) =>
      money.recordJobEnd(job, outcome, { seconds, ...(job.workflowId ? { workflowId: job.workflowId } : {}) }),
  });
}

function runControllerOf(
  shell: Shell,
  env: RunEnvironment,
  money: RestNeeds["money"],
  recorder: RunTakes,
  snapshot: StartSnapshot,
): RunController {
  const { editor, runs, toasts } = shell;
  return createRunController(
    runs,
    env,
    () => editor.getState().doc,
    {
      say: (message, tone) =>
        toasts.getState().show(message, { tone: tone ?? "info", ms: tone === "error" ? 10_000 : 4000 }),
      // The app's own dialog (its code loads with the first question), not the browser's confirm.
      confirm: (message, kind) => ask(runQuestion(message, kind)),
    },
    money,
    recorder,
    snapshot.firstPlan.lookups(shell.namespaceNow()),
  );
}

/**
 * Plans (keys, bill, earlier results) after meaningful changes, a little after the last one: an edit of more than
 * positions, a change of mode (with fresh lookups), a model resolved, found unavailable or newly priced (the picker,
 * a live search). Returns the scheduler (`forget`: with fresh cache lookups, at once).
 */
function replanOnChanges({ editor, settings }: Shell, runner: RunController): Rest["schedule"] {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (forget = false) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void runner.refresh(editor.getState().doc, { forgetLookups: forget }), forget ? 0 : 150);
  };
  editor.subscribe((st, prev) => {
    if (st.doc !== prev.doc && !sameExceptPositions(st.doc, prev.doc)) schedule();
  });
  settings.subscribe((st, prev) => {
    if (st.mode !== prev.mode) schedule(true);
  });
  onCatalogueChange(() => schedule());
  return schedule;
}

/** Each job's log kept with its result, in the namespace of the mode it ran in. */
function keepLogs(db: ReelflowDb, { runs, namespaceNow }: Shell): Rest["jobLogs"] {
  const jobLogs = { paid: createJobLogStore(db, "paid"), demo: createJobLogStore(db, "demo") };
  keepJobLogs({
    runs,
    keep: (namespace, log) => jobLogs[namespace].keep(log),
    namespaceNow,
    // A log not kept is not worth a toast: the run itself went on.
    onError: (e: unknown) => console.warn("Reelflow could not keep a job's log:", e),
  });
  return jobLogs;
}

function workflowListOf(
  shell: Shell,
  repo: WorkflowRepository,
  openDraft: WorkflowId | null,
  schedule: Rest["schedule"],
): WorkflowService {
  const { editor, runs, settings, views } = shell;
  return createWorkflowService({
    repo,
    editor,
    state: shell.listState,
    flush: shell.flush,
    openDraft,
    beforeLoad: (doc) => views.canvas.emit("prepare-view", doc.nodes),
    onLoaded(id) {
      forgetOtherWorkflow(runs);
      void settings.getState().update({ lastWorkflowId: id });
      schedule(false);
      views.canvas.emit("fit-view");
    },
  });
}

/** The Dexie stores the rest hands out as they are. */
function dexieStoresOf(db: ReelflowDb) {
  return {
    settingsRepo: createSettingsRepository(db),
    assetStore: createDexieAssetStore(db),
    spend: createDexieSpendLedger(db),
    budgets: createBudgetRepository(db),
    takeStores: {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    },
  } satisfies Partial<Rest>;
}

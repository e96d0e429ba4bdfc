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
import type { Workflow } from "../../../domain/workflow";
import { onCatalogueChange } from "../../../nodes/catalogue/known";
import { createTabLocking } from "../../../adapters/locks/tab-locking";
import { connectReliability } from "../../reliability/connect";
import type { StorageAccess } from "../../reliability/storage-access";
import { createStorageAccess } from "./storage-access";
import { ask } from "../../ask/ask";
import { createRunController, type RunController, type RunEnvironment } from "../../run/run-controller";
import { runQuestion } from "../../run/run-questions";
import { createTakeRecorder } from "../../takes/recorder";
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

/** Made from the services it stands behind, the snapshot (its Dexie, if the start read opened one) and the shell. */
export async function makeRest(services: RestNeeds, snapshot: StartSnapshot, shell: Shell): Promise<Rest> {
  const { editor, runs, settings, toasts } = shell;
  const { money, takes } = services;
  const db = snapshot.dexie ?? openReelflowDb();
  const workflows = createWorkflowRepository(db);
  // A new or shared workflow gets its row now (autosave adds it too if an edit came first: save is an upsert).
  const { id, unstored } = snapshot.opened;
  if (unstored && editor.getState().workflowId === id) await workflows.save(id, editor.getState().doc);

  if (editor.getState().workflowId !== settings.getState().lastWorkflowId)
    void settings.getState().update({ lastWorkflowId: editor.getState().workflowId });

  const caches = createCaches(db, settings);
  const env = {
    ...createRunEnvironment(db, settings, caches, demoDelayFromLocation(window.location.search), shell.proxyHealth),
    catalogue: shell.models,
  };
  // Cross-tab job leases in every run's ports, start-up resume, persistence at the first paid result.
  const storage = createStorageAccess(db, caches.paid);
  const recorder = createTakeRecorder({
    takes,
    openWorkflowId: () => editor.getState().workflowId,
    choose: (id, choice) => editor.getState().recordTakeChoice(id, choice),
    getWorkflow: () => editor.getState().doc,
    onError: (m) => toasts.getState().show(m, { tone: "error", ms: 10_000 }),
  });
  const reliability = connectReliability({
    env,
    runs,
    toasts,
    storage,
    locking: createTabLocking(),
    mode: () => settings.getState().mode,
    refreshLookups: () => void runner.refresh(editor.getState().doc, { forgetLookups: true }),
    // A job a reload interrupted is filed as a take (and chosen) as if its run had seen it end.
    onResumedResult: (job, result, opts) => recorder.resumed(job, result, opts),
    // Its spend row too: the page that sent it never saw it end.
    onResumedJobEnd: (job, outcome, { seconds }) =>
      money.recordJobEnd(job, outcome, { seconds, ...(job.workflowId ? { workflowId: job.workflowId } : {}) }),
  });
  const runner = createRunController(
    runs,
    reliability.env,
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

  // Plan (keys, bill, earlier results) after meaningful changes, a little after the last one.
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
  // A model resolved, found unavailable or newly priced (the picker, a live search) changes what the plan says.
  onCatalogueChange(() => schedule());
  void runner.refresh(editor.getState().doc);
  // Jobs a reload or a closed tab left at fal are followed to their end, never sent again.
  void reliability.resumeAtStart();

  const jobLogs = { paid: createJobLogStore(db, "paid"), demo: createJobLogStore(db, "demo") };
  keepJobLogs({
    runs,
    keep: (namespace, log) => jobLogs[namespace].keep(log),
    namespaceNow: shell.namespaceNow,
    // A log not kept is not worth a toast: the run itself went on.
    onError: (e: unknown) => console.warn("Reelflow could not keep a job's log:", e),
  });

  const workflowList = createWorkflowService({
    repo: workflows,
    editor,
    state: shell.listState,
    flush: shell.flush,
    beforeLoad: (doc) => shell.views.canvas.emit("prepare-view", doc.nodes),
    onLoaded(id) {
      forgetOtherWorkflow(runs);
      void settings.getState().update({ lastWorkflowId: id });
      schedule(false);
      shell.views.canvas.emit("fit-view");
    },
  });
  const feature = createWorkflowsFeature(db, workflowList);
  return {
    db,
    settingsRepo: createSettingsRepository(db),
    workflows,
    env,
    caches,
    assetStore: createDexieAssetStore(db),
    spend: createDexieSpendLedger(db),
    budgets: createBudgetRepository(db),
    storage,
    takeStores: {
      paid: createDexieTakeStore(db, { namespace: "paid" }),
      demo: createDexieTakeStore(db, { namespace: "demo" }),
    },
    jobLogs,
    makeThumbnail: browserThumbnailMaker((r, image) => (r.simulated ? caches.demo : caches.paid).getMediaOf(r, image)),
    runner,
    workflowList,
    bundles: { exportBundle: feature.exportBundle, importBundle: feature.importBundle },
    schedule,
  };
}

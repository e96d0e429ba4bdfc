import type { CacheNamespace, DexieSpendLedger, DexieTakeStore } from "../../adapters/db";
import type { BudgetRepository } from "../../adapters/db/budgets";
import {
  readStartRowsFromDexie,
  readStartRowsOr,
  saveWorkflowEarly,
  type StartRows,
} from "../../adapters/db/start-reader";
import { newWorkflowId, storedWorkflowOf } from "../../adapters/db/workflow-row";
import type { WorkflowId } from "../../domain/ids";
import { isGenerationKind, type Workflow } from "../../domain/workflow";
import { connectAutosave } from "../../editor/autosave";
import { emptyWorkflow } from "../../editor/document";
import { createEditorStore } from "../../editor/store";
import type { RunController, RunEnvironment } from "../run/run-controller";
import { createRunStore } from "../run/run-store";
import type { Services } from "../services";
import type { StorageAccess } from "../reliability/storage-access";
import { createSettingsStore } from "../settings/settings-store";
import { createToastStore } from "../toast/toast-store";
import type { SharedOnStart } from "../share/share-actions";
import { createTakeService } from "../takes/take-service";
import { loadStripBody } from "../takes/strip/strip-body-on-demand";
import type { WorkflowListState, WorkflowService } from "../workflows/workflow-service";
import { createStore } from "zustand/vanilla";
import type { AfterPaint } from "./after-paint";
import { deferredMethods, later } from "./deferred";
import { moneyOnDemand } from "./money-on-demand";
import { createStartHandoff } from "./start-handoff";
import { catalogueOnDemand } from "../models/catalogue-access";

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

/** The workflow the first screen opens, from the start rows; `unstored` when it has no row yet. */
export function openInitial(rows: StartRows): { id: WorkflowId; doc: Workflow; unstored: boolean; problem?: string } {
  const fresh = (problem?: string) => ({
    id: newWorkflowId(),
    doc: emptyWorkflow(),
    unstored: true,
    ...(problem ? { problem } : {}),
  });
  if (rows.last && rows.last.deletedAt === null) {
    const stored = storedWorkflowOf(rows.last);
    if (stored.ok) return { id: stored.id, doc: stored.workflow, unstored: false };
    return fresh(
      `Your last workflow "${stored.name}" could not be read (${stored.errors.join("; ")}); it is kept unchanged.`,
    );
  }
  if (rows.recent) {
    const stored = storedWorkflowOf(rows.recent);
    if (stored.ok) return { id: stored.id, doc: stored.workflow, unstored: false };
  }
  return fresh();
}

/** Dexie reads the start rows when the plain read failed; that database is then kept for the rest. */
async function readThroughDexie(keep: (db: import("../../adapters/db").ReelflowDb) => void): Promise<StartRows> {
  const { openReelflowDb } = await import("../../adapters/db/database");
  const db = openReelflowDb();
  // Opening here (not lazily at the first read) makes "IndexedDB unavailable" fail the start, with its message.
  await db.open();
  keep(db);
  return readStartRowsFromDexie(db);
}

/**
 * Wires the first screen from the start rows (settings, the last workflow), and hands the rest
 * (Dexie, the run controller and the engine) to ./after-paint.ts, loaded right after the first
 * paint (`services.loadRest`, called by main.tsx). Until it is there, the services below stand in:
 * writes (autosave, settings) and actions (Run) wait for it; nothing is dropped.
 */
export async function bootstrap(): Promise<Services & { loadRest(): Promise<unknown>; restDelayMs: number }> {
  let dexieDb: import("../../adapters/db").ReelflowDb | undefined;
  const rows = await readStartRowsOr(() => readThroughDexie((db) => (dexieDb = db)));
  // Marks for the benchmarks' timelines (bench 6 prints them): cheap, and read by nobody else.
  performance.mark("reelflow:start-rows");
  const toasts = createToastStore();
  const rest = later<AfterPaint>(async () => {
    // The take strips' code too, so a run's first take is drawn as it is filed (it is not needed before).
    void loadStripBody().catch(() => undefined);
    const { wireAfterPaint } = await import("./after-paint");
    return wireAfterPaint(parts, dexieDb);
  });
  const lateFailed = (e: unknown) => {
    toasts
      .getState()
      .show(
        `Reelflow could not load its storage and run code: ${e instanceof Error ? e.message : String(e)}. Reload the page.`,
        { tone: "error", ms: 30_000 },
      );
  };
  const loadRest = () => rest.start().catch((e: unknown) => lateFailed(e));

  const settings = createSettingsStore(
    rows.settings,
    async (patch) => (await rest.start()).settingsRepo.update(patch),
    (m) => toasts.getState().show(m, { tone: "error" }),
  );
  // Reads made while the first screen renders wait for the rest without pulling it in before the
  // first paint (main.tsx starts it after); writes and the user's actions start it at once.
  const ready = () => rest.ready();

  // A share link (#w=…) opens as a new workflow; the address is cleaned so a reload does not add it twice.
  // Its decoder (lz-string) loads only when the address has a fragment at all.
  const shared: SharedOnStart = window.location.hash
    ? (await import("../share/share-actions")).takeSharedWorkflow(window.location, (url) =>
        window.history.replaceState(window.history.state, "", url),
      )
    : { kind: "none" };
  const first =
    shared.kind === "workflow"
      ? { id: newWorkflowId(), doc: shared.workflow, unstored: true, problem: undefined }
      : openInitial(rows);
  if (first.problem) toasts.getState().show(first.problem, { tone: "error", ms: 15_000 });
  if (shared.kind === "damaged") toasts.getState().show(shared.message, { tone: "error", ms: 15_000 });
  if (shared.kind === "workflow")
    toasts
      .getState()
      .show(
        `Opened the shared workflow "${shared.workflow.name}" as a new workflow. Nothing runs until you press Run.`,
        { ms: 8000 },
      );

  const editor = createEditorStore({ doc: first.doc, workflowId: first.id });
  // Until Dexie is here, autosave writes the row itself (plain IndexedDB), so an edit made in the first
  // instant is kept even if the page is closed before Dexie arrives; with no database yet it waits.
  const save = async (id: WorkflowId, doc: Workflow) => {
    if (!rest.now() && (await saveWorkflowEarly(id, doc))) return;
    await (await rest.start()).workflows.save(id, doc);
  };
  const autosave = connectAutosave(editor, save, {
    onError: (e) =>
      toasts.getState().show(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`, { tone: "error" }),
  });
  window.addEventListener("pagehide", () => void autosave.flush());
  // A workflow opened from a share link exists nowhere else (its address was cleaned above): it is
  // stored now and made the one the next start opens, without waiting for Dexie; with no database yet,
  // Dexie (which creates it) is fetched at once instead of after the first paint.
  if (shared.kind === "workflow") {
    void saveWorkflowEarly(first.id, first.doc, undefined, undefined, { makeLast: true })
      .catch(() => false)
      .then((saved) => {
        if (!saved) void loadRest();
      });
  }

  const runs = createRunStore();
  // fal's model catalogue: its code loads only when a workflow names a model this process does not know.
  const models = catalogueOnDemand(settings);
  // What the first plan (below) reads, handed over to what shows it; dropped when another workflow opens.
  // The cache namespace of the app's mode now (demo results never mix with paid ones).
  const namespaceNow = (): CacheNamespace => (settings.getState().mode === "demo" ? "demo" : "paid");
  const namespaceAtStart = namespaceNow();
  const handoff = createStartHandoff(first.id, namespaceAtStart, namespaceNow);
  editor.subscribe((st) => {
    if (st.workflowId !== first.id) handoff.forget();
  });
  const env: RunEnvironment = {
    simulated: () => settings.getState().mode === "demo",
    concurrency: settings.getState().concurrency,
    ports: async () => (await rest.start()).env.ports(),
    cache: async () => (await ready()).env.cache(),
    catalogue: models,
  };
  const spend: DexieSpendLedger = deferredMethods(
    async () => (await rest.start()).spend,
    ["append", "list", "spent", "totalsPerDay", "totalsPerWorkflow", "exportCsv"],
  );
  const budgets: BudgetRepository = deferredMethods(async () => (await rest.start()).budgets, ["get", "set"]);
  const money = moneyOnDemand(
    {
      env,
      spend,
      budgets,
      settings,
      getWorkflow: () => editor.getState().doc,
      workflowId: () => editor.getState().workflowId,
      onError: (m) => toasts.getState().show(m, { tone: "error", ms: 10_000 }),
    },
    () => import("../money/money-service"),
  );
  // Every result of a run becomes a take of its node; a paid one becomes the node's chosen take.
  const takes = createTakeService({
    stores: { paid: takeStoreLater(ready, "paid"), demo: takeStoreLater(ready, "demo") },
    namespace: namespaceNow,
    resultOf: async (namespace, key) => (await ready()).caches[namespace].get(key),
    makeThumbnail: async (r) => (await ready()).makeThumbnail(r),
    preloaded: handoff.takesAtHand,
  });
  const runner: RunController = {
    ...deferredMethods(
      async () => (await rest.start()).runner,
      ["runAll", "runUpTo", "runNode", "newTake", "billOfNewTake", "submitAgain", "runPlan"],
    ),
    // Before the run code is here nothing runs, so there is nothing to stop.
    stop: () => rest.now()?.runner.stop(),
    // The first plan is made when the rest arrives (after-paint.ts); a later one waits for it.
    refresh: async (doc, opts) => (await ready()).runner.refresh(doc, opts),
  };
  const storage: StorageAccess = deferredMethods(
    async () => (await rest.start()).storage,
    ["list", "jobs", "remove", "estimate", "persisted", "requestPersist"],
  );

  // The workflow list's state is here at once (the Workflows panel may open first); the service
  // itself (./after-paint.ts) comes with the repositories.
  const listState = createStore<WorkflowListState>()(() => ({ items: [], trash: [], lastDeleted: null }));
  const list: WorkflowService = {
    state: listState,
    ...deferredMethods(
      async () => (await rest.start()).workflowList,
      [
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
      ],
    ),
  };
  // A run of an example opened as a draft keeps it among the workflows (its takes belong to it).
  runs.subscribe((st, prev) => {
    if (st.busy && !prev.busy) void list.keepOpen().catch(() => undefined);
  });
  const parts = {
    editor,
    runs,
    settings,
    toasts,
    money,
    takes,
    models,
    unstored: first.unstored ? first.id : null,
    listState,
    flush: () => autosave.flush(),
    firstLookups: handoff.lookups,
  };

  // A workflow with generation nodes shows statuses and earlier videos that storage and the planner
  // tell: its first plan is made now, with plain IndexedDB (./first-plan.ts), and the first frame waits
  // a moment for it: one drawing of the canvas with its videos instead of three (nodes, then results,
  // then players). What comes later is shown when it comes, unless the run controller's own plan or an
  // edit came first. Storage and the run code follow the first paint, as for any workflow.
  const generations = first.doc.nodes.filter((n) => isGenerationKind(n.type)).length;
  const showsGenerations = generations > 0;
  const opened = editor.getState().doc;
  const firstLook = showsGenerations
    ? import("./first-plan")
        .then(({ firstPlan }) => firstPlan(opened, first.id, namespaceAtStart, models))
        .then((fp) => {
          performance.mark("reelflow:first-plan");
          if (!fp || runs.getState().plan || editor.getState().doc !== opened || namespaceNow() !== namespaceAtStart)
            return;
          runs.setState(fp.view);
          handoff.accept(fp);
        })
        .catch(() => undefined)
    : null;
  // Their take strips' code comes meanwhile (not part of the first-load script), so the takes the first plan
  // hands over are drawn in the same frame.
  const strips = showsGenerations ? loadStripBody().catch(() => undefined) : null;
  if (firstLook && generations <= FIRST_PLAN_WAIT_MAX_NODES)
    await Promise.race([Promise.all([firstLook, strips]), new Promise((r) => setTimeout(r, FIRST_PLAN_WAIT_MS))]);

  return {
    editor,
    runs,
    runner,
    settings,
    toasts,
    assets: {
      put: async (b) => (await rest.start()).assetStore.add(b),
      get: async (h) => (await ready()).assetStore.get(h),
    },
    media: {
      blobAtHand: handoff.blobAtHand,
      blobOf: async (r) => (await rest.start()).caches[r.simulated ? "demo" : "paid"].getMediaOf(r),
    },
    money,
    storage,
    takes,
    models,
    logs: { get: async (key) => (await ready()).jobLogs[namespaceNow()].get(key) },
    documents: {
      async open(workflow) {
        await list.openAsNew(workflow);
      },
      async openExample(workflow) {
        await list.openExample(workflow);
      },
    },
    workflows: {
      list,
      exportBundle: async (w) => (await rest.start()).bundles.exportBundle(w),
      importBundle: async (f) => (await rest.start()).bundles.importBundle(f),
    },
    loadRest,
    // When main.tsx fetches the rest after the first paint, if nothing has yet: with generation nodes at
    // once (their statuses stay live from there). Otherwise nothing on the first screen comes from there
    // and it is fetched a moment later, later still on a first visit (the welcome screen is up, nothing
    // is stored); any write or action pulls it in at once.
    restDelayMs: showsGenerations ? 0 : rows.settings.setupDone ? 400 : 1000,
  };
}

/** A take store that answers once the rest is here; a live watch started before that begins then. */
function takeStoreLater(ready: () => Promise<AfterPaint>, namespace: "paid" | "demo"): DexieTakeStore {
  const store = async () => (await ready()).takeStores[namespace];
  return {
    namespace,
    ...deferredMethods(store, ["record", "list", "listWorkflow", "get", "setThumbnail", "thumbnail", "removeWorkflow"]),
    watchWorkflow(workflowId, next, onError) {
      let stop: (() => void) | null = null;
      let stopped = false;
      store().then(
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

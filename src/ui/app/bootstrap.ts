import {
  createBudgetRepository,
  createDexieSpendLedger,
  createSettingsRepository,
  createWorkflowRepository,
  openReelflowDb,
  type WorkflowRepository,
} from "../../adapters/db";
import { createDexieAssetStore } from "../../adapters/db/asset-store";
import { createDexieTakeStore } from "../../adapters/db/takes";
import { demoDelayFromLocation } from "../../adapters/demo/delay";
import type { WorkflowId } from "../../domain/ids";
import type { Workflow } from "../../domain/workflow";
import { connectAutosave } from "../../editor/autosave";
import { emptyWorkflow } from "../../editor/document";
import { createEditorStore } from "../../editor/store";
import { canvasBus } from "../canvas/canvas-bus";
import { connectReliability } from "../reliability/connect";
import { createStorageAccess } from "../reliability/storage-access";
import { createRunController } from "../run/run-controller";
import { createRunStore } from "../run/run-store";
import type { Services } from "../services";
import { createSettingsStore } from "../settings/settings-store";
import { createToastStore } from "../toast/toast-store";
import type { SharedOnStart } from "../share/share-actions";
import { createWorkflowsFeature } from "../workflows/feature";
import { createTakeRecorder } from "../takes/recorder";
import { browserThumbnailMaker } from "../takes/strip/thumbnail";
import { createTakeService } from "../takes/take-service";
import { createWorkflowService } from "../workflows/workflow-service";
import { createCaches, createRunEnvironment } from "./environment";
import { moneyOnDemand } from "./money-on-demand";

/** Only the document's meaning changed (not just positions): then the plan and the bill are redone. */
function sameExceptPositions(a: Workflow, b: Workflow): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return m !== undefined && m.id === n.id && m.type === n.type && m.data === n.data;
  });
}

/** Opens the last workflow (or a new one), reporting a stored one that cannot be read. */
async function openInitial(workflows: WorkflowRepository, lastId: WorkflowId | null): Promise<{ id: WorkflowId; doc: Workflow; problem?: string }> {
  if (lastId) {
    const stored = await workflows.get(lastId).catch(() => undefined);
    if (stored && !stored.deletedAt) {
      if (stored.ok) return { id: stored.id, doc: stored.workflow };
      const fresh = await workflows.create();
      return { id: fresh.id, doc: emptyWorkflow(fresh.name), problem: `Your last workflow "${stored.name}" could not be read (${stored.errors.join("; ")}); it is kept unchanged.` };
    }
  }
  const recent = (await workflows.list()).at(0);
  if (recent) {
    const stored = await workflows.get(recent.id);
    if (stored?.ok) return { id: stored.id, doc: stored.workflow };
  }
  const created = await workflows.create();
  const s = await workflows.get(created.id);
  return { id: created.id, doc: s?.ok ? s.workflow : emptyWorkflow(created.name) };
}

/** Wires the real parts: IndexedDB (Dexie), the editor store, the run controller, settings. */
export async function bootstrap(): Promise<Services> {
  const db = openReelflowDb();
  const toasts = createToastStore();
  const settingsRepo = createSettingsRepository(db);
  const initialSettings = await settingsRepo.get();
  const settings = createSettingsStore(initialSettings, (patch) => settingsRepo.update(patch), (m) => toasts.getState().show(m, { tone: "error" }));
  const workflows = createWorkflowRepository(db);
  // A share link (#w=…) opens as a new workflow; the address is cleaned so a reload does not add it twice.
  // Its decoder (lz-string) loads only when the address has a fragment at all.
  const shared: SharedOnStart = window.location.hash
    ? (await import("../share/share-actions")).takeSharedWorkflow(window.location, (url) => window.history.replaceState(window.history.state, "", url))
    : { kind: "none" };
  const first =
    shared.kind === "workflow"
      ? { id: (await workflows.create({ name: shared.workflow.name, workflow: shared.workflow })).id, doc: shared.workflow, problem: undefined }
      : await openInitial(workflows, initialSettings.lastWorkflowId);
  if (first.problem) toasts.getState().show(first.problem, { tone: "error", ms: 15_000 });
  if (shared.kind === "damaged") toasts.getState().show(shared.message, { tone: "error", ms: 15_000 });
  if (shared.kind === "workflow") toasts.getState().show(`Opened the shared workflow "${shared.workflow.name}" as a new workflow. Nothing runs until you press Run.`, { ms: 8000 });

  const editor = createEditorStore({ doc: first.doc, workflowId: first.id });
  if (first.id !== initialSettings.lastWorkflowId) void settings.getState().update({ lastWorkflowId: first.id });
  const autosave = connectAutosave(editor, (id, doc) => workflows.save(id, doc), {
    onError: (e) => toasts.getState().show(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`, { tone: "error" }),
  });
  window.addEventListener("pagehide", () => void autosave.flush());

  const caches = createCaches(db, settings);
  const assetStore = createDexieAssetStore(db);
  const runs = createRunStore();
  const env = createRunEnvironment(db, settings, caches, demoDelayFromLocation(window.location.search));
  const money = moneyOnDemand(
    {
      env,
      spend: createDexieSpendLedger(db),
      budgets: createBudgetRepository(db),
      settings,
      getWorkflow: () => editor.getState().doc,
      workflowId: () => editor.getState().workflowId,
      onError: (m) => toasts.getState().show(m, { tone: "error", ms: 10_000 }),
    },
    () => import("../money/money-service"),
  );
  // Cross-tab job leases in every run's ports, start-up resume, persistence at the first paid result.
  const storage = createStorageAccess(db, caches.paid);
  // Every result of a run becomes a take of its node; a paid one becomes the node's chosen take.
  const takes = createTakeService({
    stores: { paid: createDexieTakeStore(db, { namespace: "paid" }), demo: createDexieTakeStore(db, { namespace: "demo" }) },
    namespace: () => (settings.getState().mode === "demo" ? "demo" : "paid"),
    resultOf: (namespace, key) => caches[namespace].get(key),
    makeThumbnail: browserThumbnailMaker((r) => (r.simulated ? caches.demo : caches.paid).getMedia(r.key)),
  });
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
    mode: () => settings.getState().mode,
    refreshLookups: () => void runner.refresh(editor.getState().doc, { forgetLookups: true }),
    // A job a reload interrupted is filed as a take (and chosen) as if its run had seen it end.
    onResumedResult: (job, result, opts) => recorder.resumed(job, result, opts),
    // Its spend row too: the page that sent it never saw it end.
    onResumedJobEnd: (job, outcome, { seconds }) => money.recordJobEnd(job, outcome, { seconds, ...(job.workflowId ? { workflowId: job.workflowId } : {}) }),
  });
  const runner = createRunController(
    runs,
    reliability.env,
    () => editor.getState().doc,
    {
      say: (message, tone) => toasts.getState().show(message, { tone: tone ?? "info", ms: tone === "error" ? 10_000 : 4000 }),
      confirm: (message) => window.confirm(message),
    },
    money,
    recorder,
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
  void runner.refresh(editor.getState().doc);
  // Jobs a reload or a closed tab left at fal are followed to their end, never sent again.
  void reliability.resumeAtStart();

  const workflowList = createWorkflowService({
    repo: workflows,
    editor,
    flush: () => autosave.flush(),
    beforeLoad: (doc) => canvasBus.emit("prepare-view", doc.nodes),
    onLoaded(id) {
      runs.setState({ keysAtRun: {}, run: { ...runs.getState().run, nodes: {} } });
      void settings.getState().update({ lastWorkflowId: id });
      schedule(false);
      canvasBus.emit("fit-view");
    },
  });

  return {
    editor,
    runs,
    runner,
    settings,
    toasts,
    assets: { put: (b) => assetStore.add(b), get: (h) => assetStore.get(h) },
    media: { blobOf: (r) => (r.simulated ? caches.demo : caches.paid).getMediaOf(r) },
    money,
    storage,
    takes,
    documents: {
      async open(workflow) {
        await workflowList.openAsNew(workflow);
      },
    },
    workflows: createWorkflowsFeature(db, workflowList),
  };
}

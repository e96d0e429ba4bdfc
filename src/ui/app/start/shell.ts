import { createStore, type StoreApi } from "zustand/vanilla";
import type { CacheNamespace } from "../../../domain/settings";
import { saveWorkflowEarly } from "../../../adapters/db/start-reader";
import type { WorkflowId } from "../../../domain/ids";
import { messageOf } from "../../../domain/message-of";
import type { Workflow } from "../../../domain/workflow";
import { connectAutosave } from "../../../editor/autosave";
import { createEditorStore } from "../../../editor/store";
import type { EditorStore } from "../../../editor/types";
import { catalogueOnDemand, type CatalogueAccess } from "../../models/catalogue-access";
import { createRunStore, type RunStore } from "../../run/run-store";
import { createSettingsStore, type SettingsStore } from "../../settings/settings-store";
import { createToastStore, type ToastStore } from "../../toast/toast-store";
import type { WorkflowListState } from "../../workflows/workflow-service";
import { createViewStores, type ViewStores } from "../../view-stores";
import type { ProxyHealthService } from "../../settings/proxy-health-store";
import type { Lazy } from "./lazy";
import { createAppProxyHealth } from "./proxy-health";
import type { Rest } from "./rest";
import type { StartSnapshot } from "./snapshot";

/**
 * The shell: the stores the first screen is drawn from, made at once from the start snapshot. Whatever they keep
 * (settings, the document) goes to the rest (./rest.ts, loaded after the first paint), which a write starts at once,
 * so nothing is dropped; until it is here, the document is saved with plain IndexedDB.
 */
export interface Shell {
  toasts: ToastStore;
  settings: SettingsStore;
  editor: EditorStore;
  runs: RunStore;
  /** fal's model catalogue: its code loads only when a workflow names a model this process does not know. */
  models: CatalogueAccess;
  /** The workflow list's state, here at once (the Workflows panel may open first); its service comes with the rest. */
  listState: StoreApi<WorkflowListState>;
  /** Writes the open document's pending edits (autosave). */
  flush(): Promise<void>;
  /** The cache namespace of the app's mode now (demo results never mix with paid ones). */
  namespaceNow(): CacheNamespace;
  /** Starts loading the rest; a failure is said in a toast (the first screen keeps working). */
  loadRest(): Promise<void>;
  /** Which dialog is open, the canvas's requests (../../view-stores.ts). */
  views: ViewStores;
  /** The latest proxy check, shared by Settings and fal runs. */
  proxyHealth: ProxyHealthService;
}

export function makeShell(snapshot: StartSnapshot, rest: Lazy<Rest>): Shell {
  const toasts = createToastStore();
  const say = toasts.getState().show;
  for (const { message, tone, ms } of snapshot.notices) say(message, { tone, ms });
  const loadRest = () =>
    rest.start().then(
      () => undefined,
      (e: unknown) =>
        say(`Reelflow could not load its storage and run code: ${messageOf(e)}. Reload the page.`, {
          tone: "error",
          ms: 30_000,
        }),
    );
  const settings = createSettingsStore(
    snapshot.settings,
    async (patch) => (await rest.start()).settingsRepo.update(patch),
    (m) => say(m, { tone: "error" }),
  );
  const editor = createEditorStore({ doc: snapshot.opened.doc, workflowId: snapshot.opened.id });
  // The first plan's reads belong to the workflow opened at start.
  editor.subscribe((st) => {
    if (st.workflowId !== snapshot.opened.id) snapshot.firstPlan.forget();
  });
  const flush = autosaveEarly(editor, rest, (e) => say(`Autosave failed: ${messageOf(e)}`, { tone: "error" }));
  if (snapshot.shared) storeSharedAtOnce(snapshot, loadRest);
  const views = createViewStores();
  return {
    toasts,
    settings,
    editor,
    runs: createRunStore(),
    models: catalogueOnDemand(settings, async () =>
      (await import("./catalogue")).createCatalogueWiring(views.modelWarnings),
    ),
    listState: createStore<WorkflowListState>()(() => ({ items: [], trash: [], lastDeleted: null })),
    flush,
    namespaceNow: () => (settings.getState().mode === "demo" ? "demo" : "paid"),
    loadRest,
    views,
    proxyHealth: createAppProxyHealth(),
  };
}

/**
 * Until Dexie is here, autosave writes the row itself (plain IndexedDB), so an edit made in the first instant is
 * kept even if the page is closed before Dexie arrives; with no database yet it waits for the rest.
 */
function autosaveEarly(editor: EditorStore, rest: Lazy<Rest>, onError: (e: unknown) => void): () => Promise<void> {
  const save = async (id: WorkflowId, doc: Workflow) => {
    if (!rest.now() && (await saveWorkflowEarly(id, doc))) return;
    await (await rest.start()).workflows.save(id, doc);
  };
  const autosave = connectAutosave(editor, save, { onError });
  window.addEventListener("pagehide", () => void autosave.flush());
  return () => autosave.flush();
}

/**
 * A workflow opened from a share link exists nowhere else (its address was cleaned): it is stored now and made the
 * one the next start opens, without waiting for Dexie; with no database yet, the rest (which creates it) is fetched
 * at once instead of after the first paint.
 */
function storeSharedAtOnce(snapshot: StartSnapshot, loadRest: () => Promise<void>): void {
  void saveWorkflowEarly(snapshot.opened.id, snapshot.opened.doc, undefined, undefined, { makeLast: true })
    .catch(() => false)
    .then((saved) => {
      if (!saved) void loadRest();
    });
}

import { ReactFlowProvider } from "@xyflow/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { useStore } from "zustand";
import type { NodeKind } from "../../domain/workflow";
import { Canvas } from "../canvas/Canvas";
import { ServicesProvider, useServices, type Services } from "../services";
import { Toasts } from "../toast/Toasts";
import { TakesOverlays } from "../takes/compare/TakesOverlays";
import { ModelPickerOverlay } from "../models/ModelPickerOverlay";
import { Toolbar, type Panel } from "./Toolbar";
import { Welcome } from "./Welcome";

// Rarely used parts load on demand, keeping the first load small.
const SettingsPanel = lazy(() => import("../panels/SettingsPanel"));
const LogsPanel = lazy(() => import("../panels/LogsPanel"));
const ExamplesPanel = lazy(() => import("../panels/ExamplesPanel"));
const BillPanel = lazy(() => import("../money/BillPanel"));
const SpendPanel = lazy(() => import("../money/SpendPanel"));
const WorkflowsPanel = lazy(() => import("../workflows/WorkflowsPanel"));
const StoragePanel = lazy(() => import("../reliability/StoragePanel"));

export function App({ services }: { services: Services }) {
  return (
    <ServicesProvider services={services}>
      <ReactFlowProvider>
        <Shell />
      </ReactFlowProvider>
    </ServicesProvider>
  );
}

function Shell() {
  const s = useServices();
  const [panel, setPanel] = useState<Panel>(null);
  const setupDone = useStore(s.settings, (st) => st.setupDone);
  const mode = useStore(s.settings, (st) => st.mode);
  const logsFor = useStore(s.runs, (st) => st.logsFor);

  useEffect(() => {
    if (logsFor) setPanel("logs");
  }, [logsFor]);

  useEffect(
    () =>
      s.views.canvas.on("file-dropped", ({ file, at }) => {
        void (async () => {
          if (/\.json$/i.test(file.name) || file.type === "application/json") {
            const { readWorkflowFile } = await import("../files/workflow-files");
            const res = await readWorkflowFile(file);
            if (!res.ok) return s.toasts.getState().show(res.message, { tone: "error", ms: 12_000 });
            await s.documents.open(res.workflow);
            return;
          }
          const kind: NodeKind | null = file.type.startsWith("image/")
            ? "image"
            : file.type.startsWith("video/")
              ? "video"
              : null;
          if (!kind)
            return s.toasts.getState().show(`${file.name}: not a workflow, image or video file.`, { tone: "error" });
          const hash = await s.assets.put(file);
          s.editor.getState().addNode(kind, at, { asset: hash });
        })();
      }),
    [s],
  );

  return (
    <div className="app">
      <Toolbar panel={panel} setPanel={setPanel} />
      <div>
        {mode === "demo" && (
          <div className="banner" role="note">
            Demo mode: runs are <strong>simulated</strong> in this browser ($0, nothing sent). Switch to fal in Settings
            for real videos.
          </div>
        )}
        <AuthBanner onOpenSettings={() => setPanel("settings")} />
      </div>
      <div className="main">
        <Canvas />
        <Suspense
          fallback={
            <aside className="side" aria-label="Loading panel" aria-busy="true">
              Loading…
            </aside>
          }
        >
          {panel === "settings" && <SettingsPanel onClose={() => setPanel(null)} />}
          {panel === "logs" && (
            <LogsPanel
              onClose={() => {
                s.runs.setState({ logsFor: null });
                setPanel(null);
              }}
            />
          )}
          {panel === "examples" && <ExamplesPanel onClose={() => setPanel(null)} />}
          {panel === "bill" && <BillPanel onClose={() => setPanel(null)} />}
          {panel === "spend" && <SpendPanel onClose={() => setPanel(null)} />}
          {panel === "workflows" && <WorkflowsPanel onClose={() => setPanel(null)} />}
          {panel === "storage" && s.storage && (
            <StoragePanel
              storage={s.storage}
              onClose={() => setPanel(null)}
              onRemoved={() => void s.runner.refresh(s.editor.getState().doc, { forgetLookups: true })}
            />
          )}
        </Suspense>
        <TakesOverlays />
        <ModelPickerOverlay />
        {!setupDone && (
          <Welcome
            onSetUpProxy={() => setPanel("settings")}
            onTryDemo={() => {
              if (s.editor.getState().doc.nodes.length === 0) setPanel("examples");
            }}
          />
        )}
      </div>
      <Toasts />
    </div>
  );
}

/** A 401/403 from the proxy: say exactly what to do. */
function AuthBanner({ onOpenSettings }: { onOpenSettings(): void }) {
  const { runs } = useServices();
  const authFailed = useStore(runs, (st) =>
    Object.values(st.run.nodes).some((n) => n.status === "failed" && n.error?.code === "auth"),
  );
  if (!authFailed) return null;
  return (
    <div className="banner error" role="alert">
      <span>
        The proxy answered 401: it has no valid fal key. Put <code>FAL_KEY=&lt;your key&gt;</code> in{" "}
        <code>.env.local</code> and restart <code>npm start</code> (or try Demo mode).
      </span>
      <button type="button" onClick={onOpenSettings}>
        Open settings
      </button>
    </div>
  );
}

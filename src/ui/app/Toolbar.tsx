import { useStore } from "zustand";
import { RunButton, StopButton } from "../run/RunButton";
import { useServices } from "../services";

// Opening and saving files load on demand (a click away, not needed to show the app).
const workflowFiles = () => import("../files/workflow-files");

export type Panel = "settings" | "logs" | "examples" | "bill" | "spend" | "workflows" | "storage" | null;

export function Toolbar({ panel, setPanel }: { panel: Panel; setPanel(p: Panel): void }) {
  const s = useServices();
  const name = useStore(s.editor, (st) => st.doc.name);
  const history = useStore(s.editor, (st) => st.history);
  const mode = useStore(s.settings, (st) => st.mode);
  const toggle = (p: Exclude<Panel, null>) => setPanel(panel === p ? null : p);

  const open = async () => {
    const { pickFile, readWorkflowFile } = await workflowFiles();
    const file = await pickFile(".json,.reelflow.json,application/json");
    if (!file) return;
    const res = await readWorkflowFile(file);
    if (!res.ok) {
      s.toasts.getState().show(res.message, { tone: "error", ms: 12_000 });
      return;
    }
    await s.documents.open(res.workflow);
    s.toasts.getState().show(`Opened ${res.workflow.name}${res.migratedFrom ? ` (upgraded from version ${res.migratedFrom})` : ""}.`);
  };

  return (
    <header className="toolbar">
      <span className="brand">Reelflow</span>
      <input
        className="wf-name"
        aria-label="Workflow name"
        value={name}
        onChange={(e) => s.editor.getState().renameWorkflow(e.target.value)}
        onBlur={() => s.editor.getState().breakCoalescing()}
      />
      <button type="button" aria-label="Open workflow" title="Open a .reelflow.json file" onClick={() => void open()}>
        Open
      </button>
      <button
        type="button"
        aria-label="Save workflow"
        title="Save as .reelflow.json"
        onClick={() =>
          void workflowFiles()
            .then(({ saveWorkflowFile }) => saveWorkflowFile(s.editor.getState().doc))
            .catch((e: unknown) => s.toasts.getState().show(`Not saved: ${e instanceof Error ? e.message : String(e)}`, { tone: "error" }))
        }
      >
        Save
      </button>
      <button type="button" aria-pressed={panel === "workflows"} title="Your workflows, bundles and share links" onClick={() => toggle("workflows")}>
        Workflows
      </button>
      <button type="button" aria-pressed={panel === "examples"} onClick={() => toggle("examples")}>
        Examples
      </button>
      <button type="button" aria-label="Undo" title={history.undoLabel ? `Undo ${history.undoLabel} (Ctrl/Cmd+Z)` : "Undo"} disabled={!history.canUndo} onClick={() => s.editor.getState().undo()}>
        ↶
      </button>
      <button type="button" aria-label="Redo" title={history.redoLabel ? `Redo ${history.redoLabel} (Shift+Ctrl/Cmd+Z)` : "Redo"} disabled={!history.canRedo} onClick={() => s.editor.getState().redo()}>
        ↷
      </button>
      <span className="spacer" />
      <span className={`mode-badge ${mode}`} title={mode === "demo" ? "Demo mode: runs are simulated in this browser, nothing is sent or paid" : "Runs go to fal through your proxy"}>
        {mode === "demo" ? "Demo · simulated" : "fal"}
      </span>
      <RunButton />
      <StopButton />
      <button type="button" aria-pressed={panel === "bill"} title="What a run would pay, node by node, before anything is sent" onClick={() => toggle("bill")}>
        Bill
      </button>
      <button type="button" aria-pressed={panel === "spend"} title="Spend ledger, totals and budgets" onClick={() => toggle("spend")}>
        Spend
      </button>
      <button type="button" aria-pressed={panel === "storage"} title="Space used, persistence, and stored results to clean up" onClick={() => toggle("storage")}>
        Storage
      </button>
      <button type="button" aria-pressed={panel === "logs"} onClick={() => toggle("logs")}>
        Logs
      </button>
      <button type="button" aria-label="Settings" aria-pressed={panel === "settings"} onClick={() => toggle("settings")}>
        ⚙ Settings
      </button>
    </header>
  );
}

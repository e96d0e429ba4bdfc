import { lazy, Suspense, useRef, useState } from "react";
import "./toolbar.css";
import { useStore } from "zustand";
import { RunButton, StopButton } from "../run/RunButton";
import { useServices } from "../services";
import { PANEL_ACTIONS, type Panel, type PanelName } from "./toolbar-actions";

export type { Panel } from "./toolbar-actions";

// The menu of less used actions (and opening and saving files) loads when first opened: not needed to show the app.
const ToolbarMenu = lazy(() => import("./ToolbarMenu"));

/** Which item the menu focuses as it opens: the first (Enter, Space, ArrowDown, a click) or the last (ArrowUp). */
export type MenuFocus = "first" | "last";

export function Toolbar({ panel, setPanel }: { panel: Panel; setPanel(p: Panel): void }) {
  const s = useServices();
  const name = useStore(s.editor, (st) => st.doc.name);
  const history = useStore(s.editor, (st) => st.history);
  const mode = useStore(s.settings, (st) => st.mode);
  const [menu, setMenu] = useState<MenuFocus | null>(null);
  const more = useRef<HTMLButtonElement>(null);

  const barButton = (p: PanelName) => (
    <button
      type="button"
      className="in-bar-wide"
      aria-pressed={panel === p}
      title={PANEL_ACTIONS[p].title}
      onClick={() => setPanel(panel === p ? null : p)}
    >
      {PANEL_ACTIONS[p].label}
    </button>
  );

  return (
    <header className="toolbar" aria-label="Toolbar">
      <span className="brand">Reelflow</span>
      <input
        className="wf-name"
        aria-label="Workflow name"
        value={name}
        onChange={(e) => s.editor.getState().renameWorkflow(e.target.value)}
        onBlur={() => s.editor.getState().breakCoalescing()}
      />
      {barButton("workflows")}
      {barButton("examples")}
      <button
        type="button"
        aria-label="Undo"
        title={history.undoLabel ? `Undo ${history.undoLabel} (Ctrl/Cmd+Z)` : "Undo"}
        disabled={!history.canUndo}
        onClick={() => s.editor.getState().undo()}
      >
        ↶
      </button>
      <button
        type="button"
        aria-label="Redo"
        title={history.redoLabel ? `Redo ${history.redoLabel} (Shift+Ctrl/Cmd+Z)` : "Redo"}
        disabled={!history.canRedo}
        onClick={() => s.editor.getState().redo()}
      >
        ↷
      </button>
      <span className="spacer" />
      <span
        className={`mode-badge ${mode}`}
        title={
          mode === "demo"
            ? "Demo mode: runs are simulated in this browser, nothing is sent or paid"
            : "Runs go to fal through your proxy"
        }
      >
        {mode === "demo" ? "Demo · simulated" : "fal"}
      </span>
      <RunButton />
      <StopButton />
      {barButton("bill")}
      {barButton("settings")}
      <button
        ref={more}
        type="button"
        className="more"
        aria-label="More actions"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        aria-controls={menu ? "toolbar-menu" : undefined}
        onClick={() => setMenu(menu ? null : "first")}
        onKeyDown={(e) => {
          if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
          e.preventDefault();
          setMenu(e.key === "ArrowUp" ? "last" : "first");
        }}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      {menu && (
        <Suspense fallback={null}>
          <ToolbarMenu
            focus={menu}
            setPanel={setPanel}
            onClose={(refocus) => {
              setMenu(null);
              if (refocus) more.current?.focus();
            }}
          />
        </Suspense>
      )}
    </header>
  );
}

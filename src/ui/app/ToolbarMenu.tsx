import { useEffect, useRef, type KeyboardEvent } from "react";
import { messageOf } from "../../domain/message-of";
import { useServices, type Services } from "../services";
import type { MenuFocus } from "./Toolbar";
import { PANEL_ACTIONS, type Panel, type PanelName } from "./toolbar-actions";

// Opening and saving files load on demand (a click away, not needed to show the app).
const workflowFiles = () => import("../files/workflow-files");

interface Props {
  focus: MenuFocus;
  setPanel(p: Panel): void;
  /** Closes the menu; `refocus` gives the focus back to its button (Escape, a choice), not when focus left it. */
  onClose(refocus: boolean): void;
}

/**
 * The toolbar's More actions menu (WAI-ARIA menu button pattern): arrow keys, Home and End move between items,
 * Escape closes it and gives the focus back to its button, Tab or a click elsewhere closes it. Panels the toolbar
 * shows as buttons on a wide screen are listed here too, shown only when the toolbar hides their buttons (CSS).
 */
export default function ToolbarMenu({ focus, setPanel, onClose }: Props) {
  const s = useServices();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const items = shownItems(root.current);
    (focus === "last" ? items[items.length - 1] : items[0])?.focus();
  }, [focus]);

  const choose = (act: () => void) => () => {
    onClose(true);
    act();
  };
  return (
    <div
      ref={root}
      id="toolbar-menu"
      className="toolbar-menu"
      role="menu"
      aria-label="More actions"
      tabIndex={-1}
      onKeyDown={(e) => onMenuKey(e, root.current, () => onClose(true))}
      onBlur={(e) => {
        if (!focusStaysWith(e.relatedTarget, e.currentTarget)) onClose(false);
      }}
    >
      <MenuItem
        label="Open workflow"
        title="Open a .reelflow.json file"
        onChoose={choose(() => void openWorkflowFile(s))}
      />
      <MenuItem label="Save workflow" title="Save as .reelflow.json" onChoose={choose(() => void saveWorkflow(s))} />
      {(Object.keys(PANEL_ACTIONS) as PanelName[]).map((p) => (
        <MenuItem
          key={p}
          label={PANEL_ACTIONS[p].label}
          title={PANEL_ACTIONS[p].title}
          className={PANEL_ACTIONS[p].place === "bar" ? "in-bar-wide" : undefined}
          onChoose={choose(() => setPanel(p))}
        />
      ))}
    </div>
  );
}

function MenuItem({
  label,
  title,
  className,
  onChoose,
}: {
  label: string;
  title: string;
  className?: string;
  onChoose(): void;
}) {
  return (
    <button type="button" role="menuitem" tabIndex={-1} className={className} title={title} onClick={onChoose}>
      {label}
    </button>
  );
}

/** The items this screen shows (an item whose action has a toolbar button here is hidden by CSS). */
function shownItems(menu: HTMLElement | null): HTMLElement[] {
  if (!menu) return [];
  return [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')].filter((el) => el.offsetParent !== null);
}

/** Focus moving to an item of the menu, or to the menu's own button (whose click then closes the menu). */
function focusStaysWith(next: EventTarget | null, menu: HTMLElement): boolean {
  if (!(next instanceof HTMLElement)) return false;
  return menu.contains(next) || next.getAttribute("aria-controls") === menu.id;
}

function onMenuKey(e: KeyboardEvent, menu: HTMLElement | null, close: () => void): void {
  const items = shownItems(menu);
  const at = items.indexOf(document.activeElement as HTMLElement);
  const go = (i: number) => items[(i + items.length) % items.length]?.focus();
  switch (e.key) {
    case "ArrowDown":
      go(at + 1);
      break;
    case "ArrowUp":
      go(at < 0 ? -1 : at - 1);
      break;
    case "Home":
      go(0);
      break;
    case "End":
      go(-1);
      break;
    case "Escape":
      // Handled here: the open side panel stays open (its Escape listener sees the default prevented).
      close();
      break;
    default:
      return;
  }
  e.preventDefault();
  e.stopPropagation();
}

async function openWorkflowFile(s: Services): Promise<void> {
  const { pickFile, readWorkflowFile } = await workflowFiles();
  const file = await pickFile(".json,.reelflow.json,application/json");
  if (!file) return;
  const res = await readWorkflowFile(file);
  if (!res.ok) {
    s.toasts.getState().show(res.message, { tone: "error", ms: 12_000 });
    return;
  }
  await s.documents.open(res.workflow);
  s.toasts
    .getState()
    .show(`Opened ${res.workflow.name}${res.migratedFrom ? ` (upgraded from version ${res.migratedFrom})` : ""}.`);
}

async function saveWorkflow(s: Services): Promise<void> {
  try {
    const { saveWorkflowFile } = await workflowFiles();
    await saveWorkflowFile(s.editor.getState().doc);
  } catch (e) {
    s.toasts.getState().show(`Not saved: ${messageOf(e)}`, { tone: "error" });
  }
}

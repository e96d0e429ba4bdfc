import { looksLikeFragment, parseFragment, serializeFragment } from "../../editor/clipboard";
import type { Services } from "../services";

const isEditable = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");

/**
 * Keyboard and clipboard: undo/redo, delete, duplicate, select all, Run all, the search box, and
 * copy/cut/paste of nodes as a workflow JSON fragment on the system clipboard (so it also works
 * between tabs). Typing in a field keeps the browser's own behaviour. Installed by the shell right after the
 * first paint (this code is not part of the budgeted first load); returns the uninstaller.
 */
export function installShortcuts(s: Services): () => void {
  const canvasBus = s.views.canvas;
  const onKey = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const ed = s.editor.getState();
    if (mod && e.key === "Enter") {
      e.preventDefault();
      void s.runner.runAll();
      return;
    }
    if (isEditable(e.target)) return;
    const key = e.key.toLowerCase();
    if (mod && key === "z") {
      e.preventDefault();
      if (e.shiftKey) ed.redo();
      else ed.undo();
    } else if (mod && key === "y") {
      e.preventDefault();
      ed.redo();
    } else if (mod && key === "d") {
      e.preventDefault();
      if (ed.selection.nodes.length) canvasBus.emit("reveal", ed.duplicate(ed.selection.nodes));
    } else if (mod && key === "a") {
      e.preventDefault();
      ed.selectAll();
    } else if (!mod && (e.key === "Delete" || e.key === "Backspace")) {
      if (ed.selection.nodes.length || ed.selection.edges.length) {
        e.preventDefault();
        ed.deleteSelection();
      }
    } else if (!mod && e.key === "/") {
      e.preventDefault();
      canvasBus.emit("open-search");
    } else if (e.key === "Escape") {
      ed.clearSelection();
    }
  };

  const copy = (e: ClipboardEvent, cut: boolean) => {
    if (isEditable(e.target) || !e.clipboardData) return;
    const ed = s.editor.getState();
    const text = serializeFragment(ed.doc, ed.selection.nodes);
    if (!text) return;
    e.preventDefault();
    e.clipboardData.setData("text/plain", text);
    if (cut) ed.removeNodes(ed.selection.nodes);
  };
  const onCopy = (e: ClipboardEvent) => copy(e, false);
  const onCut = (e: ClipboardEvent) => copy(e, true);
  const onPaste = (e: ClipboardEvent) => {
    if (isEditable(e.target) || !e.clipboardData) return;
    const text = e.clipboardData.getData("text/plain");
    if (text && looksLikeFragment(text)) {
      e.preventDefault();
      const parsed = parseFragment(text);
      if (!parsed.ok) {
        s.toasts.getState().show(`Nothing pasted: ${parsed.errors.join("; ")}`, { tone: "error" });
        return;
      }
      canvasBus.emit("reveal", s.editor.getState().paste(parsed.fragment, canvasBus.pastePosition()));
      return;
    }
    const file = [...e.clipboardData.files][0];
    if (file) {
      e.preventDefault();
      canvasBus.emit("file-dropped", { file, at: canvasBus.pastePosition() });
    }
  };

  window.addEventListener("keydown", onKey);
  document.addEventListener("copy", onCopy);
  document.addEventListener("cut", onCut);
  document.addEventListener("paste", onPaste);
  return () => {
    window.removeEventListener("keydown", onKey);
    document.removeEventListener("copy", onCopy);
    document.removeEventListener("cut", onCut);
    document.removeEventListener("paste", onPaste);
  };
}

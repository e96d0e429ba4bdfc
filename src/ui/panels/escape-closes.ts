import { useDocumentEscape } from "../hooks/use-document-escape";

/** Fields where Escape means something of its own (a browser's search box clears, a text area may be an editor). */
const keepsEscape = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || t.tagName === "TEXTAREA" || (t instanceof HTMLInputElement && t.type === "search"));

/**
 * The toolbar control that opened the panel: its pressed button where this screen shows one, else the More actions
 * menu's button (a narrow screen keeps the panel's button in that menu; `offsetParent` is null when CSS hides it).
 */
function toolbarOpener(): HTMLElement | null {
  const pressed = [...document.querySelectorAll<HTMLElement>('.toolbar [aria-pressed="true"]')].find(
    (el) => el.offsetParent !== null,
  );
  return pressed ?? document.querySelector<HTMLElement>('.toolbar [aria-haspopup="menu"]');
}

/**
 * Escape closes the open side panel, and the focus goes back to what opened it: `opener` when the panel names one
 * still in the page (the Lineage panel, opened from a take's button), else the toolbar button. Left alone:
 * an Escape a field or dialog already handled (default prevented or propagation stopped), one typed in a field
 * that uses Escape itself, and any Escape while a dialog is open (the dialog closes first, the panel stays).
 * Called by each side panel, all loaded on demand: none of this is in the first load.
 */
export function useEscapeCloses(onClose: () => void, opener?: () => HTMLElement | null): void {
  useDocumentEscape((e) => {
    if (keepsEscape(e.target) || document.querySelector('[aria-modal="true"], [role="dialog"]')) return false;
    const own = opener?.();
    const focusTo = own?.isConnected ? own : toolbarOpener();
    onClose();
    focusTo?.focus();
    return true;
  });
}

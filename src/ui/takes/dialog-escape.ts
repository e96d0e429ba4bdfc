import { useEffect, useRef } from "react";

/**
 * Escape closes the open takes dialog wherever the focus is (issue 16 item 12). A handler on the dialog alone missed
 * it after a sweep ran: the question before the run gives the focus back to the Run button, which is disabled while
 * the run goes on, so the focus falls to the page. Left alone: an Escape already handled (the question's own dialog
 * answers Cancel and stops it) or one in an input method's composition, and any while a question is open.
 */
export function useDialogEscape(onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || e.isComposing) return;
      if (document.querySelector('[role="alertdialog"]')) return;
      e.preventDefault();
      close.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

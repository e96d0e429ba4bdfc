import type { ReactNode } from "react";
import { useDocumentEscape } from "../hooks/use-document-escape";
import { focusOnMount } from "./focus-on-mount";
import "./takes-dialogs.css";

/**
 * The frame of the takes' modal dialogs (Compare, Sweep): over the canvas, focused when it opens, closed by
 * Escape or by its × button. `kind` names its class, test id and close button ("Close sweep"); `label`, the
 * dialog's accessible name, is its title when absent.
 */
export function TakesDialogFrame(props: {
  kind: "compare" | "sweep";
  label?: string;
  title: string;
  onClose(): void;
  children: ReactNode;
}) {
  const { kind, label, title, onClose, children } = props;
  // Escape closes it wherever the focus is (issue 16 item 12): after a sweep ran, the question before the run
  // gave the focus back to the Run button, which is disabled while the run goes on, so the focus fell to the
  // page. Left alone while a question's own dialog is open (its Escape answers Cancel).
  useDocumentEscape(() => {
    if (document.querySelector('[role="alertdialog"]')) return false;
    onClose();
    return true;
  });
  return (
    <div className="takes-overlay" role="presentation">
      <section
        ref={focusOnMount}
        tabIndex={-1}
        className={`takes-dialog ${kind}`}
        role="dialog"
        aria-modal="true"
        aria-label={label ?? title}
        data-testid={`${kind}-dialog`}
      >
        <h2>
          {title}
          <button type="button" aria-label={`Close ${kind}`} onClick={onClose}>
            ×
          </button>
        </h2>
        {children}
      </section>
    </div>
  );
}

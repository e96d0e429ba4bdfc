import { useId, useLayoutEffect, useRef, type KeyboardEvent } from "react";
import { createRoot } from "react-dom/client";
import type { Question } from "./question";
import "./ask-dialog.css";

/**
 * Shows one question over the whole page and resolves to the answer. While it is open the rest of the page is inert
 * (no click, no focus, no screen-reader browsing behind it); afterwards the focus goes back where it was (the Run
 * button, the Delete button) and the page is live again. Its own React root: callers need no host in the app tree.
 */
export function showQuestion(q: Question): Promise<boolean> {
  return new Promise((resolve) => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const host = document.createElement("div");
    host.className = "ask-host";
    document.body.append(host);
    const reopen = shutOthers(host);
    const root = createRoot(host);
    let answered = false;
    const onAnswer = (yes: boolean) => {
      if (answered) return;
      answered = true;
      root.unmount();
      host.remove();
      reopen();
      if (opener?.isConnected) opener.focus({ preventScroll: true });
      resolve(yes);
    };
    root.render(<AskDialog question={q} onAnswer={onAnswer} />);
  });
}

/** Makes every other child of <body> inert; returns what undoes exactly that (an element inert before stays so). */
function shutOthers(keep: Element): () => void {
  const shut = [...document.body.children].filter((el) => el !== keep && !el.hasAttribute("inert"));
  for (const el of shut) el.setAttribute("inert", "");
  return () => {
    for (const el of shut) el.removeAttribute("inert");
  };
}

/** Tab and Shift+Tab cycle through the dialog's buttons instead of leaving it. */
function keepFocusInside(e: KeyboardEvent<HTMLElement>, dialog: HTMLElement): void {
  const buttons = [...dialog.querySelectorAll<HTMLButtonElement>("button")];
  const first = buttons[0];
  const last = buttons[buttons.length - 1];
  if (!first || !last) return;
  const at = document.activeElement;
  const wrapTo = e.shiftKey ? (at === first || at === dialog ? last : null) : at === last ? first : null;
  if (!wrapTo) return;
  e.preventDefault();
  wrapTo.focus();
}

function AskDialog({ question: q, onAnswer }: { question: Question; onAnswer(yes: boolean): void }) {
  const id = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  // In the same commit that draws the dialog: a key pressed as it appears already goes to the default button.
  useLayoutEffect(() => {
    (q.defaultChoice === "confirm" ? confirm : cancel).current?.focus({ preventScroll: true });
  }, [q.defaultChoice]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // A key meant for the question goes no further: no app shortcut, panel or dialog behind it sees it.
    e.stopPropagation();
    if (e.key === "Escape") {
      e.preventDefault();
      onAnswer(false);
    } else if (e.key === "Enter" && !(e.target instanceof HTMLButtonElement)) {
      // On a button, Enter presses that button (the browser's own behaviour); elsewhere, the default one.
      e.preventDefault();
      onAnswer(q.defaultChoice === "confirm");
    } else if (e.key === "Tab" && dialog.current) {
      keepFocusInside(e, dialog.current);
    }
  };

  return (
    <div className="ask-backdrop" role="presentation">
      {/* The alert dialog's keys (Escape, Enter, Tab kept inside) belong on it: the WAI-ARIA dialog pattern. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        ref={dialog}
        className="ask-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{q.title}</h2>
        <p id={`${id}-body`} className="ask-body">
          {q.body}
        </p>
        <div className="ask-actions">
          <button ref={cancel} type="button" onClick={() => onAnswer(false)}>
            Cancel
          </button>
          <button
            ref={confirm}
            type="button"
            className={q.danger ? "primary ask-danger" : "primary"}
            onClick={() => onAnswer(true)}
          >
            {q.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

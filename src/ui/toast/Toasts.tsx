import type { ReactNode } from "react";
import { useStore } from "zustand";
import { useServices } from "../services";

export function Toasts() {
  const { toasts } = useServices();
  const list = useStore(toasts, (s) => s.toasts);
  const dismiss = useStore(toasts, (s) => s.dismiss);
  const floating = list.filter((t) => t.at);
  const docked = list.filter((t) => !t.at);
  return (
    <>
      {floating.map((t) => (
        <div key={t.id} role="alert" className={`toast floating ${t.tone}`} style={{ left: t.at?.x, top: t.at?.y }}>
          <Dismiss onClick={() => dismiss(t.id)}>{t.message}</Dismiss>
        </div>
      ))}
      <div className="toasts" aria-live="polite">
        {docked.map((t) => (
          <div key={t.id} role={t.tone === "error" ? "alert" : "status"} className={`toast ${t.tone}`}>
            <Dismiss onClick={() => dismiss(t.id)}>{t.message}</Dismiss>
          </div>
        ))}
      </div>
    </>
  );
}

/** The whole toast is one button that dismisses it: by click as before, and now by keyboard too. */
function Dismiss({ onClick, children }: { onClick(): void; children: ReactNode }) {
  return (
    <button type="button" className="toast-dismiss" onClick={onClick}>
      {children}
    </button>
  );
}

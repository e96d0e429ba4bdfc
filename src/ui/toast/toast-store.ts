import { createStore } from "zustand/vanilla";

/** Short messages: refusals with their reason, load errors, hints. Optionally pinned near a point. */
export interface Toast {
  id: number;
  message: string;
  tone: "info" | "error";
  /** Screen position to show it near (e.g. the node that refused a connection). */
  at?: { x: number; y: number };
}

export interface ToastState {
  toasts: Toast[];
  show(message: string, opts?: { tone?: Toast["tone"]; at?: Toast["at"]; ms?: number }): void;
  dismiss(id: number): void;
}

export const createToastStore = () =>
  createStore<ToastState>()((set, get) => {
    let next = 1;
    return {
      toasts: [],
      show(message, opts = {}) {
        const id = next++;
        set({
          toasts: [
            ...get()
              .toasts.filter((t) => t.message !== message)
              .slice(-3),
            { id, message, tone: opts.tone ?? "info", at: opts.at },
          ],
        });
        setTimeout(() => get().dismiss(id), opts.ms ?? (opts.tone === "error" ? 7000 : 4000));
      },
      dismiss(id) {
        set({ toasts: get().toasts.filter((t) => t.id !== id) });
      },
    };
  });
export type ToastStore = ReturnType<typeof createToastStore>;

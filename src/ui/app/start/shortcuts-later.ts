import type { Services } from "../../services";
import { lazy } from "./lazy";

/**
 * Keyboard and clipboard shortcuts (../shortcuts.ts) are not part of the budgeted first load. They are installed
 * when the rest of the app arrives, or at once when a key is pressed before that: the keys pressed meanwhile are
 * handed to them when they arrive, so an early "/" or Ctrl+Z is not lost. Returns the loader, which resolves to
 * the uninstaller (the app never calls it; tests do).
 */
export function shortcutsLater(services: Services): () => Promise<() => void> {
  const early: KeyboardEvent[] = [];
  const onEarlyKey = (e: KeyboardEvent) => {
    early.push(e);
    void shortcuts.start();
  };
  const shortcuts = lazy(async () => {
    const { installShortcuts } = await import("../shortcuts");
    window.removeEventListener("keydown", onEarlyKey);
    const uninstall = installShortcuts(services);
    for (const e of early.splice(0)) replay(e);
    return uninstall;
  });
  window.addEventListener("keydown", onEarlyKey);
  return shortcuts.start;
}

/** The same key again, where it was pressed, for the listeners installed since. */
function replay(e: KeyboardEvent): void {
  const { key, code, ctrlKey, metaKey, shiftKey, altKey, repeat } = e;
  const again = new KeyboardEvent("keydown", {
    key,
    code,
    ctrlKey,
    metaKey,
    shiftKey,
    altKey,
    repeat,
    bubbles: true,
    cancelable: true,
  });
  (e.target instanceof Node && e.target.isConnected ? e.target : window).dispatchEvent(again);
}

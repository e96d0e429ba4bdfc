import type { Services } from "../services";

/**
 * Keyboard and clipboard shortcuts (./shortcuts.ts) are not part of the budgeted first load. They are installed
 * when the rest of the app arrives, or at once when a key is pressed before that: the keys pressed meanwhile are
 * handed to them when they arrive, so an early "/" or Ctrl+Z is not lost. Returns the loader, which resolves to
 * the uninstaller (the app never calls it; tests do).
 */
export function shortcutsOnDemand(services: Services): () => Promise<() => void> {
  const early: KeyboardEvent[] = [];
  let installing: Promise<() => void> | undefined;
  const onEarlyKey = (e: KeyboardEvent) => {
    early.push(e);
    void install();
  };
  const install = () =>
    (installing ??= import("./shortcuts").then(({ installShortcuts }) => {
      window.removeEventListener("keydown", onEarlyKey);
      const uninstall = installShortcuts(services);
      for (const e of early.splice(0)) replay(e);
      return uninstall;
    }));
  window.addEventListener("keydown", onEarlyKey);
  return install;
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

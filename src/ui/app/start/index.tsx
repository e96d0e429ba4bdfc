import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { messageOf } from "../../../domain/message-of";
import { App } from "../App";
import { startServices } from "./compose";
import { shortcutsLater } from "./shortcuts-later";

/**
 * Start-up, in the order it happens: the snapshot is read and the shell made from it (./compose.ts), the shell is
 * drawn, and the rest of the app (./rest.ts) is loaded after that first paint, with the keyboard shortcuts.
 */
export function startApp(container: HTMLElement): void {
  const root = createRoot(container);
  startServices()
    .then(({ services, loadRest, restDelayMs }) => {
      // Keyboard and clipboard shortcuts come with the rest, or at the first key pressed before it.
      const installShortcuts = shortcutsLater(services);
      const afterPaint = () => void loadRest().then(() => installShortcuts());
      root.render(
        <StrictMode>
          <App services={services} />
          <AfterFirstPaint load={afterPaint} delayMs={restDelayMs} />
        </StrictMode>,
      );
    })
    .catch((e: unknown) => {
      // IndexedDB unavailable (private mode in some browsers, blocked storage): say so instead of a blank page.
      root.render(
        <div style={{ padding: 24, fontFamily: "system-ui" }} role="alert">
          <h1>Reelflow could not start</h1>
          <p>{messageOf(e)}</p>
          <p>
            Reelflow keeps workflows and results in this browser&apos;s storage (IndexedDB). Allow site storage and
            reload.
          </p>
        </div>,
      );
    });
}

/** Starts loading the rest of the app once the first screen has been painted. */
function AfterFirstPaint({ load, delayMs }: { load(): void; delayMs: number }) {
  useEffect(() => {
    // The effect runs after the commit; the frame callback then the task put the load after its paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(load, delayMs)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [load, delayMs]);
  return null;
}

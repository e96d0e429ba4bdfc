import "@xyflow/react/dist/style.css";
import "./ui/theme.css";
import { StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./ui/app/App";
import { bootstrap } from "./ui/app/bootstrap";
import { shortcutsOnDemand } from "./ui/app/shortcuts-on-demand";

const root = createRoot(document.getElementById("root") as HTMLElement);

/** Starts loading the rest of the app (Dexie, the run code) once the first screen has been painted. */
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

bootstrap()
  .then((services) => {
    // Keyboard and clipboard shortcuts come with the rest, or at the first key pressed before it.
    const installShortcuts = shortcutsOnDemand(services);
    const loadRest = () => void services.loadRest().then(() => installShortcuts());
    root.render(
      <StrictMode>
        <App services={services} />
        <AfterFirstPaint load={loadRest} delayMs={services.restDelayMs} />
      </StrictMode>,
    );
  })
  .catch((e: unknown) => {
    // IndexedDB unavailable (private mode in some browsers, blocked storage): say so instead of a blank page.
    root.render(
      <div style={{ padding: 24, fontFamily: "system-ui" }} role="alert">
        <h1>Reelflow could not start</h1>
        <p>{e instanceof Error ? e.message : String(e)}</p>
        <p>
          Reelflow keeps workflows and results in this browser's storage (IndexedDB). Allow site storage and reload.
        </p>
      </div>,
    );
  });

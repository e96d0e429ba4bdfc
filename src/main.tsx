import "@xyflow/react/dist/style.css";
import "./ui/theme.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./ui/app/App";
import { bootstrap } from "./ui/app/bootstrap";

const root = createRoot(document.getElementById("root") as HTMLElement);

bootstrap()
  .then((services) =>
    root.render(
      <StrictMode>
        <App services={services} />
      </StrictMode>,
    ),
  )
  .catch((e: unknown) => {
    // IndexedDB unavailable (private mode in some browsers, blocked storage): say so instead of a blank page.
    root.render(
      <div style={{ padding: 24, fontFamily: "system-ui" }} role="alert">
        <h1>Reelflow could not start</h1>
        <p>{e instanceof Error ? e.message : String(e)}</p>
        <p>Reelflow keeps workflows and results in this browser's storage (IndexedDB). Allow site storage and reload.</p>
      </div>,
    );
  });

import { lazy, Suspense } from "react";
import { useStore } from "zustand";
import { lineagePanel } from "../lineage/open-lineage";
import { sweepDialog } from "../sweep/sweep-dialog-store";
import "../takes-dialogs.css";
import { CompareBar } from "./CompareBar";
import { compareDialog } from "./compare-dialog-store";

// The dialogs load the first time one is opened: none is needed to show the app.
const TakesDialogs = lazy(() => import("./TakesDialogs"));

/**
 * Everything issue 9 draws over the canvas, mounted once by the app: the compare bar (while takes
 * are ticked) and, once opened, the compare dialog, the sweep dialog and the lineage panel.
 */
export function TakesOverlays() {
  const comparing = useStore(compareDialog, (s) => s.open);
  const sweeping = useStore(sweepDialog, (s) => s.nodeId !== null);
  const tracing = useStore(lineagePanel, (s) => s.ref !== null);
  const anyOpen = comparing || sweeping || tracing;
  return (
    <>
      <CompareBar />
      {anyOpen && (
        <Suspense fallback={null}>
          <TakesDialogs />
        </Suspense>
      )}
    </>
  );
}

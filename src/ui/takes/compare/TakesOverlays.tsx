import { lazy, Suspense } from "react";
import { useStore } from "zustand";
import { useServices } from "../../services";
import "../takes-dialogs.css";
import { CompareBar } from "./CompareBar";

// The dialogs load the first time one is opened: none is needed to show the app.
const TakesDialogs = lazy(() => import("./TakesDialogs"));

/**
 * Everything issue 9 draws over the canvas, mounted once by the app: the compare bar (while takes
 * are ticked) and, once opened, the compare dialog, the sweep dialog and the lineage panel.
 */
export function TakesOverlays() {
  const { views } = useServices();
  const comparing = useStore(views.compare, (s) => s.open);
  const sweeping = useStore(views.sweep, (s) => s.nodeId !== null);
  const tracing = useStore(views.lineage, (s) => s.ref !== null);
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

import { lazy, Suspense } from "react";
import { useStore } from "zustand";
import { useServices } from "../services";

// The picker and what it lists load the first time a model button is pressed: the first screen needs neither.
const ModelPickerHost = lazy(() => import("./ModelPickerHost"));

/** Mounted once in the app: the model picker of the node whose model button was pressed. */
export function ModelPickerOverlay() {
  const { views } = useServices();
  const open = useStore(views.modelPicker, (s) => s.nodeId !== null);
  return open ? (
    <Suspense fallback={null}>
      <ModelPickerHost />
    </Suspense>
  ) : null;
}

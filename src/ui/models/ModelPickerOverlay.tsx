import { lazy, Suspense } from "react";
import { useStore } from "zustand";
import { modelPicker } from "./picker-store";

// The picker and what it lists load the first time a model button is pressed: the first screen needs neither.
const ModelPickerHost = lazy(() => import("./ModelPickerHost"));

/** Mounted once in the app: the model picker of the node whose model button was pressed. */
export function ModelPickerOverlay() {
  const open = useStore(modelPicker, (s) => s.nodeId !== null);
  return open ? (
    <Suspense fallback={null}>
      <ModelPickerHost />
    </Suspense>
  ) : null;
}

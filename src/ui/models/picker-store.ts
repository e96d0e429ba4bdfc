import { createStore } from "zustand/vanilla";
import type { NodeId } from "../../domain/ids";

/** Which node the model picker is open for (null: closed). A node's model button opens it. */
export const modelPicker = createStore<{ nodeId: NodeId | null }>()(() => ({ nodeId: null }));

export const openModelPicker = (nodeId: NodeId): void => modelPicker.setState({ nodeId });

/** Closes the picker and gives the focus back to the button that opened it. */
export function closeModelPicker(): void {
  const { nodeId } = modelPicker.getState();
  modelPicker.setState({ nodeId: null });
  if (!nodeId || typeof document === "undefined") return;
  const id = nodeId.replace(/["\\]/g, "\\$&");
  document.querySelector<HTMLElement>(`[data-node-id="${id}"] [data-model-button]`)?.focus({ preventScroll: true });
}

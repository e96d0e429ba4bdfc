import { createStore } from "zustand/vanilla";
import type { NodeId } from "../../domain/ids";

/** Which node the model picker is open for (null: closed). A node's model button opens it. */
export const modelPicker = createStore<{ nodeId: NodeId | null }>()(() => ({ nodeId: null }));

export const openModelPicker = (nodeId: NodeId): void => modelPicker.setState({ nodeId });

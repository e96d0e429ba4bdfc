import { createStore } from "zustand/vanilla";
import type { NodeId } from "../../../domain/ids";

/** Which node the Sweep dialog is open for (null: closed). The node's `sweep-<id>` button opens it. */
export const sweepDialog = createStore<{ nodeId: NodeId | null }>()(() => ({ nodeId: null }));

export const openSweep = (nodeId: NodeId): void => sweepDialog.setState({ nodeId });
export const closeSweep = (): void => sweepDialog.setState({ nodeId: null });

import { createStore } from "zustand/vanilla";
import type { TakeRef } from "../compare/selection";

export interface LineagePanelState {
  /** The take whose lineage the panel shows; null while the panel is closed. */
  ref: TakeRef | null;
}

/** Which take the Lineage panel shows. The take strip's "lineage" button opens it; the panel closes it. */
export const lineagePanel = createStore<LineagePanelState>()(() => ({ ref: null }));

export function openLineage(ref: TakeRef): void {
  lineagePanel.setState({ ref: { workflowId: ref.workflowId, nodeId: ref.nodeId, key: ref.key } });
}

export function closeLineage(): void {
  lineagePanel.setState({ ref: null });
}

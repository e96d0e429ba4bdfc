import { useMemo } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { isGenerationNode } from "../../domain/workflow";
import { FILE_DEFAULT_ENDPOINTS } from "../../nodes/registry";
import type { ModelAdapter } from "../../nodes/types";
import { useServices, type Services } from "../services";
import { ModelPicker } from "./ModelPicker";
import { catalogueSource, registrySource } from "./model-source";
import type { NodeDialog } from "../view-stores";

/** The picker of the node whose model button was pressed, wired to the editor and the app's catalogue. */
export default function ModelPickerHost() {
  const services = useServices();
  const { modelPicker } = services.views;
  const nodeId = useStore(modelPicker, (s) => s.nodeId);
  const node = useStore(services.editor, (s) => s.doc.nodes.find((n) => n.id === nodeId));
  const mode = useStore(services.settings, (s) => s.mode);
  const { models } = services;
  // One source per mode (live search in fal mode only), so the picker does not load its list again on every render.
  const source = useMemo(() => (models ? catalogueSource(models, mode === "fal") : registrySource), [models, mode]);
  if (!node || !isGenerationNode(node)) return null;
  return (
    <ModelPicker
      kind={node.type}
      title={`Model of ${node.id}`}
      current={node.data.endpoint ?? FILE_DEFAULT_ENDPOINTS[node.type]}
      source={source}
      onPick={(adapter) => {
        pickModel(services, node.id, adapter);
        closeModelPicker(modelPicker);
      }}
      onClose={() => closeModelPicker(modelPicker)}
    />
  );
}

/** Closes the picker and gives the focus back to the model button that opened it. */
export function closeModelPicker(modelPicker: NodeDialog): void {
  const { nodeId } = modelPicker.getState();
  modelPicker.setState({ nodeId: null });
  if (!nodeId) return;
  const id = nodeId.replace(/["\\]/g, "\\$&");
  document.querySelector<HTMLElement>(`[data-node-id="${id}"] [data-model-button]`)?.focus({ preventScroll: true });
}

/**
 * Sets the node's model with the editor's command (one undo step), which keeps what the new model takes
 * and drops the rest: the user is told what was dropped, or why the model was refused.
 */
export function pickModel(
  { editor, toasts }: Pick<Services, "editor" | "toasts">,
  nodeId: NodeId,
  adapter: ModelAdapter,
): void {
  const r = editor.getState().setEndpoint(nodeId, adapter.endpoint);
  if (!r.ok) return toasts.getState().show(r.reason, { tone: "error" });
  const { dropped } = r.value;
  if (dropped.length > 0) {
    toasts
      .getState()
      .show(
        `${adapter.label} does not take ${dropped.join(", ")}; ${dropped.length === 1 ? "it was" : "they were"} removed.`,
      );
  }
}

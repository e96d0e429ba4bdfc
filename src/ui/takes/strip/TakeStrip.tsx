import { memo } from "react";
import { useStore } from "zustand";
import type { NodeId, WorkflowId } from "../../../domain/ids";
import { isGenerationKind, isGenerationNode } from "../../../domain/workflow";
import { nodeById } from "../../../editor/document";
import { useServices } from "../../services";
import type { SettingsStore } from "../../settings/settings-store";
import { useNodeTakes, useTakeNamespace, type TakeService } from "../take-service";
import { LoadedStripBody, useStripBodyLoaded } from "./strip-body-on-demand";
import type { StripBodyProps } from "./StripBody";
import "./strip.css";

/**
 * The takes of a generation node under it: a thumbnail per take (oldest first), the one flowing
 * downstream marked, click to choose, pin, "New take", and per take compare / lineage. Nodes
 * without takes draw nothing at all, so a big canvas pays one small live query per node. What a strip
 * draws (./StripBody.tsx) is loaded on demand: see ./strip-body-on-demand.ts.
 */
export const TakeStrip = memo(function TakeStrip({ nodeId }: { nodeId: NodeId }) {
  const { editor, takes, settings } = useServices();
  const workflowId = useStore(editor, (s) => s.workflowId);
  const generation = useStore(editor, (s) => {
    const n = nodeById(s.doc, nodeId);
    return n !== undefined && isGenerationKind(n.type);
  });
  if (!generation || !takes || !workflowId) return null;
  return <NodeTakes nodeId={nodeId} workflowId={workflowId} takes={takes} settings={settings} />;
});

function NodeTakes({
  nodeId,
  workflowId,
  takes,
  settings,
}: {
  nodeId: NodeId;
  workflowId: WorkflowId;
  takes: TakeService;
  settings: SettingsStore;
}) {
  const namespace = useTakeNamespace(settings);
  const list = useNodeTakes(takes, workflowId, nodeId, namespace);
  // A pinned node always shows its pin (and staleness), even with no take stored here (a copied node, a file from elsewhere).
  const { editor } = useServices();
  const pinned = useStore(editor, (s) => {
    const n = nodeById(s.doc, nodeId);
    return n !== undefined && isGenerationNode(n) && n.data.pinned === true;
  });
  if (list.length === 0 && !pinned) return null;
  return <Strip nodeId={nodeId} workflowId={workflowId} list={list} takes={takes} />;
}

/** The strip, once its code is here (at once when it was loaded before; nothing for the moment it takes otherwise). */
function Strip(props: StripBodyProps) {
  const here = useStripBodyLoaded();
  return here && LoadedStripBody ? <LoadedStripBody {...props} /> : null;
}

import type { Connection, FinalConnectionState } from "@xyflow/react";
import { useCallback, useMemo } from "react";
import type { NodeId } from "../../domain/ids";
import type { NodeKind } from "../../domain/workflow";
import { nodeById } from "../../editor/document";
import type { EditorStore } from "../../editor/types";
import { inputsOfNode, type ConnectionVerdict } from "../../nodes/connect";
import { getDefinition } from "../../nodes/registry";
import { verdictsFor, type WireEnds } from "./connection-verdicts";
import type { WireEnd } from "./node-catalog";

/** A wire dropped on the empty pane: the end it was dragged from, for the search box to connect what it adds. */
export type LooseWire = WireEnd & { nodeId: string; handleId: string };

export interface Connecting {
  /** Asked by React Flow for the handle under a dragged wire (each pointer move of a connection drag only). */
  verdictOf(wire: WireEnds): ConnectionVerdict;
  isValidConnection(wire: WireEnds): boolean;
  onConnect(c: Connection): void;
  onConnectEnd(event: MouseEvent | TouchEvent, state: FinalConnectionState): void;
}

/**
 * Wires drawn by hand: connected through the editor (a refusal says why near the pointer); a wire dropped on a
 * handle that refused it says why too; one dropped on the empty pane opens the search box there (`openSearchAt`).
 */
export function useConnecting(
  editor: EditorStore,
  refuse: (reason: string) => void,
  openSearchAt: (client: { x: number; y: number }, wire: LooseWire) => void,
): Connecting {
  const verdictOf = useMemo(() => verdictsFor(() => editor.getState().doc), [editor]);
  const isValidConnection = useCallback((wire: WireEnds) => verdictOf(wire).ok, [verdictOf]);

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      const r = editor.getState().connect({
        source: c.source as NodeId,
        sourceHandle: c.sourceHandle,
        target: c.target as NodeId,
        targetHandle: c.targetHandle,
      });
      if (!r.ok) refuse(r.reason);
    },
    [editor, refuse],
  );

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.toHandle) {
        // Dropped on a handle that refused the wire (React Flow then skips onConnect): the reason stays a while.
        if (state.isValid === false) refuseDrop(state, verdictOf, refuse);
        return;
      }
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      const wire = looseWire(editor, state);
      if (point && wire) openSearchAt({ x: point.clientX, y: point.clientY }, wire);
    },
    [editor, openSearchAt, refuse, verdictOf],
  );

  return { verdictOf, isValidConnection, onConnect, onConnectEnd };
}

/** The end a wire dropped on the empty pane was dragged from, with the type it carries; null if it has none. */
function looseWire(editor: EditorStore, state: FinalConnectionState): LooseWire | null {
  if (!state.fromHandle || !state.fromNode) return null;
  const fromNode = nodeById(editor.getState().doc, state.fromNode.id);
  const handleId = state.fromHandle.id;
  if (!fromNode || !handleId) return null;
  const def = getDefinition<NodeKind>(fromNode.type);
  const from = state.fromHandle.type;
  const type = from === "source" ? def.outputs[handleId]?.type : inputsOfNode(fromNode)[handleId]?.type;
  return type ? { from, type, nodeId: fromNode.id, handleId } : null;
}

/** A wire dropped on a handle that refused it: says why, as a refused onConnect did before the drag showed it. */
function refuseDrop(
  state: FinalConnectionState,
  verdictOf: (w: WireEnds) => ConnectionVerdict,
  refuse: (reason: string) => void,
): void {
  const { fromHandle: from, toHandle: to } = state;
  if (!from || !to || from.type === to.type) return;
  const [out, into] = from.type === "source" ? [from, to] : [to, from];
  const verdict = verdictOf({ source: out.nodeId, sourceHandle: out.id, target: into.nodeId, targetHandle: into.id });
  if (!verdict.ok) refuse(verdict.reason);
}

import { useCallback, useState } from "react";
import type { NodeId } from "../../domain/ids";
import type { NodeKind, Position } from "../../domain/workflow";
import type { EditorStore } from "../../editor/types";
import type { CanvasPointer } from "./canvas-pointer";
import { portFor, type CatalogEntry } from "./node-catalog";
import type { LooseWire } from "./use-connecting";
import type { Placement } from "./use-placement";

export interface SearchState {
  /** Where the box opens, in px from the canvas's top-left corner. */
  at: Position;
  /** Where a node picked in it goes (before placement moves it into sight), in flow coordinates. */
  flowAt: Position;
  /** The wire dropped on the pane that opened it: what is picked gets connected to its end. */
  wire: LooseWire | null;
}

export interface SearchBox {
  state: SearchState | null;
  /** Opens the box at this page point (a double click, a dropped wire, the "/" key). */
  openAt(client: Position, wire: LooseWire | null): void;
  /** Adds the picked kind (or model) where the box was, connected to the wire that opened it if any. */
  pick(entry: CatalogEntry): void;
  close(): void;
}

/** The node search box of the canvas (the box itself, NodeSearch, loads on demand). */
export function useSearchBox(
  editor: EditorStore,
  pointer: CanvasPointer,
  placement: Placement,
  addAt: (kind: NodeKind, flowAt: Position, endpoint?: string) => NodeId,
  refuse: (reason: string) => void,
): SearchBox {
  const [state, setState] = useState<SearchState | null>(null);
  const openAt = useCallback(
    (client: Position, wire: LooseWire | null) =>
      setState({ at: pointer.toCanvas(client), flowAt: pointer.toFlow(client), wire }),
    [pointer],
  );
  const close = useCallback(() => setState(null), []);
  const pick = useCallback(
    (entry: CatalogEntry) => {
      setState(null);
      if (!state) return;
      const id = addAt(entry.kind, placement.near(entry.kind, state.flowAt), entry.endpoint);
      placement.added(id);
      const w = state.wire;
      const port = w && portFor(entry.kind, w);
      if (!w || !port) return;
      const r = editor
        .getState()
        .connect(
          w.from === "source"
            ? { source: w.nodeId as NodeId, sourceHandle: w.handleId, target: id, targetHandle: port }
            : { source: id, sourceHandle: port, target: w.nodeId as NodeId, targetHandle: w.handleId },
        );
      if (!r.ok) refuse(r.reason);
    },
    [addAt, editor, placement, refuse, state],
  );
  return { state, openAt, pick, close };
}

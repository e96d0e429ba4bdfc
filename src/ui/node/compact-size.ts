import { Position, type NodeHandle } from "@xyflow/react";
import { isGenerationKind, type NodeKind } from "../../domain/workflow";
import { defaultAdapter, getDefinition, inputsFor } from "../../nodes/registry";

/**
 * The compact (zoomed-out) node's box, in px at zoom 1. theme.css fixes every height in it (header, port rows,
 * summary line), so its size and its handles' places follow from the kind alone: a zoomed-out graph hands React
 * Flow each node's size and handles up front, and its nodes and edges show in the first frame, without a measuring
 * pass over every node that re-renders all of them.
 * tests/e2e/canvas-open.spec.ts checks these figures against the browser's layout.
 */
export const COMPACT_BOX = {
  width: 280,
  /** Top and bottom border of .rf-node. */
  borders: 2,
  header: 30,
  /** .ports padding, top and bottom. */
  portsPadding: 8,
  portRow: 20,
  summary: 32,
  /** .react-flow__handle in .rf-node: 11 px square, 5.5 px outside the node's padding box, centred on its port row. */
  handle: 11,
  handleOut: 5.5,
} as const;

/**
 * The input ports a node of this kind draws: its default model's (a model may bring its own, as Nano Banana edit
 * brings "More images"), so a new node or one of a file without a model is measured right.
 */
function compactInputs(kind: NodeKind): Readonly<Record<string, unknown>> {
  return isGenerationKind(kind) ? inputsFor(kind, defaultAdapter(kind)) : getDefinition<NodeKind>(kind).inputs;
}

const sizes = new Map<NodeKind, { width: number; height: number }>();

export function compactNodeSize(kind: NodeKind): { width: number; height: number } {
  let size = sizes.get(kind);
  if (!size) {
    const def = getDefinition<NodeKind>(kind);
    const rows = Math.max(Object.keys(compactInputs(kind)).length, Object.keys(def.outputs).length);
    const b = COMPACT_BOX;
    size = Object.freeze({
      width: b.width,
      height: b.borders + b.header + b.portsPadding + rows * b.portRow + b.summary,
    });
    sizes.set(kind, size);
  }
  return size;
}

const handleSets = new Map<NodeKind, readonly NodeHandle[]>();

/** Where React Flow would measure each handle of a compact node of this kind (relative to the node's box, zoom 1). */
export function compactNodeHandles(kind: NodeKind): readonly NodeHandle[] {
  let handles = handleSets.get(kind);
  if (!handles) {
    const def = getDefinition<NodeKind>(kind);
    const b = COMPACT_BOX;
    const border = b.borders / 2;
    const rowTop = (i: number) => border + b.header + b.portsPadding / 2 + i * b.portRow;
    const y = (i: number) => rowTop(i) + (b.portRow - b.handle) / 2;
    handles = Object.freeze([
      ...Object.keys(compactInputs(kind)).map((id, i): NodeHandle => ({
        id,
        type: "target",
        position: Position.Left,
        x: border - b.handleOut,
        y: y(i),
        width: b.handle,
        height: b.handle,
      })),
      ...Object.keys(def.outputs).map((id, i): NodeHandle => ({
        id,
        type: "source",
        position: Position.Right,
        x: b.width - border + b.handleOut - b.handle,
        y: y(i),
        width: b.handle,
        height: b.handle,
      })),
    ]);
    handleSets.set(kind, handles);
  }
  return handles;
}

import { useStore, type ReactFlowState } from "@xyflow/react";
import { shallow } from "zustand/shallow";
import type { ConnectionVerdict } from "../../nodes/connect";
import type { WireEnds } from "./connection-verdicts";

interface RefusedWire extends WireEnds {
  /** The pointer, in px from the canvas's top-left corner. */
  x: number;
  y: number;
  /** The canvas's width, to keep the words on screen near its right edge. */
  width: number;
}

const LABEL_WIDTH = 280;
const OFFSET = 16;

/**
 * The wire being dragged, while it is over an input (or output) that refuses it; null otherwise. Runs on every
 * change of React Flow's store, pans included, so it returns at once unless a connection is being dragged.
 */
function refusedWire(s: ReactFlowState): RefusedWire | null {
  const c = s.connection;
  if (!c.inProgress || c.isValid !== false || !c.toHandle || c.toHandle.type === c.fromHandle.type) return null;
  const [out, into] = c.fromHandle.type === "source" ? [c.fromHandle, c.toHandle] : [c.toHandle, c.fromHandle];
  return {
    source: out.nodeId,
    sourceHandle: out.id,
    target: into.nodeId,
    targetHandle: into.id,
    x: c.pointer.x,
    y: c.pointer.y,
    width: s.width,
  };
}

/**
 * While a wire is dragged over a handle that refuses it, why, in words (chaiNNer's refusals with reasons), before
 * anything is dropped: above the pointer, so the inputs below it stay in sight. A polite live region, present and
 * empty the rest of the time so screen readers hear the reason when it appears. Re-renders only during a
 * connection drag.
 */
export function ConnectionRefusal({ verdictOf }: { verdictOf(wire: WireEnds): ConnectionVerdict }) {
  const wire = useStore(refusedWire, shallow);
  const verdict = wire ? verdictOf(wire) : undefined;
  const reason = verdict && !verdict.ok ? verdict.reason : "";
  if (!wire || !reason) return <div className="connection-refusal" role="status" />;
  const left = wire.x + OFFSET + LABEL_WIDTH > wire.width ? wire.x - OFFSET - LABEL_WIDTH : wire.x + OFFSET;
  return (
    <div
      className="connection-refusal shown"
      role="status"
      style={{ transform: `translate(${Math.max(0, left)}px, ${wire.y - OFFSET}px) translateY(-100%)` }}
    >
      {reason}
    </div>
  );
}

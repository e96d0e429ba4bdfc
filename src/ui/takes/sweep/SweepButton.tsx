import type { NodeId } from "../../../domain/ids";
import { openSweep } from "./sweep-dialog-store";

/** "Sweep…" on a video node: opens the Sweep dialog for it (one job per value, bill first). */
export function SweepButton({ nodeId, disabled }: { nodeId: NodeId; disabled?: boolean }) {
  return (
    <button
      type="button"
      className="nodrag"
      data-testid={`sweep-${nodeId}`}
      disabled={disabled}
      title="Run this node once per value of one param, as takes"
      onClick={() => openSweep(nodeId)}
    >
      Sweep…
    </button>
  );
}

import type { NodeId } from "../../../domain/ids";
import { useServices } from "../../services";

/** "Sweep…" on a video node: opens the Sweep dialog for it (one job per value, bill first). */
export function SweepButton({ nodeId, disabled }: { nodeId: NodeId; disabled?: boolean }) {
  const { views } = useServices();
  return (
    <button
      type="button"
      className="nodrag"
      data-testid={`sweep-${nodeId}`}
      disabled={disabled}
      title="Run this node once per value of one param, as takes"
      onClick={() => views.sweep.setState({ nodeId })}
    >
      Sweep…
    </button>
  );
}

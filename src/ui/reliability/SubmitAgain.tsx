import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { usePlannedPrice } from "../node/use-node";
import { useServices } from "../services";

/**
 * The explicit way out of an ambiguous submit ("submit-unknown"): fal may already have the job,
 * so Reelflow never sends it again on its own. This button does, on the user's word, and says
 * what the new job will cost before it is pressed.
 */
export function SubmitAgain({ nodeId }: { nodeId: NodeId }) {
  const { runs, settings, runner } = useServices();
  const price = usePlannedPrice(nodeId);
  const busy = useStore(runs, (s) => s.busy);
  const simulated = useStore(settings, (s) => s.mode === "demo");
  const cost = simulated
    ? "$0, simulated"
    : price?.usd == null
      ? "price unknown"
      : `${price.upperBound ? "up to " : "≈ "}$${price.usd.toFixed(2)}`;
  return (
    <button
      type="button"
      className="nodrag"
      disabled={busy}
      onClick={() => void runner.submitAgain(nodeId)}
      title="Sends this job to fal again: check your fal requests first, fal may charge for both"
    >
      Submit again ({cost})
    </button>
  );
}

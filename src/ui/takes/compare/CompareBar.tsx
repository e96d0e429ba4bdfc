import { useStore } from "zustand";
import { useServices } from "../../services";
import { MAX_COMPARED } from "./selection";

/** The "n takes ticked · Compare · Clear" bar over the canvas while takes are ticked for comparison. */
export function CompareBar() {
  const { views } = useServices();
  const count = useStore(views.compareSelection, (s) => s.refs.length);
  if (count === 0) return null;
  return (
    <div className="compare-bar" role="toolbar" aria-label="Compare takes">
      <span>
        {count} take{count === 1 ? "" : "s"} ticked
        {count >= MAX_COMPARED ? ` (at most ${MAX_COMPARED})` : count < 2 ? ": tick one more" : ""}
      </span>
      <button
        type="button"
        className="primary"
        data-testid="compare-open"
        disabled={count < 2}
        onClick={() => views.compare.setState({ open: true })}
      >
        Compare
      </button>
      <button type="button" onClick={() => views.compareSelection.getState().clear()}>
        Clear
      </button>
    </div>
  );
}

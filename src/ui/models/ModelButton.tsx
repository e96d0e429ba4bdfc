import { memo } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { unavailableReason } from "../../nodes/catalogue/known";
import { findAdapter } from "../../nodes/registry";
import type { ModelAdapter } from "../../nodes/types";
import { markOf, perSecondText } from "./model-facts";
import { useServices } from "../services";

interface Props {
  nodeId: NodeId;
  /** The endpoint the node names. */
  endpoint: string;
  /** Its model; absent while it is not known (being looked up, or unavailable: the node says why). */
  adapter?: ModelAdapter;
}

/**
 * The node's model: its name, price per second at its defaults and where it comes from ("curated" or
 * "fal schema <date>"), and ⚠ when fal's live description of a curated model differs
 * from it (the title says how). Pressing it opens the model picker (loaded then).
 */
export const ModelButton = memo(function ModelButton({ nodeId, endpoint, adapter }: Props) {
  const { views } = useServices();
  const warning = useStore(views.modelWarnings, (w) => w[endpoint]);
  // A retired model is said once on the node, by its marker above this button (../retired/RetiredOffer.tsx).
  const text = adapter
    ? `${adapter.label} · ${perSecondText(adapter)} · ${markOf(adapter)}`
    : `${endpoint} · not available`;
  const notes = [endpoint, warning && `⚠ ${warning}`];
  return (
    <label className="param">
      <span>Model</span>
      <button
        type="button"
        className="nodrag"
        aria-label={`Model ${text}`}
        aria-haspopup="dialog"
        data-model-button=""
        data-endpoint={endpoint}
        title={notes.filter(Boolean).join("\n")}
        style={{ textAlign: "left" }}
        onClick={() => views.modelPicker.setState({ nodeId })}
      >
        {text}
        {warning && <span data-testid="model-warning"> ⚠</span>}
      </button>
    </label>
  );
});

/**
 * Why the node's model cannot run; while a model not known yet has no verdict (the catalogue is looking it up
 * before the next plan, which marks it unavailable with a reason if it finds none), that it is being looked up.
 */
export function ModelProblem({ endpoint, reason }: { endpoint: string; reason: string }) {
  if (findAdapter(endpoint) === undefined && unavailableReason(endpoint) === undefined) {
    return <div className="hint">Looking up {endpoint} in fal's catalogue…</div>;
  }
  return (
    <div className="node-error">This node's model cannot run: {reason}. Pick another with the Model button below.</div>
  );
}

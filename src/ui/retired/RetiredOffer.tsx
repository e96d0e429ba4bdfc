import { useCallback, useState } from "react";
import type { GenerationNode } from "../../domain/workflow";
import { defaultAdapter, findAdapter } from "../../nodes/registry";
import type { ModelAdapter } from "../../nodes/types";
import { useNodeDisplay } from "../node/use-node";
import { useServices } from "../services";

/**
 * The model the node should move to: the retired adapter's named successor, or, when fal said the
 * endpoint is gone (404/410) for a model we did not know was retired, today's default of the kind.
 */
export function successorFor(adapter: ModelAdapter, gone: boolean): ModelAdapter | undefined {
  const named = adapter.retired ? findAdapter(adapter.retired.successor) : undefined;
  if (named && named.kind === adapter.kind) return named;
  if (!adapter.retired && !gone) return undefined;
  const fallback = defaultAdapter(adapter.kind);
  return fallback.endpoint === adapter.endpoint || fallback.retired ? undefined : fallback;
}

/**
 * Marker and one-click switch for a node whose model is retired, or which fal answered with
 * "not found" (model gone). The switch is one editor command, so one undo step brings it back.
 */
export function RetiredOffer({ node, adapter }: { node: GenerationNode; adapter: ModelAdapter }) {
  const { editor } = useServices();
  const display = useNodeDisplay(node.id);
  const [dropped, setDropped] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const gone = display.error?.code === "not-found";
  const next = successorFor(adapter, gone);

  const switchModel = useCallback(() => {
    if (!next) return;
    const r = editor.getState().setEndpoint(node.id, next.endpoint);
    if (!r.ok) {
      setProblem(r.reason);
      return;
    }
    setProblem(null);
    setDropped(r.value.dropped);
  }, [editor, next, node.id]);

  if (!adapter.retired && !gone) {
    return dropped && dropped.length > 0 ? <DroppedNote dropped={dropped} /> : null;
  }
  return (
    // Not role="alert": the node's own error block already is one; this is the way out of it.
    <div
      className={`retired-offer${gone ? " gone" : ""}`}
      data-testid="retired-offer"
      style={gone ? { border: "2px solid currentColor", borderRadius: 6, padding: 6, fontWeight: 600 } : undefined}
    >
      {adapter.retired && (
        <strong className="retired-marker" data-testid="retired-marker" title={adapter.retired.note}>
          {adapter.family} retired {adapter.retired.on}
        </strong>
      )}
      {gone && (
        <div data-testid="model-gone">fal no longer runs {adapter.label}: the model is gone. Nothing was made.</div>
      )}
      {next ? (
        <button type="button" className="nodrag" onClick={switchModel}>
          Switch to {next.label}
        </button>
      ) : (
        <div className="hint">Pick a current model in the list below.</div>
      )}
      {problem && <div className="error-text">{problem}</div>}
      {dropped && dropped.length > 0 && <DroppedNote dropped={dropped} />}
    </div>
  );
}

function DroppedNote({ dropped }: { dropped: string[] }) {
  return (
    <div className="hint" data-testid="switch-dropped">
      Not taken by the new model, removed: {dropped.join(", ")}.
    </div>
  );
}

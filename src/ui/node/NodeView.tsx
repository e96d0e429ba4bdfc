import { Handle, Position, useNodeId, useUpdateNodeInternals, type NodeProps } from "@xyflow/react";
import { memo, useCallback, useEffect, useMemo, useRef } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { type GenerationNode, type NodeKind, type ParamValue, type WorkflowNode } from "../../domain/workflow";
import { adapterForNode, defaultAdapter, FILE_DEFAULT_ENDPOINTS, getDefinition } from "../../nodes/registry";
import { inputsOfNode } from "../../nodes/connect";
import { validateParams } from "../../nodes/params";
import type { NodeDefinition, PortValues } from "../../nodes/types";
import { useServices } from "../services";
import { ModelButton, ModelProblem } from "../models/ModelButton";
import { useCatalogueVersion } from "../models/use-catalogue-version";
import { MediaInput } from "./MediaInput";
import { ModelAction, promptPlaceholder } from "./ModelAction";
import { ParamList } from "./ParamList";
import { PromptArea } from "./PromptArea";
import { ResultView } from "./ResultView";
import { StatusBadge } from "./StatusBadge";
import { useDetailed } from "./detail-level";
import { useNodeDisplay, useNodeProblems, usePlannedPrice, useWiredInputs, useWorkflowNode } from "./use-node";
import { ErrorAdvice } from "../reliability/ErrorAdvice";
import { SubmitAgain } from "../reliability/SubmitAgain";
import { RetiredOffer } from "../retired/RetiredOffer";
import { TakeStrip } from "../takes/strip/TakeStrip";
import { SweepButton } from "../takes/sweep/SweepButton";

/**
 * The one node view: every kind is drawn from its definition (ports → handles, model params →
 * fields). It subscribes to its own node, its own incoming edges and its own run state only,
 * so a drag or a run event elsewhere does not re-render it. Zoomed out it draws a compact summary
 * (the canvas says which, see detail-level.ts).
 */
export const NodeView = memo(function NodeView({ id }: Pick<NodeProps, "id">) {
  const node = useWorkflowNode(id);
  // A node naming a catalogue model is drawn again when that model resolves (or is found unavailable).
  useCatalogueVersion();
  const display = useNodeDisplay(id);
  const detailed = useDetailed();
  if (!node) return null;
  const def = getDefinition<NodeKind>(node.type);
  if (!detailed) {
    return (
      <div className="rf-node compact" data-node-id={id} data-status={display.status} data-kind={node.type}>
        <header>
          <span className="title">{def.title}</span>
          <StatusBadge display={display} />
        </header>
        <Ports def={def} inputs={inputsOfNode(node)} labels={false} />
        <div className="body summary">{clip(summaryOf(node), 30)}</div>
      </div>
    );
  }
  return (
    <div className="rf-node" data-node-id={id} data-status={display.status} data-kind={node.type}>
      <header>
        <span className="title">{def.title}</span>
        <span className="node-id">{id}</span>
        <StatusBadge display={display} />
      </header>
      <Ports def={def} inputs={inputsOfNode(node)} />
      <div className="body">
        <NodeBody node={node} />
        {display.error && (
          <div className="node-error" role="alert">
            {display.error.message}
            <ErrorAdvice error={display.error} node={node} />
            {display.error.code === "submit-unknown" && <SubmitAgain nodeId={id as NodeId} />}
            {display.error.mayHaveBeenCharged && <div className="hint">fal may have charged for this attempt.</div>}
          </div>
        )}
        {display.status === "skipped" && display.skippedBecause && (
          <div className="hint">Skipped: {display.skippedBecause} failed.</div>
        )}
        {display.result && <ResultView result={display.result} nodeId={id} stale={display.stale} />}
        <TakeStrip nodeId={id as NodeId} />
      </div>
    </div>
  );
});

/** Cut to fit one line of the compact node (which does not clip its overflow, see theme.css). */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line saying what the node holds, for the zoomed-out view. */
function summaryOf(node: WorkflowNode): string {
  switch (node.type) {
    case "prompt":
      return node.data.text.slice(0, 80) || "(empty)";
    case "image":
    case "video":
      return node.data.asset ? "local file" : node.data.url ? node.data.url.slice(0, 60) : "(none)";
    case "text-to-video":
    case "image-to-video":
    case "remix":
    case "text-to-image":
    case "image-edit": {
      const lookup = adapterForNode(node);
      return `${node.id} · ${lookup.ok ? lookup.adapter.label : "unknown model"}`;
    }
    default: {
      const _: never = node;
      return _;
    }
  }
}

/**
 * Tells React Flow to measure the handles again when another model brings other input ports (it measures them on
 * a resize only, and an end frame swapped for reference images keeps the node's size). Not on mount: React Flow
 * measures a new node anyway, and 1,000 nodes opening must not each ask twice.
 */
function useHandlesChanged(handles: string): void {
  const id = useNodeId();
  const update = useUpdateNodeInternals();
  const seen = useRef(handles);
  useEffect(() => {
    if (seen.current === handles || !id) return;
    seen.current = handles;
    update(id);
  }, [handles, id, update]);
}

/**
 * Handles, one port row each. Compact nodes leave the labels out: under DETAIL_ZOOM an 11 px label is a few screen
 * pixels high, and 1,000 nodes' labels are text to lay out and paint when a big graph opens (the handle's title
 * still names the port).
 */
function Ports({
  def,
  inputs: declared,
  labels = true,
}: {
  def: NodeDefinition;
  inputs: NodeDefinition["inputs"];
  labels?: boolean;
}) {
  const inputs = Object.entries(declared);
  useHandlesChanged(inputs.map(([name]) => name).join(" "));
  const outputs = Object.entries(def.outputs);
  return (
    <div className="ports">
      <div className="inputs">
        {inputs.map(([name, spec]) => (
          <div className="port-row" key={name}>
            <Handle
              type="target"
              position={Position.Left}
              id={name}
              className={`port-${spec.type}`}
              title={`${spec.label} (${spec.type}${spec.multiple ? ", several" : ""})`}
            />
            {labels && `${spec.label}${spec.multiple ? " (several)" : ""}${spec.required ? "" : " (optional)"}`}
          </div>
        ))}
      </div>
      <div className="outputs">
        {outputs.map(([name, spec]) => (
          <div className="port-row" key={name}>
            {labels && spec.label}
            <Handle
              type="source"
              position={Position.Right}
              id={name}
              className={`port-${spec.type}`}
              title={`${spec.label} (${spec.type})`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

function NodeBody({ node }: { node: WorkflowNode }) {
  const { editor } = useServices();
  const problems = useNodeProblems(node.id);
  const commit = useCallback(() => editor.getState().breakCoalescing(), [editor]);
  let body: React.ReactNode;
  switch (node.type) {
    case "prompt":
      body = (
        <PromptArea
          label="Prompt text"
          placeholder="Describe the video…"
          value={node.data.text}
          onChange={(t) => editor.getState().setPromptText(node.id, t)}
          onCommit={commit}
        />
      );
      break;
    case "image":
    case "video":
      body = <MediaInput nodeId={node.id} what={node.type} data={node.data} />;
      break;
    case "text-to-video":
    case "image-to-video":
    case "remix":
    case "text-to-image":
    case "image-edit":
      body = <GenerationBody node={node} onCommit={commit} />;
      break;
    default: {
      const _: never = node;
      body = _;
    }
  }
  return (
    <>
      {body}
      {problems.length > 0 && (
        <ul className="hint" style={{ margin: 0, paddingLeft: 16 }} data-testid="node-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function GenerationBody({ node, onCommit }: { node: GenerationNode; onCommit(): void }) {
  const { editor, toasts, runner, runs, settings } = useServices();
  const wired = useWiredInputs(node.id);
  // A node without `data.endpoint` means the file-format default (Sora 2 standard), not today's default for new nodes.
  const lookup = adapterForNode(node);
  const adapter = lookup.ok ? lookup.adapter : defaultAdapter(node.type);
  const params = useMemo(() => node.data.params ?? {}, [node.data.params]);
  const typedPrompt = typeof params.prompt === "string" ? params.prompt : "";
  const issues = useMemo(() => {
    const ports: PortValues = wired.has("prompt") ? {} : typedPrompt ? { prompt: typedPrompt } : {};
    const map = new Map<string, string>();
    for (const i of validateParams(adapter, params, ports)) if (!map.has(i.field)) map.set(i.field, i.message);
    return map;
  }, [adapter, params, wired, typedPrompt]);
  const price = usePlannedPrice(node.id);
  const busy = useStore(runs, (s) => s.busy);
  const simulated = useStore(settings, (s) => s.mode === "demo");

  const setParam = useCallback(
    (name: string, value: ParamValue | undefined) => {
      const r = editor.getState().setParam(node.id, name, value);
      if (!r.ok) toasts.getState().show(r.reason, { tone: "error" });
    },
    [editor, node.id, toasts],
  );

  return (
    <>
      {!lookup.ok && (
        <ModelProblem endpoint={node.data.endpoint ?? FILE_DEFAULT_ENDPOINTS[node.type]} reason={lookup.reason} />
      )}
      <RetiredOffer node={node} adapter={adapter} />
      <ModelButton
        nodeId={node.id}
        endpoint={node.data.endpoint ?? FILE_DEFAULT_ENDPOINTS[node.type]}
        adapter={lookup.ok ? lookup.adapter : undefined}
      />
      {lookup.ok && <ModelAction adapter={lookup.adapter} />}
      {!wired.has("prompt") && "prompt" in getDefinition(node.type).inputs && (
        <PromptArea
          label="Prompt"
          placeholder={promptPlaceholder(adapter)}
          value={typedPrompt}
          onChange={(t) => editor.getState().setPromptText(node.id, t)}
          onCommit={onCommit}
        />
      )}
      <ParamList
        endpoint={adapter.endpoint}
        specs={adapter.params}
        params={params}
        issues={issues}
        onParam={setParam}
        onCommit={onCommit}
      />
      {issues.get("prompt") && <small className="error-text">{issues.get("prompt")}</small>}
      <div className="price">
        {simulated ? (
          <span className="simulated">$0 · simulated</span>
        ) : price ? (
          price.usd === null ? (
            "price unknown"
          ) : (
            <>
              {price.upperBound ? "up to " : "≈ "}${price.usd.toFixed(2)} · {price.basis}
            </>
          )
        ) : null}
      </div>
      <div className="actions">
        <button type="button" className="nodrag" disabled={busy} onClick={() => void runner.runNode(node.id)}>
          Run this node
        </button>
        <button type="button" className="nodrag" disabled={busy} onClick={() => void runner.runUpTo(node.id)}>
          Run up to here
        </button>
        <SweepButton nodeId={node.id} disabled={busy} />
        <button type="button" className="nodrag" onClick={() => runs.setState({ logsFor: node.id })}>
          Logs
        </button>
      </div>
    </>
  );
}

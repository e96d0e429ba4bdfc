import { useEffect, useState } from "react";
import { useStore } from "zustand";
import type { CacheKey, NodeId } from "../../../domain/ids";
import type { LineageStep, Take } from "../../../domain/take";
import { lineageOf } from "../../../engine/takes";
import { findAdapter, getDefinition } from "../../../nodes/registry";
import { NODE_KINDS, type NodeKind } from "../../../domain/workflow";
import { usdText } from "../../money/format";
import { useServices } from "../../services";
import { downloadBlob } from "../../workflows/save-file";
import type { TakeRef } from "../compare/selection";
import "../takes-dialogs.css";
import { lineageFileName, lineageFileText } from "./export-lineage";
import { messageOf } from "../../../domain/message-of";
import { useEscapeCloses } from "../../panels/escape-closes";

/** Reads takes for the panel (the app's take service; tests pass their own). */
export interface LineageSources {
  take(ref: TakeRef): Promise<Take | undefined>;
}

/** Mounted once in the app: the Lineage panel of the take a strip's lineage button named (`views.lineage`). */
export function LineagePanelHost({ sources }: { sources: LineageSources | null }) {
  const { views } = useServices();
  const ref = useStore(views.lineage, (s) => s.ref);
  if (!ref) return null;
  return (
    <LineagePanel
      key={`${ref.workflowId}/${ref.nodeId}/${ref.key}`}
      takeRef={ref}
      sources={sources}
      onClose={() => views.lineage.setState({ ref: null })}
    />
  );
}

type Loaded = { ok: true; steps: LineageStep[] } | { ok: false; message: string };

export function LineagePanel({
  takeRef,
  sources,
  onClose,
}: {
  takeRef: TakeRef;
  sources: LineageSources | null;
  onClose(): void;
}) {
  const { editor, toasts } = useServices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // The take's lineage button that opened the panel (focused when pressed): Escape gives the focus back to it.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEscapeCloses(onClose, () => opener);

  useEffect(() => {
    if (!sources) return;
    let alive = true;
    void (async () => {
      try {
        const take = await sources.take(takeRef);
        if (!take)
          return alive && setLoaded({ ok: false, message: `This take of ${takeRef.nodeId} is no longer stored here.` });
        const steps = await lineageOf(take, (nodeId: NodeId, key: CacheKey) =>
          sources.take({ workflowId: takeRef.workflowId, nodeId, key }),
        );
        if (alive) setLoaded({ ok: true, steps });
      } catch (e) {
        if (alive) setLoaded({ ok: false, message: messageOf(e) });
      }
    })();
    return () => {
      alive = false;
    };
  }, [sources, takeRef]);

  const exportIt = () => {
    if (!loaded?.ok) return;
    const { doc, workflowId } = editor.getState();
    if (workflowId !== takeRef.workflowId) {
      toasts
        .getState()
        .show("This take belongs to another workflow: open that workflow to export it with its lineage.", {
          tone: "error",
        });
      return;
    }
    const text = lineageFileText(doc, { nodeId: takeRef.nodeId, key: takeRef.key }, loaded.steps);
    downloadBlob(new Blob([text], { type: "application/json" }), lineageFileName(doc, takeRef.nodeId));
  };

  return (
    <aside className="side lineage" aria-label="Lineage panel" data-testid="lineage-panel">
      <h2>
        Lineage of {takeRef.nodeId}
        <button type="button" aria-label="Close lineage" onClick={onClose}>
          ×
        </button>
      </h2>
      {!sources ? (
        <p className="hint">Takes are not available here.</p>
      ) : !loaded ? (
        <p className="hint">Loading…</p>
      ) : !loaded.ok ? (
        <p className="hint" role="alert">
          {loaded.message}
        </p>
      ) : (
        <>
          <p className="hint">What made this take, newest first: each video below fed the one above it.</p>
          <ol>
            {loaded.steps.map((step, i) => (
              <li
                key={i}
                style={{ marginLeft: step.depth * 14 }}
                data-testid="lineage-step"
                data-kind={step.kind}
                data-depth={step.depth}
              >
                <StepView step={step} />
              </li>
            ))}
          </ol>
          <div className="takes-actions">
            <button type="button" data-testid="lineage-export" onClick={exportIt}>
              Export with workflow
            </button>
          </div>
        </>
      )}
    </aside>
  );
}

const kindTitle = (kind: string) =>
  (NODE_KINDS as readonly string[]).includes(kind) ? getDefinition(kind as NodeKind).title : kind;

/** "fed its video", "fed its prompt": how a step reached the one above it. */
const viaPort = (port: string | null) => (port ? `→ its ${port}: ` : "");

function StepView({ step }: { step: LineageStep }) {
  switch (step.kind) {
    case "take": {
      const t = step.take;
      const model = findAdapter(t.endpoint)?.label ?? t.endpoint;
      const params = Object.entries(t.params)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(", ");
      const isRemix = findAdapter(t.endpoint)?.kind === "remix";
      return (
        <>
          <span className="hint">{viaPort(step.port)}</span>
          <span className="what">
            {isRemix ? "Remix" : "Take"} of {t.nodeId}
          </span>{" "}
          · {model}
          {params ? ` · ${params}` : ""}
          {t.sweep ? ` · from a sweep of ${t.sweep.param}` : ""} ·{" "}
          {t.costUsd === null ? "price unknown" : usdText(t.costUsd)} · {new Date(t.createdAt).toLocaleString()}
          {/* A prompt from a Prompt node is shown on that source's own line below. */}
          {t.prompt !== null && t.prompt !== "" && !t.inputs.some((i) => i.port === "prompt") && (
            <blockquote>“{t.prompt}”</blockquote>
          )}
          {isRemix && <div className="hint">remix of the video below</div>}
        </>
      );
    }
    case "source":
      return (
        <>
          <span className="hint">{viaPort(step.port)}</span>
          <span className="what">
            {kindTitle(step.input.kind)} {step.input.nodeId}
          </span>
          {step.input.text !== undefined && <blockquote>“{step.input.text}”</blockquote>}
        </>
      );
    case "missing-take":
      return (
        <>
          <span className="hint">{viaPort(step.port)}</span>
          <span className="what">A take of {step.nodeId}</span> that is no longer stored here
        </>
      );
    default: {
      const _: never = step;
      return _;
    }
  }
}

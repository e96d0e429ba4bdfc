import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../../domain/ids";
import { isGenerationNode, type GenerationNode, type ParamValue } from "../../../domain/workflow";
import type { RunEvent } from "../../../engine/events";
import { initialRunState, reduceRun, type RunState } from "../../../engine/run-state";
import type { SweepSpec } from "../../../engine/sweep";
import { billTotalText } from "../../money/format";
import { useServices, type Services } from "../../services";
import { takeServiceOf } from "../compare/take-sources";
import { TakesDialogFrame } from "../TakesDialogFrame";
import { SweepBill } from "./SweepBill";
import { sweepChoicesFor } from "./sweep-options";
import { previewSweep, runSweep, type SweepDeps, type SweepOutcome, type SweepPreview } from "./sweep-session";
import { ValuesInput, valuesOf, type SweepInputs } from "./SweepValues";
import { sameValues, useSameValues } from "./same-values";
import { messageOf } from "../../../domain/message-of";

/** Mounted once in the app: shows the Sweep dialog of the node whose `sweep-<id>` button was pressed. */
export default function SweepDialogHost() {
  const { views } = useServices();
  const nodeId = useStore(views.sweep, (s) => s.nodeId);
  const close = () => views.sweep.setState({ nodeId: null });
  return nodeId ? <SweepDialog key={nodeId} nodeId={nodeId} onClose={close} /> : null;
}

/** What the dialog needs from the app, or why it cannot work here. */
function sweepDeps(s: Services): SweepDeps | string {
  const { money } = s;
  const takes = takeServiceOf(s);
  if (!money) return "Sweeps need the bill, which is not available here.";
  if (!takes) return "Sweeps need the take store, which is not available here.";
  return {
    getWorkflow: () => s.editor.getState().doc,
    workflowId: () => s.editor.getState().workflowId,
    runner: s.runner,
    billOfPlan: (plan) => money.billOfPlan(plan),
    recordTake: (take, result) => takes.record(take, result),
  };
}

export function SweepDialog({ nodeId, onClose }: { nodeId: NodeId; onClose(): void }) {
  const services = useServices();
  const node = useStore(services.editor, (s) => s.doc.nodes.find((n) => n.id === nodeId));
  const deps = useMemo(() => sweepDeps(services), [services]);
  return (
    <TakesDialogFrame kind="sweep" title={`Sweep ${nodeId}`} onClose={onClose}>
      {!node || !isGenerationNode(node) ? (
        <p className="hint">This node is gone or makes no video: nothing to sweep.</p>
      ) : typeof deps === "string" ? (
        <p className="hint">{deps}</p>
      ) : (
        <SweepForm node={node} deps={deps} />
      )}
    </TakesDialogFrame>
  );
}

function SweepForm({ node, deps }: { node: GenerationNode; deps: SweepDeps }) {
  const { runs, toasts, editor } = useServices();
  const choices = useMemo(() => sweepChoicesFor(node), [node]);
  const [param, setParam] = useState<string>(
    () => (choices.find((c) => c.param === "duration") ?? choices[0])?.param ?? "",
  );
  const [inputs, setInputs] = useState<SweepInputs>({ picked: {}, typed: {} });
  const [newTakes, setNewTakes] = useState(false);
  const [preview, setPreview] = useState<SweepPreview | null>(null);
  const [progress, setProgress] = useState<RunState | null>(null);
  const [outcome, setOutcome] = useState<SweepOutcome | null>(null);
  const [running, setRunning] = useState(false);
  const busy = useStore(runs, (s) => s.busy);
  // The document changing (an edit, or the takes a run chose) can change what the sweep costs.
  const doc = useStore(editor, (s) => s.doc);

  const choice = choices.find((c) => c.param === param);
  const typed = choice ? valuesOf(choice, inputs) : { values: [], problem: "This node has nothing to sweep" };
  const { problem } = typed;
  // The same array while the values stay the same, so the bill is asked again only when they change.
  const values = useSameValues(typed.values);

  useEffect(() => {
    if (problem || !choice || running) return;
    let alive = true;
    const spec: SweepSpec = { nodeId: node.id, param: choice.param, values };
    const timer = setTimeout(() => {
      previewSweep(deps, spec, { newTakes })
        .then((p) => alive && setPreview(p))
        .catch((e: unknown) => alive && setPreview({ ok: false, errors: [messageOf(e)] }));
    }, 120);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, node.id, param, values, newTakes, problem, doc, busy, running]);

  // Statuses of a finished sweep belong to its lines only: another choice of values starts afresh.
  useEffect(() => {
    setProgress(null);
    setOutcome(null);
  }, [param, values, newTakes]);

  const shown = problem ? null : preview;
  const shownOk =
    shown?.ok === true && shown.spec.param === param && sameValues(shown.spec.values, values) ? shown : null;

  const run = async () => {
    if (!shownOk) return;
    setRunning(true);
    setOutcome(null);
    let state: RunState = initialRunState;
    setProgress(state);
    try {
      const out = await runSweep(deps, shownOk, (ev: RunEvent) => {
        state = reduceRun(state, ev);
        setProgress(state);
      });
      setOutcome(out);
      // Done well: the fresh bill's words ("free: already made") say it; failures keep their line status.
      if (out.summary?.ok) setProgress(null);
      if (out.summary) {
        const n = out.filed.length;
        toasts
          .getState()
          .show(
            `Sweep of ${node.id}: ${n} take${n === 1 ? "" : "s"} filed${out.notFiled.length ? `, ${out.notFiled.length} not kept` : ""}.`,
          );
      }
    } finally {
      setRunning(false);
    }
  };

  const toggle = (p: string, v: ParamValue) =>
    setInputs((s) => {
      const cur = s.picked[p] ?? [];
      return { ...s, picked: { ...s.picked, [p]: cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v] } };
    });
  const type = (p: string, text: string) => setInputs((s) => ({ ...s, typed: { ...s.typed, [p]: text } }));

  if (choices.length === 0 || !choice) return <p className="hint">This node's model has nothing to sweep.</p>;

  return (
    <>
      <label className="field">
        <span>Param to sweep</span>
        <select value={param} onChange={(e) => setParam(e.target.value)} aria-label="Param to sweep">
          {choices.map((c) => (
            <option key={c.param} value={c.param}>
              {c.kind === "prompt" ? "Prompt (one per line)" : c.label}
            </option>
          ))}
        </select>
      </label>
      <ValuesInput choice={choice} inputs={inputs} toggle={toggle} type={type} />
      <label className="hint">
        <input type="checkbox" checked={newTakes} onChange={(e) => setNewTakes(e.target.checked)} /> New takes: pay
        again for values already made
      </label>
      {problem && <p className="hint">{problem}</p>}
      {shown && !shown.ok && (
        <div role="alert" className="money-refusal">
          <p>This sweep cannot run:</p>
          <ul>
            {shown.errors.slice(0, 6).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {shownOk && <SweepBill preview={shownOk} choice={choice} progress={progress} />}
      {shownOk && !shownOk.verdict.ok && (
        <p className="money-refusal" role="alert">
          {shownOk.verdict.message.replace(/ Nothing was sent\.$/, "")}
        </p>
      )}
      <div className="takes-actions">
        <button
          type="button"
          className="primary"
          data-testid="sweep-run"
          disabled={!shownOk || !shownOk.verdict.ok || busy || running}
          onClick={() => void run()}
        >
          {running
            ? "Sweeping…"
            : shownOk
              ? `Run sweep (${shownOk.bill.paidCount} paid, ${billTotalText(shownOk.bill)})`
              : "Run sweep"}
        </button>
      </div>
      {outcome && (
        <p className="hint" role="status" data-testid="sweep-outcome">
          {outcome.summary === null
            ? "Nothing was sent."
            : `${outcome.filed.length} take${outcome.filed.length === 1 ? "" : "s"} filed on ${node.id}${outcome.summary.ok ? "" : " (some values failed: see their lines)"}.`}
          {outcome.notFiled.map((n) => ` ${String(n.value)}: not kept (${n.message}).`).join("")}
        </p>
      )}
    </>
  );
}

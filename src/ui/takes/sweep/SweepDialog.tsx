import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../../domain/ids";
import { isGenerationNode, type GenerationNode, type ParamValue } from "../../../domain/workflow";
import type { RunEvent } from "../../../engine/events";
import { initialRunState, reduceRun, type RunState } from "../../../engine/run-state";
import type { SweepSpec } from "../../../engine/sweep";
import { billTotalText, entryCostText, usdText } from "../../money/format";
import { useServices, type Services } from "../../services";
import { takeServiceOf } from "../compare/take-sources";
import { focusOnMount } from "../compare/focus-on-mount";
import "../takes-dialogs.css";
import { closeSweep, sweepDialog } from "./sweep-dialog-store";
import { parseNumberList, parsePromptLines, sweepChoicesFor, valuesProblem, valueText, type SweepChoice } from "./sweep-options";
import { previewSweep, runSweep, type SweepDeps, type SweepOutcome, type SweepPreview } from "./sweep-session";

/** Mounted once in the app: shows the Sweep dialog of the node whose `sweep-<id>` button was pressed. */
export default function SweepDialogHost() {
  const nodeId = useStore(sweepDialog, (s) => s.nodeId);
  return nodeId ? <SweepDialog key={nodeId} nodeId={nodeId} onClose={closeSweep} /> : null;
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
    <div className="takes-overlay" role="presentation" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <section ref={focusOnMount} tabIndex={-1} className="takes-dialog sweep" role="dialog" aria-modal="true" aria-label={`Sweep ${nodeId}`} data-testid="sweep-dialog">
        <h2>
          Sweep {nodeId}
          <button type="button" aria-label="Close sweep" onClick={onClose}>
            ×
          </button>
        </h2>
        {!node || !isGenerationNode(node) ? (
          <p className="hint">This node is gone or makes no video: nothing to sweep.</p>
        ) : typeof deps === "string" ? (
          <p className="hint">{deps}</p>
        ) : (
          <SweepForm node={node} deps={deps} />
        )}
      </section>
    </div>
  );
}

type Inputs = { picked: Record<string, ParamValue[]>; typed: Record<string, string> };

/** The values the form holds for a choice, or why they are not usable yet. */
function valuesOf(choice: SweepChoice, inputs: Inputs): { values: ParamValue[]; problem: string | null } {
  switch (choice.kind) {
    case "enum":
    case "endpoint": {
      const picked = inputs.picked[choice.param] ?? [];
      const options: readonly ParamValue[] = choice.kind === "enum" ? choice.options : choice.options.map((o) => o.value);
      const values = options.filter((o) => picked.includes(o));
      return { values, problem: valuesProblem(values) };
    }
    case "number": {
      const parsed = parseNumberList(inputs.typed[choice.param] ?? "", choice);
      return parsed.ok ? { values: parsed.values, problem: valuesProblem(parsed.values) } : { values: [], problem: parsed.message };
    }
    case "prompt": {
      const values = parsePromptLines(inputs.typed.prompt ?? "");
      return { values, problem: valuesProblem(values) };
    }
    default: {
      const _: never = choice;
      return _;
    }
  }
}

function SweepForm({ node, deps }: { node: GenerationNode; deps: SweepDeps }) {
  const { runs, toasts, editor } = useServices();
  const choices = useMemo(() => sweepChoicesFor(node), [node]);
  const [param, setParam] = useState<string>(() => (choices.find((c) => c.param === "duration") ?? choices[0])?.param ?? "");
  const [inputs, setInputs] = useState<Inputs>({ picked: {}, typed: {} });
  const [newTakes, setNewTakes] = useState(false);
  const [preview, setPreview] = useState<SweepPreview | null>(null);
  const [progress, setProgress] = useState<RunState | null>(null);
  const [outcome, setOutcome] = useState<SweepOutcome | null>(null);
  const [running, setRunning] = useState(false);
  const busy = useStore(runs, (s) => s.busy);
  // The document changing (an edit, or the takes a run chose) can change what the sweep costs.
  const doc = useStore(editor, (s) => s.doc);

  const choice = choices.find((c) => c.param === param);
  const { values, problem } = choice ? valuesOf(choice, inputs) : { values: [], problem: "This node has nothing to sweep" };
  const valuesKey = JSON.stringify(values);

  useEffect(() => {
    if (problem || !choice || running) return;
    let alive = true;
    const spec: SweepSpec = { nodeId: node.id, param: choice.param, values };
    const timer = setTimeout(() => {
      previewSweep(deps, spec, { newTakes })
        .then((p) => alive && setPreview(p))
        .catch((e: unknown) => alive && setPreview({ ok: false, errors: [e instanceof Error ? e.message : String(e)] }));
    }, 120);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, node.id, param, valuesKey, newTakes, problem, doc, busy, running]);

  // Statuses of a finished sweep belong to its lines only: another choice of values starts afresh.
  useEffect(() => {
    setProgress(null);
    setOutcome(null);
  }, [param, valuesKey, newTakes]);

  const shown = problem ? null : preview;
  const shownOk = shown?.ok === true && shown.spec.param === param && JSON.stringify(shown.spec.values) === valuesKey ? shown : null;

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
        toasts.getState().show(`Sweep of ${node.id}: ${n} take${n === 1 ? "" : "s"} filed${out.notFiled.length ? `, ${out.notFiled.length} not kept` : ""}.`);
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
        <input type="checkbox" checked={newTakes} onChange={(e) => setNewTakes(e.target.checked)} /> New takes: pay again for values already made
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
          {running ? "Sweeping…" : shownOk ? `Run sweep (${shownOk.bill.paidCount} paid, ${billTotalText(shownOk.bill)})` : "Run sweep"}
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

function ValuesInput({ choice, inputs, toggle, type }: { choice: SweepChoice; inputs: Inputs; toggle(p: string, v: ParamValue): void; type(p: string, t: string): void }) {
  switch (choice.kind) {
    case "enum":
    case "endpoint": {
      const picked = inputs.picked[choice.param] ?? [];
      const options = choice.kind === "enum" ? choice.options.map((o) => ({ value: o, label: String(o), note: "" })) : choice.options.map((o) => ({ value: o.value as ParamValue, label: o.label, note: o.retired ? " (retired)" : "" }));
      return (
        <fieldset className="field sweep-values" aria-label={`${choice.label} values`}>
          <legend className="hint">Values of {choice.label}</legend>
          {options.map((o) => (
            <label key={String(o.value)}>
              <input type="checkbox" data-testid={`sweep-value-${String(o.value)}`} checked={picked.includes(o.value)} onChange={() => toggle(choice.param, o.value)} />
              {o.label}
              {o.note}
              {o.value === choice.current ? <span className="hint"> (now)</span> : null}
            </label>
          ))}
        </fieldset>
      );
    }
    case "number":
      return (
        <label className="field">
          <span>
            Values of {choice.label} ({choice.min}–{choice.max}), separated by commas
          </span>
          <input type="text" value={inputs.typed[choice.param] ?? ""} onChange={(e) => type(choice.param, e.target.value)} aria-label={`${choice.label} values`} />
        </label>
      );
    case "prompt":
      return (
        <label className="field">
          <span>Prompts, one per line</span>
          <textarea rows={5} value={inputs.typed.prompt ?? ""} onChange={(e) => type("prompt", e.target.value)} aria-label="Prompts, one per line" placeholder={choice.current} />
        </label>
      );
    default: {
      const _: never = choice;
      return _;
    }
  }
}

const STATUS_TEXT: Record<string, string> = { paid: "to pay", cached: "free: already made", "in-flight": "free: already sent", unavailable: "unavailable" };

function SweepBill({ preview, choice, progress }: { preview: Extract<SweepPreview, { ok: true }>; choice: SweepChoice; progress: RunState | null }) {
  const { bill, lines, upstream, simulated } = preview;
  const statusOf = (id: NodeId) => progress?.nodes[id]?.status;
  return (
    <>
      {simulated && <p className="hint">Demo mode: simulated, $0; below is what fal would charge.</p>}
      <table className="money-table" aria-label="Sweep bill" data-testid="sweep-bill">
        <thead>
          <tr>
            <th>{choice.label}</th>
            <th>Model</th>
            <th>Status</th>
            <th className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.runNodeId} data-testid="sweep-line" data-status={l.entry.status} data-value={String(l.value)} title={l.entry.basis}>
              <td>{valueText(choice, l.value)}</td>
              <td>
                {l.entry.label}
                <div className="hint">{l.entry.basis}</div>
              </td>
              <td>{statusOf(l.runNodeId) ?? STATUS_TEXT[l.entry.status]}</td>
              <td className="num">{l.entry.status === "cached" ? `free (saves ${usdText(l.entry.price.usd, l.entry.price.upperBound)})` : entryCostText(l.entry)}</td>
            </tr>
          ))}
          {upstream.map((e) => (
            <tr key={e.nodeId} data-testid="sweep-upstream-line" data-status={e.status} title={e.basis}>
              <td>upstream {e.nodeId}</td>
              <td>{e.label}</td>
              <td>{statusOf(e.nodeId) ?? STATUS_TEXT[e.status]}</td>
              <td className="num">{entryCostText(e)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>
              Total: {bill.paidCount} paid · {bill.cachedCount} free
            </th>
            <th className="num" data-testid="sweep-total">
              {billTotalText(bill)}
            </th>
          </tr>
        </tfoot>
      </table>
      {bill.upperBound && <p className="hint">≤ marks a ceiling: the model may choose less.</p>}
    </>
  );
}

import { useEffect, useState } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { isGenerationKind } from "../../domain/workflow";
import { useServices } from "../services";
import { BillTable as BillLines } from "./BillTable";
import type { BillView, MoneyService, RunScope } from "./money-service";
import "./money.css";
import { SidePanel } from "../panels/SidePanel";
import { messageOf } from "../../domain/message-of";

type ScopeKind = RunScope["kind"];

const SCOPE_WORDS: Record<ScopeKind, string> = { all: "Run all", "up-to": "Run up to here", node: "Run this node" };

/**
 * The pre-flight bill: for Run all, Run up to here or Run this node (of the selected node), each
 * node that would be paid or served from the cache, what it costs, and the total, checked against
 * the budgets. It is computed by the same code that refuses a run, so what it shows is what holds.
 */
export default function BillPanel({ onClose }: { onClose(): void }) {
  const { money } = useServices();
  return (
    <SidePanel title="Bill" className="money" onClose={onClose}>
      {money ? <BillBody money={money} /> : <p className="hint">The bill is not available here.</p>}
    </SidePanel>
  );
}

function useSelectedGeneration(): NodeId | null {
  const { editor } = useServices();
  return useStore(editor, (s) => {
    if (s.selection.nodes.length !== 1) return null;
    const id = s.selection.nodes[0] as NodeId;
    const node = s.doc.nodes.find((n) => n.id === id);
    return node && isGenerationKind(node.type) ? id : null;
  });
}

function BillBody({ money }: { money: MoneyService }) {
  const { runs, runner, settings } = useServices();
  const selected = useSelectedGeneration();
  const [kind, setKind] = useState<ScopeKind>("all");
  const scope: RunScope = kind === "all" || !selected ? { kind: "all" } : { kind, nodeId: selected };
  const [view, setView] = useState<BillView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Re-read after a re-plan (document meaning changed), a run, a mode or budget change.
  const plan = useStore(runs, (s) => s.plan);
  const busy = useStore(runs, (s) => s.busy);
  const mode = useStore(settings, (s) => s.mode);
  const globalBudget = useStore(settings, (s) => `${s.globalBudgetUsd}/${s.globalBudgetPeriod}`);
  const version = useStore(money.changes, (s) => s.version);
  const scopeKey = scope.kind === "all" ? "all" : `${scope.kind}:${scope.nodeId}`;

  useEffect(() => {
    let alive = true;
    money
      .billOf(scope)
      .then((v) => {
        if (!alive) return;
        setView(v);
        setFailure(null);
      })
      .catch((e: unknown) => alive && setFailure(messageOf(e)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [money, scopeKey, plan, busy, mode, globalBudget, version]);

  const run = () => {
    if (scope.kind === "all") void runner.runAll();
    else if (scope.kind === "up-to") void runner.runUpTo(scope.nodeId);
    else void runner.runNode(scope.nodeId);
  };

  return (
    <>
      <fieldset className="field money-scope">
        <legend className="hint">
          What to run{selected ? ` (selected: ${selected})` : ": select one video node for the other two"}
        </legend>
        {(Object.keys(SCOPE_WORDS) as ScopeKind[]).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="bill-scope"
              checked={scope.kind === k}
              disabled={k !== "all" && !selected}
              onChange={() => setKind(k)}
            />{" "}
            {SCOPE_WORDS[k]}
          </label>
        ))}
      </fieldset>
      {failure && (
        <p className="money-refusal" role="alert">
          The bill could not be made: {failure}
        </p>
      )}
      {view && !view.ok && (
        <div role="alert" className="money-refusal">
          <p>Nothing can run yet:</p>
          <ul>
            {view.errors.slice(0, 6).map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {view?.ok && <BillTable view={view} />}
      {view?.ok && (
        <button
          type="button"
          className="primary"
          disabled={busy || !view.verdict.ok || view.missingInputs.length > 0}
          onClick={run}
        >
          {SCOPE_WORDS[scope.kind]}
        </button>
      )}
    </>
  );
}

function BillTable({ view }: { view: Extract<BillView, { ok: true }> }) {
  const { bill, simulated, verdict, missingInputs } = view;
  if (bill.entries.length === 0)
    return <p className="hint">Nothing to run: this part of the workflow has no video nodes.</p>;
  return (
    <>
      {simulated && (
        <p className="hint">
          Demo mode: these runs are simulated in this browser and cost nothing; below is what fal would charge.
        </p>
      )}
      <BillLines
        label="Bill"
        firstHeading="Node"
        rows={bill.entries.map((e) => ({ key: e.nodeId, first: e.nodeId, entry: e }))}
        bill={bill}
        totalTestId="bill-total"
        ceilingNote="the model may choose less (e.g. resolution or duration auto)."
        simulated={simulated}
      />
      {missingInputs.length > 0 && (
        <p className="money-refusal" role="alert">
          Run this node needs results for its inputs first: {missingInputs.join(", ")}. Use Run up to here to run them
          too.
        </p>
      )}
      {!verdict.ok && (
        <p className="money-refusal" role="alert">
          {verdict.message.replace(/ Nothing was sent\.$/, "")}
        </p>
      )}
    </>
  );
}

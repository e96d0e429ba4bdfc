import { useEffect, useState } from "react";
import { useStore } from "zustand";
import type { DaySpend, SpendEntry, WorkflowSpend } from "../../domain/spend-ledger";
import type { SpendTotal } from "../../domain/spend";
import { useServices } from "../services";
import { parseUsdInput, usdText } from "./format";
import type { BudgetStatus, MoneyService } from "./money-service";
import "./money.css";
import { SidePanel } from "../panels/SidePanel";
import { messageOf } from "../../domain/message-of";

/** Rows shown in the table (newest first); the CSV export always has every row. */
const SHOWN_ROWS = 200;

/**
 * What paid runs in this browser spent (one row per job sent to fal, whatever its outcome), with
 * totals per day and per workflow, the CSV export the CLI's ledger shares, and the budgets.
 */
export default function SpendPanel({ onClose }: { onClose(): void }) {
  const { money } = useServices();
  return (
    <SidePanel title="Spend" className="money" onClose={onClose}>
      {money ? <SpendBody money={money} /> : <p className="hint">The spend ledger is not available here.</p>}
    </SidePanel>
  );
}

interface Loaded {
  rows: SpendEntry[];
  days: DaySpend[];
  workflows: WorkflowSpend[];
  status: BudgetStatus;
}

function SpendBody({ money }: { money: MoneyService }) {
  const { settings, editor } = useServices();
  const version = useStore(money.changes, (s) => s.version);
  const globalKey = useStore(settings, (s) => `${s.globalBudgetUsd}/${s.globalBudgetPeriod}`);
  const workflowId = useStore(editor, (s) => s.workflowId);
  const [data, setData] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    Promise.all([money.spend.list(), money.spend.totalsPerDay(), money.spend.totalsPerWorkflow(), money.budgetStatus()])
      .then(([rows, days, workflows, status]) => alive && setData({ rows, days, workflows, status }))
      .catch((e: unknown) => alive && setProblem(messageOf(e)));
    return () => {
      alive = false;
    };
  }, [money, version, globalKey, workflowId]);

  const exportCsv = async () => {
    const csv = await money.spend.exportCsv();
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `reelflow-spend-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      {problem && (
        <p className="money-refusal" role="alert">
          {problem}
        </p>
      )}
      {data && <Budgets key={data.status.workflowId ?? "none"} money={money} status={data.status} />}
      <h3>Totals per day (UTC)</h3>
      {data && (
        <TotalsTable
          label="Totals per day"
          first="Day"
          rows={data.days.map((d) => ({ key: d.day, name: d.day, total: d.total }))}
        />
      )}
      <h3>Totals per workflow</h3>
      {data && (
        <TotalsTable
          label="Totals per workflow"
          first="Workflow"
          rows={data.workflows.map((w) => ({
            key: w.workflowId ?? `name:${w.workflow}`,
            name: w.workflow,
            total: w.total,
          }))}
        />
      )}
      <h3 className="money-row">
        Jobs sent{" "}
        <button type="button" onClick={() => void exportCsv()} disabled={!data || data.rows.length === 0}>
          Export CSV
        </button>
      </h3>
      {data && data.rows.length === 0 && (
        <p className="hint">No paid job yet. Demo runs and cache hits cost nothing and are not listed.</p>
      )}
      {data && data.rows.length > 0 && (
        <table className="money-table" aria-label="Spend ledger">
          <thead>
            <tr>
              <th>Time</th>
              <th>Workflow · node</th>
              <th>Outcome</th>
              <th className="num">Estimate</th>
            </tr>
          </thead>
          <tbody>
            {data.rows
              .slice(-SHOWN_ROWS)
              .reverse()
              .map((r) => (
                <tr key={r.id} title={`${r.endpoint}${r.requestId ? ` · request ${r.requestId}` : ""}`}>
                  <td>{r.time.slice(0, 16).replace("T", " ")}</td>
                  <td>
                    {r.workflow} · {r.node}
                    <div className="hint">
                      {r.endpoint}
                      {r.seconds !== null ? ` · ${r.seconds} s` : ""}
                      {r.note ? ` · ${r.note}` : ""}
                    </div>
                  </td>
                  <td>{r.outcome}</td>
                  <td className="num">{usdText(r.estimatedCostUsd)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function TotalsTable({
  label,
  first,
  rows,
}: {
  label: string;
  first: string;
  rows: { key: string; name: string; total: SpendTotal }[];
}) {
  if (rows.length === 0) return <p className="hint">Nothing spent yet.</p>;
  return (
    <table className="money-table" aria-label={label}>
      <thead>
        <tr>
          <th>{first}</th>
          <th className="num">Jobs</th>
          <th className="num">Estimated</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.name}</td>
            <td className="num">{r.total.jobs}</td>
            <td className="num">
              {usdText(r.total.usd)}
              {r.total.unknownPrice > 0 ? ` + ${r.total.unknownPrice} unknown` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The two caps: this workflow's (kept by workflow id in this browser) and the global one (settings). */
function Budgets({ money, status }: { money: MoneyService; status: BudgetStatus }) {
  const { settings, toasts } = useServices();
  const period = useStore(settings, (s) => s.globalBudgetPeriod);
  const [wfDraft, setWfDraft] = useState(status.workflowBudgetUsd === null ? "" : String(status.workflowBudgetUsd));
  const [globalDraft, setGlobalDraft] = useState(status.globalBudgetUsd === null ? "" : String(status.globalBudgetUsd));
  const [error, setError] = useState<string | null>(null);

  const commitWorkflow = async () => {
    const v = parseUsdInput(wfDraft);
    if (!v.ok) return setError(`Workflow budget: ${v.message}`);
    setError(null);
    if (v.usd === status.workflowBudgetUsd) return;
    try {
      await money.setWorkflowBudget(v.usd);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const commitGlobal = async () => {
    const v = parseUsdInput(globalDraft);
    if (!v.ok) return setError(`Global budget: ${v.message}`);
    setError(null);
    if (v.usd !== status.globalBudgetUsd) await settings.getState().update({ globalBudgetUsd: v.usd });
  };
  const left = (budget: number | null, spent: number) =>
    budget === null
      ? `no cap · ${usdText(spent)} spent`
      : `${usdText(Math.max(0, budget - spent))} left of ${usdText(budget)} (${usdText(spent)} spent)`;

  return (
    <section aria-label="Budgets">
      <h3>Budgets</h3>
      <label className="field">
        <span>This workflow (all its paid runs in this browser)</span>
        <span className="money-row">
          <input
            aria-label="Workflow budget in dollars"
            inputMode="decimal"
            placeholder="no cap"
            value={wfDraft}
            disabled={status.workflowId === null}
            onChange={(e) => setWfDraft(e.target.value)}
            onBlur={() => void commitWorkflow()}
            onKeyDown={(e) => e.key === "Enter" && void commitWorkflow()}
          />
          <span className="hint" data-testid="workflow-budget-left">
            {left(status.workflowBudgetUsd, status.spentWorkflowUsd)}
          </span>
        </span>
      </label>
      <label className="field">
        <span>All workflows</span>
        <span className="money-row">
          <input
            aria-label="Global budget in dollars"
            inputMode="decimal"
            placeholder="no cap"
            value={globalDraft}
            onChange={(e) => setGlobalDraft(e.target.value)}
            onBlur={() => void commitGlobal()}
            onKeyDown={(e) => e.key === "Enter" && void commitGlobal()}
          />
          <select
            aria-label="Global budget period"
            value={period}
            onChange={(e) => {
              const p = e.target.value === "all" ? "all" : "month";
              void settings
                .getState()
                .update({ globalBudgetPeriod: p })
                .catch((err: unknown) => toasts.getState().show(messageOf(err), { tone: "error" }));
            }}
          >
            <option value="month">per month</option>
            <option value="all">in total</option>
          </select>
        </span>
        <span className="hint" data-testid="global-budget-left">
          {left(status.globalBudgetUsd, status.spentGlobalUsd)}
        </span>
      </label>
      {error && (
        <p className="money-refusal" role="alert">
          {error}
        </p>
      )}
      <p className="hint">
        A paid run whose bill exceeds what is left is refused before anything is sent. Every job sent counts, whatever
        its outcome. Kept in this browser, never in workflow files; the CLI has <code>--budget</code>.
      </p>
    </section>
  );
}

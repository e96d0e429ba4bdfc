// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createBudgetRepository, createDexieSpendLedger } from "../../../src/adapters/db";
import { parseSpendLedger } from "../../../src/adapters/fs/spend-csv";
import { workflowId } from "../../../src/domain/ids";
import type { SpendRecord } from "../../../src/domain/spend";
import { createMoneyService } from "../../../src/ui/money/money-service";
import SpendPanel from "../../../src/ui/money/SpendPanel";
import { freshDb } from "../../adapters/db/helpers";
import { buildServices, memoryCache, Wrap } from "../harness";
import { spendRecord } from "../../fixtures/spend-record";

afterEach(cleanup);

const rec = (over: Partial<SpendRecord>) => spendRecord({ workflow: "Foxes", node: "a", ...over });

async function setup() {
  const services = buildServices();
  const db = freshDb();
  const spend = createDexieSpendLedger(db);
  const budgets = createBudgetRepository(db);
  const cache = memoryCache();
  const money = createMoneyService({
    env: { simulated: () => false, cache: async () => cache, ports: async () => ({ client: null as never, cache }) },
    spend,
    budgets,
    settings: services.settings,
    getWorkflow: () => services.editor.getState().doc,
    workflowId: () => workflowId("wf-foxes"),
    onError: () => {},
    now: () => new Date("2026-11-25T12:00:00.000Z"),
  });
  await spend.append(rec({}), { workflowId: workflowId("wf-foxes") });
  await spend.append(
    rec({
      time: "2026-11-25T08:00:00.000Z",
      node: "b",
      estimatedCostUsd: 0.8,
      outcome: "cancelled",
      requestId: "req-2",
    }),
    { workflowId: workflowId("wf-foxes") },
  );
  await spend.append(rec({ time: "2026-11-25T09:00:00.000Z", workflow: "Owls, at night", estimatedCostUsd: 1.2 }), {
    workflowId: workflowId("wf-owls"),
  });
  return { services: { ...services, money }, budgets };
}

describe("Spend panel", () => {
  it("shows every job sent with totals per day and per workflow", async () => {
    const { services } = await setup();
    render(
      <Wrap services={services}>
        <SpendPanel onClose={() => {}} />
      </Wrap>,
    );
    const ledger = await screen.findByRole("table", { name: "Spend ledger" });
    expect(within(ledger).getAllByRole("row")).toHaveLength(4); // header + 3
    expect(within(ledger).getByText("cancelled")).toBeTruthy();
    const days = screen.getByRole("table", { name: "Totals per day" });
    expect(
      within(days)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["2026-11-252$2.00", "2026-11-241$0.40"]);
    const workflows = screen.getByRole("table", { name: "Totals per workflow" });
    expect(
      within(workflows)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["Foxes2$1.20", "Owls, at night1$1.20"]); // equal totals: by name
    // This month's spend against no global cap, this workflow's against none.
    expect(screen.getByTestId("global-budget-left").textContent).toBe("no cap · $2.40 spent");
    expect(screen.getByTestId("workflow-budget-left").textContent).toBe("no cap · $1.20 spent");
  });

  it("exports the ledger as the CLI's CSV", async () => {
    const { services } = await setup();
    const made: Blob[] = [];
    URL.createObjectURL = (b: Blob) => {
      made.push(b);
      return "blob:spend";
    };
    URL.revokeObjectURL = () => {};
    render(
      <Wrap services={services}>
        <SpendPanel onClose={() => {}} />
      </Wrap>,
    );
    await screen.findByRole("table", { name: "Spend ledger" });
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(made).toHaveLength(1));
    const parsed = parseSpendLedger(await (made[0] as Blob).text());
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.map((r) => [r.workflow, r.node, r.outcome])).toEqual([
      ["Foxes", "a", "succeeded"],
      ["Foxes", "b", "cancelled"],
      ["Owls, at night", "a", "succeeded"],
    ]);
  });

  it("sets the workflow budget and refuses an amount that is not dollars", async () => {
    const { services, budgets } = await setup();
    render(
      <Wrap services={services}>
        <SpendPanel onClose={() => {}} />
      </Wrap>,
    );
    const input = await screen.findByRole("textbox", { name: "Workflow budget in dollars" });
    fireEvent.change(input, { target: { value: "lots" } });
    fireEvent.blur(input);
    expect((await screen.findByRole("alert")).textContent).toMatch(
      /Workflow budget: "lots" is not an amount of dollars/,
    );
    expect(await budgets.get(workflowId("wf-foxes"))).toBeNull();
    fireEvent.change(input, { target: { value: "$5" } });
    fireEvent.blur(input);
    await waitFor(async () => expect(await budgets.get(workflowId("wf-foxes"))).toBe(5));
    await waitFor(() =>
      expect(screen.getByTestId("workflow-budget-left").textContent).toBe("$3.80 left of $5.00 ($1.20 spent)"),
    );
    const global = screen.getByRole("textbox", { name: "Global budget in dollars" });
    fireEvent.change(global, { target: { value: "10" } });
    fireEvent.blur(global);
    await waitFor(() =>
      expect(screen.getByTestId("global-budget-left").textContent).toBe("$7.60 left of $10.00 ($2.40 spent)"),
    );
    expect(services.settings.getState().globalBudgetUsd).toBe(10);
  });

  it("says why the budget period was not changed in words, not as a thrown value's string", async () => {
    const { services } = await setup();
    // A settings store whose write throws (its own update reports refusals; this one rejects, as a broken one would).
    services.settings.setState({ update: () => Promise.reject(new Error("The disk is full.")) });
    render(
      <Wrap services={services}>
        <SpendPanel onClose={() => {}} />
      </Wrap>,
    );
    const period = await screen.findByRole("combobox", { name: "Global budget period" });
    fireEvent.change(period, { target: { value: "all" } });
    await waitFor(() => expect(services.toasts.getState().toasts.map((t) => t.message)).toEqual(["The disk is full."]));
  });

  it("shows a sweep job's row under the swept node with the value it ran", async () => {
    const { services } = await setup();
    const db = freshDb();
    const spend = createDexieSpendLedger(db);
    await spend.append(rec({ node: "clip", note: "sweep: duration = 8" }), { workflowId: workflowId("wf-foxes") });
    render(
      <Wrap services={{ ...services, money: { ...services.money, spend } }}>
        <SpendPanel onClose={() => {}} />
      </Wrap>,
    );
    const ledger = await screen.findByRole("table", { name: "Spend ledger" });
    await waitFor(() => expect(within(ledger).getAllByRole("row")).toHaveLength(2));
    expect(within(ledger).getAllByRole("row")[1]?.textContent).toMatch(/Foxes · clip.*sweep: duration = 8/);
  });
});

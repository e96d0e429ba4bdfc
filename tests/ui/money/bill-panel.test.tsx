// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { createBudgetRepository, createDexieSpendLedger } from "../../../src/adapters/db";
import { edgeId, endpointId, nodeId, workflowId } from "../../../src/domain/ids";
import type { Workflow, WorkflowNode } from "../../../src/domain/workflow";
import { planWorkflow } from "../../../src/engine/plan";
import type { CachedResult, InferenceClient, ResultCache } from "../../../src/engine/ports";
import BillPanel from "../../../src/ui/money/BillPanel";
import { createMoneyService } from "../../../src/ui/money/money-service";
import type { Services } from "../../../src/ui/services";
import { freshDb } from "../../adapters/db/helpers";
import { forgetUnpricedModel, registerUnpricedModel, UNPRICED_T2V } from "../../nodes/models/unpriced";
import { buildServices, memoryCache, Wrap } from "../harness";

afterEach(cleanup);

const SORA = endpointId("fal-ai/sora-2/text-to-video");
const t2v = (id: string, duration: number, endpoint = SORA): WorkflowNode => ({
  id: nodeId(id),
  type: "text-to-video",
  position: { x: 300, y: 0 },
  data: { endpoint, params: { duration } },
});
const wf = (nodes: WorkflowNode[]): Workflow => ({
  format: "reelflow/workflow",
  version: 1,
  name: "Foxes",
  nodes: [{ id: nodeId("p"), type: "prompt", position: { x: 0, y: 0 }, data: { text: "a fox" } }, ...nodes],
  edges: nodes.map((n) => ({
    id: edgeId(`e-${n.id}`),
    source: nodeId("p"),
    sourceHandle: "text",
    target: n.id,
    targetHandle: "prompt",
  })),
});

/** The bill needs no fal: a client that fails loudly if anything tries to send. */
const noSending: InferenceClient = {
  submit: async () => {
    throw new Error("the bill must not send anything");
  },
  watch: async () => {
    throw new Error("no");
  },
  result: async () => {
    throw new Error("no");
  },
  cancel: async () => "not-found",
  upload: async () => {
    throw new Error("no");
  },
};

async function cachedOf(doc: Workflow, id: string): Promise<CachedResult> {
  const planned = await planWorkflow(doc);
  if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
  const key = planned.plan.nodes.get(nodeId(id))?.key;
  if (!key) throw new Error(id);
  return {
    key,
    endpoint: SORA,
    result: { video: { url: "https://v/x.mp4" }, videoId: "video_1", thumbnail: null, durationSec: 8 },
    requestId: null,
    costUsd: 0.8,
    createdAt: "2026-11-25T09:00:00.000Z",
  };
}

function withMoney(
  doc: Workflow,
  cache: ResultCache,
  simulated = false,
): Services & { budgets: ReturnType<typeof createBudgetRepository> } {
  const services = buildServices({ doc, cache });
  const db = freshDb();
  const budgets = createBudgetRepository(db);
  const money = createMoneyService({
    env: { simulated: () => simulated, cache: async () => cache, ports: async () => ({ client: noSending, cache }) },
    spend: createDexieSpendLedger(db),
    budgets,
    settings: services.settings,
    getWorkflow: () => services.editor.getState().doc,
    workflowId: () => workflowId("wf-foxes"),
    onError: () => {},
  });
  return { ...services, money, budgets };
}

const rowOf = (table: HTMLElement, node: string) => {
  const row = within(table)
    .getAllByRole("row")
    .find((r) => r.firstElementChild?.textContent === node);
  if (!row) throw new Error(`no row for ${node}`);
  return row;
};

describe("Bill panel", () => {
  it("lists paid and cached nodes with their cost and the total of Run all", async () => {
    const doc = wf([t2v("a", 4), t2v("b", 8)]);
    const s = withMoney(doc, memoryCache([await cachedOf(doc, "b")]));
    render(
      <Wrap services={s}>
        <BillPanel onClose={() => {}} />
      </Wrap>,
    );
    const table = await screen.findByRole("table", { name: "Bill" });
    expect(within(rowOf(table, "a")).getByText("paid")).toBeTruthy();
    expect(within(rowOf(table, "a")).getByText("$0.40")).toBeTruthy();
    expect(within(rowOf(table, "b")).getByText("from cache")).toBeTruthy();
    expect(within(rowOf(table, "b")).getByText("$0.00 (saves $0.80)")).toBeTruthy();
    expect(screen.getByTestId("bill-total").textContent).toBe("$0.40");
    expect(screen.getByText(/1 paid · 1 from cache/)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("in Demo mode says simulated, never paid (issue 16 item 4)", async () => {
    const doc = wf([t2v("a", 4), t2v("b", 8)]);
    const s = withMoney(doc, memoryCache([await cachedOf(doc, "b")]), true);
    render(
      <Wrap services={s}>
        <BillPanel onClose={() => {}} />
      </Wrap>,
    );
    const table = await screen.findByRole("table", { name: "Bill" });
    expect(within(rowOf(table, "a")).getByText("simulated")).toBeTruthy();
    expect(within(rowOf(table, "b")).getByText("from cache")).toBeTruthy();
    expect(screen.getByText(/1 simulated · 1 from cache/)).toBeTruthy();
    expect(screen.getByText(/these runs are simulated in this browser and cost nothing/)).toBeTruthy();
    // The Status column and the total never say "paid" (a cached line's basis may say it was "not paid again").
    const statuses = within(table)
      .getAllByRole("row")
      .map((r) => r.children[2]?.textContent ?? "");
    expect(statuses.filter((t) => /\bpaid\b/.test(t))).toEqual([]);
  });

  it("marks ceilings with ≤ and says 'price unknown' instead of counting $0", async () => {
    // Sora 2 Pro image-to-video at resolution auto is priced at its dearest rate; a catalogue model's price is unknown.
    registerUnpricedModel();
    onTestFinished(forgetUnpricedModel);
    const base = wf([t2v("k", 4, endpointId(UNPRICED_T2V))]);
    const doc: Workflow = {
      ...base,
      nodes: [
        ...base.nodes,
        { id: nodeId("img"), type: "image", position: { x: 0, y: 200 }, data: { url: "https://example.com/a.png" } },
        {
          id: nodeId("s"),
          type: "image-to-video",
          position: { x: 300, y: 200 },
          data: { endpoint: endpointId("fal-ai/sora-2/image-to-video/pro"), params: { duration: 4, prompt: "waves" } },
        },
      ],
      edges: [
        ...base.edges,
        {
          id: edgeId("e-img"),
          source: nodeId("img"),
          sourceHandle: "image",
          target: nodeId("s"),
          targetHandle: "image",
        },
      ],
    };
    const s = withMoney(doc, memoryCache());
    render(
      <Wrap services={s}>
        <BillPanel onClose={() => {}} />
      </Wrap>,
    );
    const table = await screen.findByRole("table", { name: "Bill" });
    expect(within(rowOf(table, "k")).getByText("price unknown")).toBeTruthy();
    expect(within(rowOf(table, "s")).getByText(/^≤ \$\d+\.\d\d$/)).toBeTruthy();
    expect(screen.getByTestId("bill-total").textContent).toMatch(/^≤ \$\d+\.\d\d \+ 1 node of unknown price$/);
    expect(screen.getByText(/Price unknown for k/)).toBeTruthy();
  });

  it("bills Run up to here and Run this node for the selected node", async () => {
    const doc = wf([t2v("a", 4), t2v("b", 8)]);
    const s = withMoney(doc, memoryCache());
    render(
      <Wrap services={s}>
        <BillPanel onClose={() => {}} />
      </Wrap>,
    );
    await screen.findByRole("table", { name: "Bill" });
    const upTo = screen.getByRole<HTMLInputElement>("radio", { name: "Run up to here" });
    expect(upTo.disabled).toBe(true);
    act(() => s.editor.getState().setSelection({ nodes: [nodeId("b")], edges: [] }));
    await waitFor(() => expect(upTo.disabled).toBe(false));
    fireEvent.click(upTo);
    await waitFor(() => expect(screen.getByTestId("bill-total").textContent).toBe("$0.80"));
    const table = screen.getByRole("table", { name: "Bill" });
    expect(
      within(table)
        .queryAllByRole("row")
        .some((r) => r.firstElementChild?.textContent === "a"),
    ).toBe(false);
    fireEvent.click(screen.getByRole("radio", { name: "Run this node" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Run this node" })).toBeTruthy());
  });

  it("shows the budget refusal with its figures and disables its Run button", async () => {
    const doc = wf([t2v("a", 4), t2v("b", 8)]);
    const s = withMoney(doc, memoryCache());
    await s.budgets.set(workflowId("wf-foxes"), 1);
    render(
      <Wrap services={s}>
        <BillPanel onClose={() => {}} />
      </Wrap>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(
      "This run is estimated at $1.20 but only $1.00 of the $1.00 workflow budget is left.",
    );
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Run all" }).disabled).toBe(true);
    // Raising the budget (through the service, as the spend panel does) lifts the refusal.
    await act(async () => s.money?.setWorkflowBudget(2));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Run all" }).disabled).toBe(false);
  });
});

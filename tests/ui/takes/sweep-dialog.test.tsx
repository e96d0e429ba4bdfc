// @vitest-environment jsdom
// The Sweep dialog as a person uses it, on the real parts: editor, sweep planner, run controller with
// its money service (bill, budgets, spend on fake-indexeddb), the demo inference client standing in
// for fal (nothing leaves the process) and the take service's Dexie store.
import "fake-indexeddb/auto";
import { cleanup, fireEvent, render, screen, waitFor, within, configure } from "@testing-library/react";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { endpointId, nodeId, workflowId } from "../../../src/domain/ids";
import type { GenerationNode, Workflow, WorkflowNode } from "../../../src/domain/workflow";
import { createEditorStore } from "../../../src/editor/store";
import type { Services } from "../../../src/ui/services";
import { SweepDialog } from "../../../src/ui/takes/sweep/SweepDialog";
import { forgetUnpricedModel, registerUnpricedModel, UNPRICED_T2V } from "../../nodes/models/unpriced";
import { buildServices, memoryCache, Wrap } from "../harness";
import { soraChain } from "../sora-graphs";
import { dexieTakes, moneyRun, paidEnv, recordingDemoClient } from "../run-fixture";
import { freshDb } from "../../adapters/db/helpers";

// A loaded 2-core machine plans and bills slower than testing-library's default 1 s wait.
configure({ asyncUtilTimeout: 10_000 });

afterEach(cleanup);

const W = workflowId("wf-sweep-dialog");
const V = nodeId("v");
const doc: Workflow = soraChain({ name: "sweep dialog", text: "a lantern on a lake" });

function setup(docToOpen: Workflow = doc) {
  const db = freshDb();
  const base = buildServices({ doc: docToOpen });
  const editor = createEditorStore({ doc: docToOpen, workflowId: W });
  const cache = memoryCache();
  const { client, submitted } = recordingDemoClient(5);
  const env = paidEnv({ client, cache });
  const run = moneyRun({ db, env, getWorkflow: () => editor.getState().doc, workflowId: W });
  const { settings, runs, runner, money, budgets, said } = run;
  const takes = dexieTakes(db, cache);
  const services: Services = { ...base, editor, settings, runs, runner, money, takes };
  render(
    <Wrap services={services}>
      <SweepDialog nodeId={V} onClose={() => undefined} />
    </Wrap>,
  );
  return { takes, submitted, budgets, said, dialog: screen.getByTestId("sweep-dialog") };
}

describe("Sweep dialog", () => {
  it("offers the node's params, bills the ticked values before running, then files one take per value", async () => {
    const t = setup();
    const d = within(t.dialog);
    expect(d.getByLabelText<HTMLSelectElement>("Param to sweep").value).toBe("duration");
    const options = [...d.getByLabelText<HTMLSelectElement>("Param to sweep").options].map((o) => o.value);
    expect(options).toEqual(expect.arrayContaining(["duration", "aspect_ratio", "endpoint", "prompt"]));

    // One value is not a sweep yet: nothing to run.
    fireEvent.click(d.getByTestId("sweep-value-4"));
    expect(d.getByText("Choose at least 2 values")).toBeTruthy();
    expect(d.getByTestId<HTMLButtonElement>("sweep-run").disabled).toBe(true);

    fireEvent.click(d.getByTestId("sweep-value-12"));
    await waitFor(() => expect(d.getAllByTestId("sweep-line")).toHaveLength(2));
    const lines = d.getAllByTestId("sweep-line");
    expect(lines.map((l) => [l.dataset.value, l.dataset.status])).toEqual([
      ["4", "paid"],
      ["12", "paid"],
    ]);
    expect(lines[1]?.textContent).toContain("$1.20");
    expect(d.getByTestId("sweep-total").textContent).toBe("$1.60");
    expect(t.submitted).toHaveLength(0);

    const run = d.getByTestId<HTMLButtonElement>("sweep-run");
    await waitFor(() => expect(run.disabled).toBe(false));
    expect(run.textContent).toBe("Run sweep (2 paid, $1.60)");
    fireEvent.click(run);
    await waitFor(() => expect(d.getByTestId("sweep-outcome").textContent).toContain("2 takes filed on v"), {
      timeout: 10_000,
    });
    expect(t.submitted.map((s) => s.input.duration)).toEqual(expect.arrayContaining([4, 12]));
    expect(t.submitted).toHaveLength(2);
    const stored = await t.takes.list(W, V);
    expect(stored.map((s) => s.sweep?.value).sort()).toEqual([12, 4]);
    expect(stored.reduce((s, x) => s + (x.costUsd ?? 0), 0)).toBeCloseTo(1.6);

    // The bill is made again after the run: both values are free now.
    await waitFor(() =>
      expect(d.getAllByTestId("sweep-line").map((l) => l.dataset.status)).toEqual(["cached", "cached"]),
    );
    expect(d.getByTestId("sweep-total").textContent).toBe("$0.00");
    expect(t.said).toEqual([]);
  });

  it("sweeps prompts typed one per line, each line a value", async () => {
    const t = setup();
    const d = within(t.dialog);
    fireEvent.change(d.getByLabelText("Param to sweep"), { target: { value: "prompt" } });
    fireEvent.change(d.getByLabelText("Prompts, one per line"), {
      target: { value: "a lantern at dawn\n\na lantern at dusk\n" },
    });
    await waitFor(() => expect(d.getAllByTestId("sweep-line")).toHaveLength(2));
    expect(d.getAllByTestId("sweep-line").map((l) => l.dataset.value)).toEqual([
      "a lantern at dawn",
      "a lantern at dusk",
    ]);
  });

  it("names the swept values whose price is unknown, never counting them as $0 (the same notes as the Bill panel)", async () => {
    // Every curated model is priced: the node runs a catalogue model whose price is unknown.
    registerUnpricedModel();
    onTestFinished(forgetUnpricedModel);
    const v = doc.nodes[1] as GenerationNode;
    const t = setup({
      ...doc,
      nodes: [doc.nodes[0] as WorkflowNode, { ...v, data: { ...v.data, endpoint: endpointId(UNPRICED_T2V) } }],
    });
    const d = within(t.dialog);
    fireEvent.click(d.getByTestId("sweep-value-4"));
    fireEvent.click(d.getByTestId("sweep-value-8"));
    await waitFor(() => expect(d.getAllByTestId("sweep-line")).toHaveLength(2));
    expect(d.getByTestId("sweep-total").textContent).toBe("$0.00 + 2 nodes of unknown price");
    const note = d.getByText(/^Price unknown for /);
    expect(note.textContent).toMatch(/^Price unknown for .*4.*8.*: not counted above/);
    expect(note.textContent).not.toMatch(/~sweep~/);
    expect(t.submitted).toHaveLength(0);
  });

  it("says why a run would be refused by the budget, and does not offer to run", async () => {
    const t = setup();
    await t.budgets.set(W, 0.5);
    const d = within(t.dialog);
    fireEvent.click(d.getByTestId("sweep-value-4"));
    fireEvent.click(d.getByTestId("sweep-value-8"));
    await waitFor(() =>
      expect(
        d
          .getAllByRole("alert")
          .map((a) => a.textContent)
          .join(" "),
      ).toMatch(/\$1\.20 .*\$0\.50 workflow budget/),
    );
    expect(d.getByTestId<HTMLButtonElement>("sweep-run").disabled).toBe(true);
    expect(t.submitted).toHaveLength(0);
  });
});

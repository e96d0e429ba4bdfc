// @vitest-environment jsdom
// Issue 16 item 14: the Workflows panel's row buttons draw SVG icons and carry names; no button text depends on an
// emoji font (on a machine without one, Duplicate and Delete rendered as the same empty box).
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkflowRepository } from "../../../src/adapters/db";
import { createEditorStore } from "../../../src/editor/store";
import { createWorkflowsFeature } from "../../../src/ui/app/start/workflows";
import { createWorkflowService } from "../../../src/ui/workflows/workflow-service";
import WorkflowsPanel from "../../../src/ui/workflows/WorkflowsPanel";
import { freshDb } from "../../adapters/db/helpers";
import { buildServices, Wrap } from "../harness";

afterEach(cleanup);

async function renderPanel() {
  const db = freshDb();
  const repo = createWorkflowRepository(db);
  const first = await repo.create({ name: "Foxes" });
  await repo.create({ name: "Owls" });
  const stored = await repo.get(first.id);
  if (!stored?.ok) throw new Error("not stored");
  const services = buildServices({ doc: stored.workflow });
  const editor = createEditorStore({ doc: stored.workflow, workflowId: first.id });
  const list = createWorkflowService({ repo, editor, flush: async () => {}, onLoaded: () => {} });
  services.editor = editor;
  services.workflows = createWorkflowsFeature(db, list);
  render(
    <Wrap services={services}>
      <WorkflowsPanel onClose={() => {}} />
    </Wrap>,
  );
  return within(await screen.findByRole("list", { name: "Workflow list" }));
}

describe("Workflows panel icons", () => {
  it("row buttons draw an SVG and are named Rename/Duplicate/Delete <workflow>", async () => {
    const rows = await renderPanel();
    for (const name of ["Foxes", "Owls"]) {
      for (const action of ["Rename", "Duplicate", "Delete"]) {
        const button = await rows.findByRole("button", { name: `${action} ${name}` });
        const svg = button.querySelector("svg");
        expect(svg, `${action} ${name} has an svg`).not.toBeNull();
        expect(svg?.getAttribute("aria-hidden")).toBe("true");
      }
    }
    // The two that looked alike without an emoji font now differ.
    const dup = (await rows.findByRole("button", { name: "Duplicate Foxes" })).innerHTML;
    const del = (await rows.findByRole("button", { name: "Delete Foxes" })).innerHTML;
    expect(dup).not.toBe(del);
  });

  it("no button text in the panel contains an emoji or pictograph", async () => {
    const rows = await renderPanel();
    await rows.findByRole("button", { name: "Delete Owls" });
    const panel = screen.getByRole("complementary", { name: "Workflows panel" });
    const buttons = within(panel).getAllByRole("button");
    expect(buttons.length).toBeGreaterThan(6);
    for (const b of buttons) {
      expect(b.textContent ?? "", b.getAttribute("aria-label") ?? b.textContent ?? "").not.toMatch(
        /\p{Extended_Pictographic}/u,
      );
    }
  });
});

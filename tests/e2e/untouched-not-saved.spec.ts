// Issue 16 review: a visit that does nothing saves nothing. The new empty workflow a first visit opens (whether the
// person chose Try the demo or Set up a proxy), and one made with New workflow, is a draft as an opened example is:
// the Workflows list shows it once it is edited (or run), and a reload opens it.
import type { Locator, Page } from "@playwright/test";
import { addFromPalette, closeExamples, expect, nodes, openInDemo, openWithProxy, test } from "./fixtures";

async function workflowsPanel(page: Page): Promise<Locator> {
  const panel = page.getByRole("complementary", { name: "Workflows panel" });
  if (!(await panel.isVisible())) await page.getByRole("button", { name: "Workflows", exact: true }).click();
  await expect(panel).toBeVisible();
  return panel;
}
const list = (panel: Locator) => panel.getByRole("list", { name: "Workflow list" });
const saved = (panel: Locator) => list(panel).getByRole("button", { name: /^Open / });
const draftNote = (panel: Locator) => panel.getByRole("status", { name: "Open workflow not saved yet" });

test("a first visit with Try the demo saves no workflow until a node is added; a reload opens that one", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  const panel = await workflowsPanel(page);
  await expect(list(panel)).toContainText("No saved workflows yet.");
  await expect(saved(panel)).toHaveCount(0);
  await expect(draftNote(panel)).toContainText('"Untitled workflow", open now, joins this list once you edit');

  await addFromPalette(page, "Prompt", "prompt");
  await expect(saved(panel)).toHaveText(["Untitled workflow (open)"]);
  await expect(draftNote(panel)).toHaveCount(0);
  const id = await list(panel).locator('li[aria-current="true"]').getAttribute("data-workflow-id");
  expect(id).toMatch(/^wf-/);

  await page.reload();
  await expect(nodes(page)).toHaveCount(1);
  const again = await workflowsPanel(page);
  await expect(saved(again)).toHaveText(["Untitled workflow (open)"]);
  await expect(list(again).locator('li[aria-current="true"]')).toHaveAttribute("data-workflow-id", id ?? "");
});

test("a first visit in fal mode saves nothing either; New workflow gives a draft, listed at its first edit", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  const panel = await workflowsPanel(page);
  await expect(list(panel)).toContainText("No saved workflows yet.");
  await expect(saved(panel)).toHaveCount(0);
  await addFromPalette(page, "Prompt", "prompt");
  await expect(saved(panel)).toHaveText(["Untitled workflow (open)"]);

  // New workflow: opened, empty, not listed; left untouched, opening another drops it.
  await panel.getByRole("button", { name: "New workflow" }).click();
  await expect(nodes(page)).toHaveCount(0);
  await expect(saved(panel)).toHaveText(["Untitled workflow"]);
  await expect(draftNote(panel)).toBeVisible();
  await list(panel).getByRole("button", { name: "Open Untitled workflow" }).click();
  await expect(nodes(page)).toHaveCount(1);
  await expect(saved(panel)).toHaveText(["Untitled workflow (open)"]);

  // Another new one, named in the toolbar: that edit lists it.
  await panel.getByRole("button", { name: "New workflow" }).click();
  await expect(nodes(page)).toHaveCount(0);
  await page.getByLabel("Workflow name").fill("Storyboard");
  await expect(saved(panel)).toHaveText(["Storyboard (open)", "Untitled workflow"]);
  await expect(draftNote(panel)).toHaveCount(0);
});

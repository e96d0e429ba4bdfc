// issue 5: many workflows in one browser: create, rename, switch, delete to the trash (undo, restore), and the
// last open one reopens after a reload with every change saved.
import {
  addFromPalette,
  closeExamples,
  expect,
  node,
  nodes,
  openInDemo,
  openWorkflow,
  singleVideo,
  test,
} from "../fixtures";
import { waitForSavedWorkflow } from "../saved-rows";

test("workflow list: create, rename, switch, delete with undo and restore, reopen the last after reload", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  await openWorkflow(page, singleVideo("list"));

  await page.getByRole("button", { name: "Workflows", exact: true }).click();
  const panel = page.getByRole("complementary", { name: "Workflows panel" });
  const list = panel.getByRole("list", { name: "Workflow list" });
  await expect(list.locator('li[aria-current="true"]')).toContainText("Single list");

  // Create: a new empty workflow is opened, the previous one stays in the list; the new one joins it at its first
  // edit (untouched, it is a draft).
  await panel.getByRole("button", { name: "New workflow" }).click();
  await expect(nodes(page)).toHaveCount(0);
  await expect(list.locator('li[aria-current="true"]')).toHaveCount(0);
  await expect(list.getByRole("button", { name: "Open Single list" })).toBeEnabled();
  await addFromPalette(page, "Prompt", "prompt");
  await expect(list.locator('li[aria-current="true"]')).toContainText("Untitled workflow");

  // Rename the open one from the list: the toolbar's name follows (it is the same document).
  await list
    .locator('li[aria-current="true"]')
    .getByRole("button", { name: /^Rename / })
    .click();
  const field = list.getByRole("textbox", { name: /^New name for / });
  await field.fill("Storyboard");
  await field.press("Enter");
  await expect(page.getByLabel("Workflow name")).toHaveValue("Storyboard");
  await expect(list.locator('li[aria-current="true"]')).toContainText("Storyboard");

  // Switch back and forth: each keeps its own graph.
  await list.getByRole("button", { name: "Open Single list" }).click();
  await expect(node(page, "clip")).toBeVisible();
  await expect(page.getByLabel("Workflow name")).toHaveValue("Single list");
  await list.getByRole("button", { name: "Open Storyboard" }).click();
  await expect(nodes(page)).toHaveCount(1);
  await expect(page.locator('[data-node-id][data-kind="prompt"]')).toBeVisible();

  // Delete the open one: it goes to the trash, another opens; Undo brings it back.
  await list.getByRole("button", { name: "Delete Storyboard" }).click();
  await expect(list.getByRole("button", { name: "Open Storyboard" })).toHaveCount(0);
  await expect(page.getByLabel("Workflow name")).not.toHaveValue("Storyboard");
  await expect(panel.getByRole("button", { name: "Trash (1)" })).toBeVisible();
  await panel.getByRole("button", { name: "Undo" }).click();
  await expect(list.getByRole("button", { name: /^Open Storyboard/ })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Trash (0)" })).toBeVisible();

  // Delete again, then restore it from the trash.
  await list.getByRole("button", { name: "Delete Storyboard" }).click();
  await panel.getByRole("button", { name: "Trash (1)" }).click();
  await panel.getByRole("list", { name: "Trash" }).getByRole("button", { name: "Restore Storyboard" }).click();
  await expect(panel.getByRole("button", { name: "Trash (0)" })).toBeVisible();
  await list.getByRole("button", { name: "Open Storyboard" }).click();
  await expect(page.getByLabel("Workflow name")).toHaveValue("Storyboard");

  // An edit, then a reload once autosave has written it: the last open workflow is back with it.
  await page.getByLabel("Workflow name").fill("Storyboard v2");
  await waitForSavedWorkflow(page, "Storyboard v2");
  await page.reload();
  await expect(page.getByLabel("Workflow name")).toHaveValue("Storyboard v2");
  await expect(page.locator('[data-node-id][data-kind="prompt"]')).toBeVisible();
  await page.getByRole("button", { name: "Workflows", exact: true }).click();
  await expect(list.getByRole("button", { name: "Open Single list" })).toBeVisible();
});

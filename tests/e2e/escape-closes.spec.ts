// Issue 16 item 12: Escape closes the open side panel or dialog, and the focus goes back to what opened the panel.
import {
  addFromPalette,
  closeExamples,
  expect,
  openInDemo,
  openWithProxy,
  openWorkflow,
  test,
  toolbar,
  toolbarAction,
} from "./fixtures";

for (const [button, panel] of [
  ["Settings", "Settings panel"],
  ["Bill", "Bill panel"],
  ["Workflows", "Workflows panel"],
  ["Examples", "Examples panel"],
  ["Spend", "Spend panel"],
  ["Storage", "Storage panel"],
  ["Logs", "Logs panel"],
] as const) {
  test(`Escape closes the ${panel} and gives the focus back to ${button}`, async ({ page }) => {
    await openInDemo(page);
    await closeExamples(page);
    // At 1280 px some panels' buttons live in the More actions menu; the focus then goes back to that menu's button.
    const action = await toolbarAction(page, button);
    const inMenu = (await action.getAttribute("role")) === "menuitem";
    const toggle = inMenu
      ? toolbar(page).getByRole("button", { name: "More actions" })
      : page.getByRole("button", { name: button, exact: true });
    await action.click();
    const side = page.getByRole("complementary", { name: panel });
    await expect(side).toBeVisible();
    // Focus moved into the panel first, as a keyboard user's would be.
    await side.getByRole("button").first().focus();
    await page.keyboard.press("Escape");
    await expect(side).toBeHidden();
    if (!inMenu) await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(toggle).toBeFocused();
  });
}

test("Escape in the Workflows rename field cancels the rename and leaves the panel open", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
  // An edit makes the new workflow one of the list's (untouched, it is a draft the list leaves out).
  await addFromPalette(page, "Prompt", "prompt");
  await page.getByRole("button", { name: "Workflows", exact: true }).click();
  const side = page.getByRole("complementary", { name: "Workflows panel" });
  const rename = side.getByRole("button", { name: /^Rename / }).first();
  await rename.click();
  const field = side.getByRole("textbox", { name: /^New name for / });
  await expect(field).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(field).toBeHidden();
  await expect(side).toBeVisible();
  // A second Escape, no longer in the field, closes the panel.
  await side
    .getByRole("button", { name: /^Rename / })
    .first()
    .focus();
  await page.keyboard.press("Escape");
  await expect(side).toBeHidden();
});

test("Escape closes the Sweep and Compare dialogs and the Lineage panel, which gives the focus back", async ({
  page,
  fake,
}) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, {
    format: "reelflow/workflow",
    version: 1,
    name: "Escape takes",
    nodes: [
      { id: "idea", type: "prompt", position: { x: 0, y: 40 }, data: { text: "A kite over the dunes (escape)" } },
      {
        id: "clip",
        type: "text-to-video",
        position: { x: 340, y: 40 },
        data: { endpoint: "fal-ai/sora-2/text-to-video", params: { duration: 4 } },
      },
    ],
    edges: [{ id: "e1", source: "idea", sourceHandle: "text", target: "clip", targetHandle: "prompt" }],
  });

  const sweep = page.getByTestId("sweep-dialog");
  await page.getByTestId("sweep-clip").click();
  await expect(sweep).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sweep).toBeHidden();

  // Two takes to compare and trace: a sweep of two durations (the fixture says yes to the retired model's question).
  await page.getByTestId("sweep-clip").click();
  for (const d of ["4", "8"]) await sweep.getByTestId(`sweep-value-${d}`).check();
  await sweep.getByTestId("sweep-run").click();
  await expect(sweep.getByTestId("sweep-outcome")).toContainText("2 takes filed on clip", { timeout: 60_000 });
  await page.keyboard.press("Escape");
  await expect(sweep).toBeHidden();

  for (const i of [0, 1]) {
    const tick = page.getByTestId(`compare-toggle-clip-${i}`);
    await tick.focus();
    await page.keyboard.press("Space");
    await expect(tick).toBeChecked();
  }
  await page.getByTestId("compare-open").click();
  const compare = page.getByTestId("compare-dialog");
  await expect(compare).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(compare).toBeHidden();

  const lineageButton = page.getByTestId("lineage-clip-1");
  await lineageButton.focus();
  await page.keyboard.press("Enter");
  const lineage = page.getByTestId("lineage-panel");
  await expect(lineage).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(lineage).toBeHidden();
  await expect(lineageButton).toBeFocused();
});

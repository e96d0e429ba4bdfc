// Issue 16 item 12: Escape closes the open side panel, and the focus goes back to the toolbar button that opened it.
import { closeExamples, expect, openInDemo, test } from "./fixtures";

for (const [button, panel] of [
  ["Settings", "Settings panel"],
  ["Bill", "Bill panel"],
  ["Workflows", "Workflows panel"],
] as const) {
  test(`Escape closes the ${panel} and gives the focus back to ${button}`, async ({ page }) => {
    await openInDemo(page);
    await closeExamples(page);
    const toggle = page.getByRole("button", { name: button, exact: true });
    await toggle.click();
    const side = page.getByRole("complementary", { name: panel });
    await expect(side).toBeVisible();
    // Focus moved into the panel first, as a keyboard user's would be.
    await side.getByRole("button").first().focus();
    await page.keyboard.press("Escape");
    await expect(side).toBeHidden();
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(toggle).toBeFocused();
  });
}

test("Escape in the Workflows rename field cancels the rename and leaves the panel open", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
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

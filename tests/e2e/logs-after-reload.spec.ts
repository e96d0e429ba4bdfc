// Issue 16, item 15: each job's log is kept with its result, so the Logs panel shows it after a reload.
import { expect, node, openInDemo, runAll, test } from "./fixtures";

test("a node's log is kept with its result and shown again after a reload", async ({ page }) => {
  await openInDemo(page, "?demoDelay=150");
  const panel = page.getByRole("complementary", { name: "Examples panel" });
  await panel
    .getByRole("button")
    .filter({ has: page.getByText("Text to video", { exact: true }) })
    .click();
  const clip = node(page, "t2v");
  await runAll(page);
  await expect(clip).toHaveAttribute("data-status", "succeeded");
  await clip.getByRole("button", { name: "Logs" }).click();
  const logs = page.getByRole("complementary", { name: "Logs panel" });
  await expect(logs).toContainText("Done:");
  const during = await logs.locator("pre").innerText();

  await page.reload();
  await expect(node(page, "t2v")).toHaveAttribute("data-status", "cached");
  await node(page, "t2v").getByRole("button", { name: "Logs" }).click();
  await expect(logs.locator("pre")).toHaveText(during);
  await expect(logs).toContainText(/kept from the run of/);
});

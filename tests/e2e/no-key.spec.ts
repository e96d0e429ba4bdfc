// The default proxy with no FAL_KEY (the real handler, as `npm start` serves it): Settings says the key is missing as
// soon as the proxy is chosen, and Run says what to do before anything else, sending nothing. A key fal refuses
// (401 on the call itself) is a row of the fault matrix (tests/e2e/faults).
import { expect, node, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("a proxy without a fal key: Run says exactly what to do and sends nothing", async ({ page, fake }) => {
  await page.goto("./");
  await page.getByRole("button", { name: "Set up a proxy" }).click();
  // The default Proxy URL: on this static host it is the real proxy handler with no FAL_KEY.
  await expect(page.getByLabel("Proxy URL")).toHaveValue("/api/fal/proxy");
  await expect(page.getByRole("status", { name: "Proxy check" })).toContainText("no fal key");
  await page.getByRole("button", { name: "Close settings" }).click();
  await openWorkflow(page, singleVideo("401"));
  await runAll(page);
  const advice = page.getByRole("alert").filter({ hasText: "FAL_KEY" });
  await expect(advice.first()).toContainText("Nothing was sent");
  await expect(advice.first()).toContainText(".env.local");
  await expect(advice.first()).toContainText(/demo/i);
  await expect(node(page, "clip")).not.toHaveAttribute("data-status", "failed");
  expect(fake.requests).toEqual([]);
});

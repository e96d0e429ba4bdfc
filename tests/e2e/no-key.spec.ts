// The default proxy with no FAL_KEY (the real handler, as `npm start` serves it): the run fails and the app
// says what to do. Stop and fal's 422 on the node are rows of the fault matrix (tests/e2e/faults).
import { expect, node, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("a proxy without a fal key: the node fails and the app says exactly what to do", async ({ page, fake }) => {
  await page.goto("./");
  await page.getByRole("button", { name: "Set up a proxy" }).click();
  // The default Proxy URL: on this static host it is the real proxy handler with no FAL_KEY.
  await expect(page.getByLabel("Proxy URL")).toHaveValue("/api/fal/proxy");
  await page.getByRole("button", { name: "Close settings" }).click();
  await openWorkflow(page, singleVideo("401"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "failed");
  const advice = page.getByRole("alert").filter({ hasText: "FAL_KEY" });
  await expect(advice.first()).toContainText(".env.local");
  await expect(advice.first()).toContainText(/demo/i);
  expect(fake.requests).toEqual([]);
});

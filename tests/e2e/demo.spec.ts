// Demo mode: no key, no proxy, no network; a clip rendered in the browser, labelled simulated, priced $0.
import { expect, expectVideoPlays, node, openInDemo, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("demo mode produces a playing clip, labelled simulated, without contacting fal", async ({ page, fake }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && !u.pathname.startsWith("/reelflow/")) outside.push(r.url());
  });
  await openInDemo(page, "?demoDelay=1500");
  await openWorkflow(page, singleVideo("demo"));
  await expect(page.getByRole("button", { name: "Run", exact: true })).toContainText(/\$0|simulated/);
  await runAll(page);
  const clip = node(page, "clip");
  await expect(clip).toHaveAttribute("data-status", "running");
  await expect(clip).toHaveAttribute("data-status", "succeeded");
  await expectVideoPlays(clip);
  await expect(clip.getByText("simulated", { exact: true })).toBeVisible();
  expect(fake.requests).toEqual([]);
  expect(outside).toEqual([]);
});

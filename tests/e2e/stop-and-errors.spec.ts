// What goes wrong, shown where it happened: Stop cancels at fal, a 422 lands on its node in fal's words,
// and a proxy without a key says what to do.
import { expect, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("Stop cancels the job at the fake fal", async ({ page, fake }) => {
  fake.set({ queueMs: 120_000 });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("stop"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "queued");
  await expect.poll(() => fake.jobs.length, { message: "the job reached fal" }).toBe(1);

  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect.poll(() => fake.requestsOf("cancel").length, { message: "a cancel reached fal" }).toBeGreaterThanOrEqual(1);
  expect(fake.requestsOf("cancel")[0]?.requestId).toBe(fake.jobs[0]?.requestId);
  await expect.poll(() => fake.jobs[0]?.cancelledAt ?? null, { message: "fal accepted the cancel" }).not.toBeNull();
  await expect(node(page, "clip")).toHaveAttribute("data-status", /failed|idle/);
  await expect(node(page, "clip").getByTestId("status-badge")).toHaveText(/cancel/i);
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeDisabled();
  expect(fake.submittedCount()).toBe(1);
});

test("a 422 from fal is shown on the node with the field and fal's words", async ({ page, fake }) => {
  fake.set({
    rejectSubmit: { status: 422, body: { detail: [{ loc: ["body", "duration"], msg: "Duration must be one of 4, 8 or 12 seconds", type: "value_error" }] } },
  });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("422"));
  await runAll(page);
  const clip = node(page, "clip");
  await expect(clip).toHaveAttribute("data-status", "failed");
  const error = clip.getByRole("alert");
  await expect(error).toContainText("Duration must be one of 4, 8 or 12 seconds");
  await expect(error).toContainText(/duration/);
  // The graph is intact: the node and its params are still there to fix.
  await expect(clip.getByLabel(/^Duration/)).toHaveValue(/4/);
});

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

// Rows: Stop while the job is queued cancels it at fal; Stop after fal finished it (the app has not seen
// that yet) keeps the paid result.
import { test } from "../fixtures";
import { badge, expect, jobAtFal, node, openSingle, QUICK, submits } from "./helpers";
import { runAll } from "../fixtures";

test("cancel while queued: fal cancels the job, the node says cancelled, nothing resubmitted", async ({
  page,
  fake,
}) => {
  fake.set({ ...QUICK, queueMs: 120_000 });
  await openSingle(page, fake, "cancel-queued");
  await runAll(page);
  const id = await jobAtFal(page, fake);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect.poll(() => fake.jobs[0]?.cancelledAt ?? null, { message: "fal accepted the cancel" }).not.toBeNull();
  expect(fake.requestsOf("cancel")[0]?.requestId).toBe(id);
  await expect(badge(page)).toHaveText(/cancel/i);
  expect(submits(fake)).toBe(1);
});

test("cancel after completion: fal says already completed, the paid result is fetched and stored", async ({
  page,
  fake,
}) => {
  // A silent status stream keeps the app from noticing the completion before Stop is pressed.
  fake.set({ ...QUICK, queueMs: 120_000, streamSilent: true });
  await openSingle(page, fake, "cancel-completed");
  await runAll(page);
  const id = await jobAtFal(page, fake);
  fake.finish(id);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect
    .poll(() => fake.requestsOf("cancel").length, { message: "a cancel reached fal" })
    .toBeGreaterThanOrEqual(1);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  expect(fake.jobs[0]?.cancelledAt ?? null).toBeNull();
  expect(submits(fake)).toBe(1);
});

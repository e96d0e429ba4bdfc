// Rows: the network drops while the app follows a job, and fal answers status calls with 429/503 bursts.
// Either way the job is followed to its end: one submit, the result stored.
import { runAll, test } from "../fixtures";
import { expect, jobAtFal, node, openSingle, QUICK, submits } from "./helpers";

test("network drop during status polling: the job is followed to its end, one submit", async ({ page, fake }) => {
  fake.set({ ...QUICK, queueMs: 60_000 });
  await openSingle(page, fake, "network-drop");
  await runAll(page);
  const id = await jobAtFal(page, fake);
  // The browser goes offline, and the next status calls lose their connection.
  fake.set({ failNext: { stream: { times: 2, drop: true }, status: { times: 2, drop: true } } });
  await page.context().setOffline(true);
  await page.waitForTimeout(1500);
  await page.context().setOffline(false);
  fake.finish(id);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  expect(submits(fake)).toBe(1);
});

test("429 and 503 bursts on status and result: retried with backoff, one submit, result stored", async ({
  page,
  fake,
}) => {
  fake.set({
    ...QUICK,
    failNext: {
      stream: { times: 3, status: 503 },
      status: { times: 3, status: 429, retryAfterSec: 1 },
      result: { times: 2, status: 503 },
    },
  });
  await openSingle(page, fake, "bursts");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  expect(submits(fake)).toBe(1);
  // The bursts really happened: fal answered 429 and 503 before the job was followed to its end.
  const statuses = fake.requests.map((r) => r.status);
  expect(statuses).toContain(429);
  expect(statuses).toContain(503);
});

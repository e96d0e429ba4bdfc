// Fault-matrix rows of issue 7 that need a real browser: a reload in the middle of a run, and two tabs
// running the same graph. In every row: nothing lost, no job submitted twice.
import { expect, expectVideoPlays, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("reload in the middle of a run: the job resumes, is submitted once, and its result is stored", async ({ page, fake }) => {
  fake.set({ queueMs: 4000, runMs: 1500 });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("resume"));
  await runAll(page);
  await expect.poll(() => fake.jobs.length, { message: "the job reached fal" }).toBe(1);
  await expect(node(page, "clip")).toHaveAttribute("data-status", /queued|running/);

  await page.reload();
  const clip = node(page, "clip");
  await expect(clip).toHaveAttribute("data-status", /queued|running|succeeded/);
  await expect(clip).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expectVideoPlays(clip);
  expect(fake.submittedCount()).toBe(1);
  expect(fake.requestsOf("result").length).toBeGreaterThanOrEqual(1);

  // Stored: one more reload shows it without asking fal for anything.
  await expect(clip.locator("video")).toHaveAttribute("src", /^blob:/);
  const before = fake.requests.filter((r) => r.kind !== "media").length;
  await page.reload();
  await expectVideoPlays(node(page, "clip"));
  expect(fake.requests.filter((r) => r.kind !== "media").length).toBe(before);
  expect(fake.submittedCount()).toBe(1);
});

test("two tabs running the same graph submit it once and both show the result", async ({ page, context, fake }) => {
  fake.set({ queueMs: 3000, runMs: 1000 });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("two-tabs"));
  // The second tab opens the workflow the first one autosaved.
  const second = await context.newPage();
  await expect(async () => {
    await second.goto("./");
    await expect(node(second, "clip")).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });

  await runAll(page);
  await expect.poll(() => fake.jobs.length, { message: "the first tab's job reached fal" }).toBe(1);
  await runAll(second);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(node(second, "clip")).toHaveAttribute("data-status", /succeeded|cached/, { timeout: 30_000 });
  await expectVideoPlays(node(second, "clip"));
  expect(fake.submittedCount()).toBe(1);
});

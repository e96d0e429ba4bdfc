// Row: two tabs of one browser on the same graph both press Run; fal sees one submit and both tabs show the
// result (the second waits for the first, through a Web Lock per cache key).
import { expectVideoPlays, node, runAll, sayYesToRunQuestions, test } from "../fixtures";
import { expect, jobAtFal, openSingle, QUICK, submits } from "./helpers";

test("two tabs on one graph: one submit, both show the result", async ({ page, fake }) => {
  fake.set({ ...QUICK, queueMs: 120_000 });
  await openSingle(page, fake, "two-tabs");
  await runAll(page);
  const id = await jobAtFal(page, fake);

  // Same browser profile (one context): the second tab opens the same workflow from IndexedDB.
  const second = await page.context().newPage();
  // The fixture says yes to the retired-model question on the first tab only.
  sayYesToRunQuestions(second);
  await second.goto("./");
  await expect(node(second, "clip")).toBeVisible();
  await runAll(second);
  await expect(node(second, "clip")).toHaveAttribute("data-status", /queued|running/);

  fake.finish(id);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(node(second, "clip")).toHaveAttribute("data-status", /cached|succeeded/);
  await expectVideoPlays(node(second, "clip"));
  expect(submits(fake)).toBe(1);
  expect(fake.requestsOf("submit")).toHaveLength(1);
});

// The cache at work in the browser: an edit re-runs only what depends on it; undo and redo land on results
// that are already stored, so they cost nothing.
import { expect, node, openWithProxy, openWorkflow, runAll, soraChain, test } from "./fixtures";

test("change one param: only its descendants re-run; undo and redo reuse stored results", async ({ page, fake }) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, soraChain("rerun"));
  await runAll(page);
  for (const id of ["video", "remix", "other"])
    await expect(node(page, id)).toHaveAttribute("data-status", "succeeded");
  expect(fake.submittedCount()).toBe(3);

  // Duration of the first Sora node: that node and the remix fed by it are stale, "other" is not.
  await node(page, "video")
    .getByLabel(/^Duration/)
    .selectOption("8");
  await runAll(page);
  // The statuses of the first run still read "succeeded" until the new one ends: wait for the
  // second run's two submits at fal (the remix is sent only once its new source is done), then
  // for the nodes to settle.
  const accepted = () => fake.requestsOf("submit").filter((r) => r.status === 200);
  await expect.poll(() => accepted().length, { timeout: 30_000 }).toBe(5);
  await expect(page.getByRole("button", { name: "Stop" })).toBeDisabled({ timeout: 30_000 });
  await expect(node(page, "remix")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "video")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "other")).toHaveAttribute("data-status", "cached");
  const submits = accepted();
  expect(submits).toHaveLength(5);
  expect(
    submits
      .slice(3)
      .map((r) => r.endpoint)
      .sort(),
  ).toEqual(["fal-ai/sora-2/text-to-video", "fal-ai/sora-2/video-to-video/remix"]);
  expect(submits[3]?.body).toMatchObject({ duration: 8 });

  // Undo puts duration 4 back: everything is in the cache from the first run.
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "video").getByLabel(/^Duration/)).toHaveValue(/4/);
  await runAll(page);
  for (const id of ["video", "remix", "other"]) await expect(node(page, id)).toHaveAttribute("data-status", "cached");
  // Redo brings 8 back, also stored by now.
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(node(page, "video").getByLabel(/^Duration/)).toHaveValue(/8/);
  await runAll(page);
  for (const id of ["video", "remix", "other"]) await expect(node(page, id)).toHaveAttribute("data-status", "cached");
  expect(fake.submittedCount()).toBe(5);
});

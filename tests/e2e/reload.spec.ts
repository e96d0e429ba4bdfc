// Results live in IndexedDB: after a reload the canvas shows them and plays the video from the local copy,
// and nothing is asked of fal again, not even when Run is pressed.
import { expect, expectVideoPlays, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("reload: the result is back and plays, with no new request to fal", async ({ page, fake }) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("reload"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expectVideoPlays(node(page, "clip"));
  // The local copy is written after the result arrives; once it plays from a blob: URL the download is done.
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  const before = fake.requests.length;
  expect(fake.submittedCount()).toBe(1);

  await page.reload();
  await expect(node(page, "clip")).toBeVisible();
  await expectVideoPlays(node(page, "clip"));
  // The video now comes from IndexedDB (a blob: URL), not from fal's CDN.
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "cached");
  expect(fake.requests.slice(before).map((r) => `${r.kind} ${r.path}`)).toEqual([]);
});

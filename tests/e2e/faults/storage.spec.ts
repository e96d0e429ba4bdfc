// Row: the browser's storage is full when the video is written. The paid result keeps its metadata and
// fal's URL, the user is told, and nothing is evicted; deleting happens in the Storage panel on a click.
import { test } from "../fixtures";
import { runAll, toolbarAction } from "../fixtures";
import { expect, node, openSingle, QUICK, submits } from "./helpers";

test("quota exceeded on the video write: result kept with fal's URL, the user is told, nothing evicted", async ({
  page,
  fake,
}) => {
  // Test-only and honest: IndexedDB itself refuses writes to the `blobs` store as a full disk does.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    const add = IDBObjectStore.prototype.add;
    const full = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
      if (this.name === "blobs") throw full();
      return put.apply(this, args);
    };
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["add"]>) {
      if (this.name === "blobs") throw full();
      return add.apply(this, args);
    };
  });
  fake.set(QUICK);
  await openSingle(page, fake, "quota");
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByText(/Storage is full/).first()).toBeVisible();
  await expect(node(page, "clip")).toContainText(/not stored locally/);
  // Plays from fal's URL, not a local copy.
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^http/);
  expect(submits(fake)).toBe(1);

  // The metadata survived: after a reload the result is there and Run sends nothing.
  await page.reload();
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "cached");
  expect(fake.requestsOf("submit")).toHaveLength(1);

  // The Storage panel lists it with its regenerate cost; nothing was deleted on its own. Clicked once the Run
  // button's figures have settled: their text changes the toolbar's width, which can move the button under a click.
  // (Seen once on a loaded machine: the press landed on Storage, the release on Spend, so no click.)
  await expect(page.getByTestId("run-preview")).toHaveText(/1 cached: nothing to pay/);
  // Storage is an item of the toolbar's More actions menu.
  const storage = page.getByRole("complementary", { name: "Storage panel" });
  await expect(async () => {
    if (!(await storage.isVisible())) await (await toolbarAction(page, "Storage")).click();
    await expect(storage).toBeVisible({ timeout: 1000 });
  }).toPass();
  const list = page.getByRole("list", { name: "Stored results" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  // Sora 2 is retired upstream: the list says it cannot be made again, and what it cost.
  await expect(list).toContainText(
    /To make again: unknown \(cannot be made again: .* is retired; it cost \$\d+\.\d\d\)/,
  );
  await expect(list).toContainText(/not kept here/);
  await list.getByRole("button", { name: /^Delete/ }).click();
  await list.getByRole("button", { name: "Yes, delete" }).click();
  await expect(list).toHaveCount(0);
});

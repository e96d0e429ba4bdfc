// issue 5: a bundle carries results to a fresh browser (seen there, nothing asked of fal again); a share link
// carries the graph to a fresh browser (opened as a new workflow, nothing sent, no proxy URL inside).
import { readFileSync } from "node:fs";
import LZString from "lz-string";
import { expect, expectVideoPlays, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "../fixtures";

test("bundle: export with results, import into a fresh browser: results visible, no request to fal", async ({
  page,
  fake,
  browser,
}, info) => {
  // The download path here (Chromium's save dialog cannot be driven headless); the dialog path has a unit test.
  await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("bundle"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  await expect(node(page, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  expect(fake.submittedCount()).toBe(1);

  await page.getByRole("button", { name: "Workflows", exact: true }).click();
  const panel = page.getByRole("complementary", { name: "Workflows panel" });
  const download = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Export bundle" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Single bundle.reelflow.zip");
  await expect(panel.getByRole("status", { name: "Workflow message" })).toContainText("with 1 result");
  const zip = readFileSync((await file.path()) ?? "");

  // A fresh profile: nothing cached there.
  const fresh = await browser.newContext({ baseURL: info.project.use.baseURL });
  const other = await fresh.newPage();
  await openWithProxy(other, fake.url);
  const before = fake.requests.length;
  await other.getByRole("button", { name: "Workflows", exact: true }).click();
  const chooser = other.waitForEvent("filechooser");
  await other
    .getByRole("complementary", { name: "Workflows panel" })
    .getByRole("button", { name: "Import bundle" })
    .click();
  await (await chooser).setFiles({ name: "Single bundle.reelflow.zip", mimeType: "application/zip", buffer: zip });
  await expect(other.getByRole("status", { name: "Workflow message" })).toContainText("1 result restored");
  await expect(other.getByLabel("Workflow name")).toHaveValue("Single bundle");
  await expect(other.getByRole("list", { name: "Workflow list" }).locator('li[aria-current="true"]')).toContainText(
    "Single bundle",
  );
  await expectVideoPlays(node(other, "clip"));
  await expect(node(other, "clip").locator("video")).toHaveAttribute("src", /^blob:/);
  await runAll(other);
  await expect(node(other, "clip")).toHaveAttribute("data-status", "cached");
  expect(fake.requests.slice(before).map((r) => `${r.kind} ${r.path}`)).toEqual([]);
  await node(other, "clip")
    .locator("video")
    .evaluate((v: HTMLVideoElement) => v.pause());
  await other.close();
  await fresh.close();
});

test("share link: round trip into a fresh browser opens the graph and sends nothing", async ({
  page,
  fake,
  browser,
}, info) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("share"));
  await page.getByRole("button", { name: "Workflows", exact: true }).click();
  const panel = page.getByRole("complementary", { name: "Workflows panel" });
  await panel.getByRole("button", { name: "Share link" }).click();
  const link = await panel.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(link).toMatch(/\/reelflow\/#w=/);
  const inside = LZString.decompressFromEncodedURIComponent(link.slice(link.indexOf("#w=") + 3)) ?? "";
  expect(inside).toContain("A hot air balloon over hills (share)");
  expect(inside).not.toContain("127.0.0.1");

  const fresh = await browser.newContext({ baseURL: info.project.use.baseURL });
  const other = await fresh.newPage();
  await openWithProxy(other, fake.url);
  const before = fake.requests.length;
  await other.goto("about:blank");
  await other.goto(link);
  await expect(node(other, "clip")).toBeVisible();
  await expect(other.getByLabel("Workflow name")).toHaveValue("Single share");
  await expect(other.getByText(/Opened the shared workflow "Single share"/)).toBeVisible();
  // The address is cleaned, so a reload does not add it again, and nothing ran.
  expect(other.url()).not.toContain("#w=");
  await expect(node(other, "clip")).not.toHaveAttribute("data-status", /running|queued|succeeded/);
  await other.reload();
  await expect(node(other, "clip")).toBeVisible();
  await other.getByRole("button", { name: "Workflows", exact: true }).click();
  await expect(
    other.getByRole("list", { name: "Workflow list" }).getByRole("button", { name: /^Open Single share/ }),
  ).toHaveCount(1);
  expect(fake.requests.slice(before).map((r) => `${r.kind} ${r.path}`)).toEqual([]);
  await fresh.close();
});

// issue 5: the built dist/ works from a sub-path of a static host, with relative asset URLs and no server routes.
import { expect, test } from "./fixtures";

test("the built app loads under /reelflow/ with every asset found there", async ({ page, baseURL }) => {
  const failed: string[] = [];
  const outsideBase: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && !u.pathname.startsWith("/reelflow/")) outsideBase.push(r.url());
  });
  await page.goto("./");
  expect(new URL(page.url()).pathname).toBe("/reelflow/");
  await page.getByRole("button", { name: "Try the demo" }).click();
  // The examples list and each example are static files under the same sub-path: open the first one.
  const index = (await (await page.request.get("examples/index.json")).json()) as { examples: { title: string }[] };
  const first = index.examples[0]?.title ?? "";
  expect(first).not.toBe("");
  await page.getByRole("button", { name: first }).first().click();
  await expect(page.locator("[data-node-id]").first()).toBeVisible();
  expect(baseURL).toContain("/reelflow/");
  expect(failed).toEqual([]);
  expect(outsideBase).toEqual([]);
});

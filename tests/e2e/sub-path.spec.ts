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
  // The examples list is a static file under the same sub-path.
  await expect(page.getByRole("button", { name: /Text-to-video, then remix/ }).or(page.getByText("Text-to-video, then remix")).first()).toBeVisible();
  expect(baseURL).toContain("/reelflow/");
  expect(failed).toEqual([]);
  expect(outsideBase).toEqual([]);
});

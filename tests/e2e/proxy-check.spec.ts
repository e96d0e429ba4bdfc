// Issue 16 items 2 and 3: the proxy is checked when it is chosen, Settings says what answers there, and a run with a
// broken proxy says so before any question and sends nothing. The app is served under /reelflow/ by
// tests/e2e/serve-dist.ts, whose /api/fal/proxy is the real proxy handler with no key; anything else outside
// /reelflow/ is a 404, and a path under it without an extension gets the app's page (a static host's fallback).
import { expect, node, openInDemo, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";
import type { Page } from "@playwright/test";

const proxyCheck = (page: Page) => page.getByRole("status", { name: "Proxy check" });

async function typeProxyUrl(page: Page, url: string): Promise<void> {
  const field = page.getByLabel("Proxy URL");
  await field.fill(url);
  await field.press("Enter");
}

test("Settings checks the proxy at once: key missing, no proxy here, a web page, then OK", async ({ page, fake }) => {
  await page.goto("./");
  await page.getByRole("button", { name: "Set up a proxy" }).click();
  // The default Proxy URL on this host: the real handler without a key.
  await expect(proxyCheck(page)).toContainText("Proxy reachable, but it has no fal key");
  await expect(proxyCheck(page)).toContainText(".env.local");

  await typeProxyUrl(page, "/nope/api/fal/proxy");
  await expect(proxyCheck(page)).toContainText("No proxy here");
  await expect(proxyCheck(page)).toContainText("HTTP 404");
  await expect(proxyCheck(page)).toContainText("npm run proxy");
  // The app is under /reelflow/: a URL starting with "/" is looked for at the host root, and Settings says so.
  await expect(proxyCheck(page)).toContainText("served under /reelflow/");

  await typeProxyUrl(page, "api/fal/proxy");
  await expect(proxyCheck(page)).toContainText("No proxy here");
  await expect(proxyCheck(page)).toContainText("web page");

  await typeProxyUrl(page, fake.url);
  await expect(proxyCheck(page)).toContainText("Proxy OK: reachable, fal key present");
  expect(fake.checks.length).toBeGreaterThan(0);
  expect(fake.requests).toEqual([]);
});

test("switching from Demo to fal mode checks the proxy at once", async ({ page }) => {
  await openInDemo(page);
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  await expect(page.getByText("Demo mode does not use the proxy.")).toBeVisible();
  await page.getByRole("radio", { name: /^fal: real generations/ }).check();
  await expect(proxyCheck(page)).toContainText("Proxy reachable, but it has no fal key");
});

test("a run with no proxy at the Proxy URL says so before any question and sends nothing", async ({ page, fake }) => {
  // The fake answers the check as a static host would (a 404 page), but would still take a submit: the log shows
  // whether anything was sent.
  fake.set({ proxyCheck: "absent" });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("no-proxy"));
  await runAll(page);
  const said = page.getByRole("alert").filter({ hasText: "Nothing was sent: no proxy here." });
  await expect(said).toBeVisible();
  await expect(said).toContainText(`No fal proxy at ${fake.url}/: it answered HTTP 404`);
  await expect(said).toContainText("Settings → Proxy URL");
  // No question came first (this Sora 2 workflow asks before sending to a retired model when it is sent).
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(node(page, "clip")).not.toHaveAttribute("data-status", "failed");
  expect(fake.requests).toEqual([]);
  expect(fake.checks.length).toBeGreaterThan(0);
});

test("a run through a proxy that answers goes on as before", async ({ page, fake }) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("proxy-ok"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  expect(fake.submittedCount()).toBe(1);
});

// Issue 20 in the browser: a run's submit carries its job's submit id only when the proxy's check said
// "submit-id"; a proxy that says nothing gets requests exactly as before (no header, none asked for in the CORS
// preflight). Read from the fake fal's request log; the fake is the proxy and answers the check as told.
import { SUBMIT_ID_HEADER } from "../../src/domain/submit-id";
import { startHostedProxy } from "./hosted-proxy";
import { expect, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";
import type { FakeFal } from "../fake-fal/server";

const askedFor = (fake: FakeFal) =>
  fake.requestsOf("preflight").map((r) => (r.headers["access-control-request-headers"] ?? "").toLowerCase());

test("a proxy that says submit-id gets each submit with its job's id", async ({ page, fake }) => {
  fake.set({ proxyCheck: { falKey: true, capabilities: ["submit-id"] } });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("with id"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  const submits = fake.requestsOf("submit");
  expect(submits).toHaveLength(1);
  expect(submits[0]?.headers[SUBMIT_ID_HEADER]).toMatch(/^[0-9a-f]{32}$/);
  expect(askedFor(fake).some((h) => h.includes(SUBMIT_ID_HEADER))).toBe(true);
});

test("a proxy that says nothing of it gets no such header, nor a preflight asking for one", async ({ page, fake }) => {
  await openWithProxy(page, fake.url);
  await openWorkflow(page, singleVideo("without id"));
  await runAll(page);
  await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
  expect(fake.checks.length).toBeGreaterThanOrEqual(1);
  const submits = fake.requestsOf("submit");
  expect(submits).toHaveLength(1);
  expect(Object.keys(submits[0]?.headers ?? {}).filter((h) => h.startsWith("x-reelflow"))).toEqual([]);
  expect(askedFor(fake).some((h) => h.includes("x-reelflow"))).toBe(false);
});

test("npm run proxy on another origin says submit-id, takes the header through its preflight and runs", async ({
  page,
  fake,
  baseURL,
}) => {
  const proxy = await startHostedProxy(baseURL, fake.url);
  try {
    // The header never reaches fal (the proxy keeps it): read it from what the page sent.
    const submitHeaders: Record<string, string>[] = [];
    page.on("request", (r) => {
      const target = r.headers()["x-fal-target-url"] ?? "";
      const isSubmit = target.startsWith("https://queue.fal.run/") && !target.includes("/requests/");
      if (r.method() === "POST" && isSubmit) submitHeaders.push(r.headers());
    });
    await openWithProxy(page, proxy.url);
    await openWorkflow(page, singleVideo("hosted with id"));
    await runAll(page);
    await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
    expect(fake.submittedCount()).toBe(1);
    expect(submitHeaders).toHaveLength(1);
    expect(submitHeaders[0]?.[SUBMIT_ID_HEADER]).toMatch(/^[0-9a-f]{32}$/);
  } finally {
    await proxy.close();
  }
});

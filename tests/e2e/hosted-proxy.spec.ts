// The hosted set-up of issue 7: the static app on one origin, `npm run proxy` on another (CORS allowlist,
// preflight, the request id header exposed), fal behind it. The proxy's fal is the fake, through the
// test-only upstream option; everything else is the deployable code path.
import { startHostedProxy } from "./hosted-proxy";
import { expect, expectVideoPlays, node, openWithProxy, openWorkflow, runAll, singleVideo, test } from "./fixtures";

test("the static app runs a graph through the standalone proxy on another origin", async ({ page, fake, baseURL }) => {
  const proxy = await startHostedProxy(baseURL, fake.url);
  try {
    await openWithProxy(page, proxy.url);
    await openWorkflow(page, singleVideo("hosted"));
    await runAll(page);
    await expect(node(page, "clip")).toHaveAttribute("data-status", "succeeded");
    await expectVideoPlays(node(page, "clip"));
    const submit = fake.requestsOf("submit")[0];
    expect(submit?.headers.authorization).toBe("Key key-held-by-the-proxy");
    // Every fal call went through the proxy with the key; the browser never held it.
    const proxied = fake.requests.filter((r) => r.target !== null);
    expect(proxied.length).toBeGreaterThanOrEqual(2);
    for (const r of proxied) expect(r.headers.authorization, `${r.kind} ${r.path}`).toBe("Key key-held-by-the-proxy");
  } finally {
    await proxy.close();
  }
});

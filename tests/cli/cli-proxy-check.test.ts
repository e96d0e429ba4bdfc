// Issue 16 item 3 in the CLI: `reelflow run --proxy <url>` checks the proxy before it sends anything and, when no
// proxy answers there or it has no fal key, says so and exits 2 with nothing sent. The real CLI in a child process.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness";
import { fakeFalCli } from "./fake-fal-cli";
import { twoBranches } from "./workflows";

const t = fakeFalCli({ switches: { queueMs: 50, runMs: 100 } });

const run = async (proxy: string) => {
  const file = await t.box.file("two.reelflow.json", twoBranches());
  const args = ["run", file, "--proxy", proxy, "--cache-dir", t.box.cacheDir, "--allow-unknown-price"];
  return runCli(args, { cwd: t.box.dir });
};

describe("reelflow run --proxy checks the proxy first", () => {
  it("no proxy at the URL (a 404 page): says so, exits 2, sends nothing", async () => {
    t.fake.set({ proxyCheck: "absent" });
    const r = await run(t.fake.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no proxy at ${t.fake.url}: it answered HTTP 404`);
    expect(r.stderr).toContain("npm run proxy");
    expect(r.stderr).toContain("Nothing was sent");
    expect(t.fake.requests).toEqual([]);
    expect(t.fake.checks).toHaveLength(1);
  });

  it("a proxy without a fal key: says so with the proxy's words, exits 2, sends nothing", async () => {
    t.fake.set({ proxyCheck: { falKey: false, capabilities: [] } });
    const r = await run(t.fake.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the proxy at ${t.fake.url} has no fal key`);
    expect(r.stderr).toContain("the fake fal was told to have none");
    expect(t.fake.requests).toEqual([]);
  });

  it("nothing listening there: says no proxy, exits 2", async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fal/proxy`;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const r = await run(url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no proxy at ${url}: no answer`);
  });

  it("a proxy that answers: the run goes on", async () => {
    const r = await run(t.fake.url);
    expect(r.code).toBe(0);
    expect(t.fake.submittedCount()).toBeGreaterThanOrEqual(2);
  });
});

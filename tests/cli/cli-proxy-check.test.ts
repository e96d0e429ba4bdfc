// Issue 16 item 3 in the CLI: `reelflow run --proxy <url>` checks the proxy before it sends anything and, when no
// proxy answers there or it has no fal key, says so and exits 2 with nothing sent. The real CLI in a child process.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeFal, type FakeFal } from "../fake-fal/server";
import { runCli, scratch } from "./cli-harness";
import { twoBranches } from "./workflows";

let fake: FakeFal;
beforeAll(async () => {
  fake = await startFakeFal();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.set({ queueMs: 50, runMs: 100 });
});

let box: Awaited<ReturnType<typeof scratch>>;
beforeEach(async () => {
  box = await scratch();
});
afterEach(() => box.cleanup());

const run = async (proxy: string) => {
  const file = await box.file("two.reelflow.json", twoBranches());
  const args = ["run", file, "--proxy", proxy, "--cache-dir", box.cacheDir, "--allow-unknown-price"];
  return runCli(args, { cwd: box.dir });
};

describe("reelflow run --proxy checks the proxy first", () => {
  it("no proxy at the URL (a 404 page): says so, exits 2, sends nothing", async () => {
    fake.set({ proxyCheck: "absent" });
    const r = await run(fake.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no proxy at ${fake.url}: it answered HTTP 404`);
    expect(r.stderr).toContain("npm run proxy");
    expect(r.stderr).toContain("Nothing was sent");
    expect(fake.requests).toEqual([]);
    expect(fake.checks).toHaveLength(1);
  });

  it("a proxy without a fal key: says so with the proxy's words, exits 2, sends nothing", async () => {
    fake.set({ proxyCheck: { falKey: false, capabilities: [] } });
    const r = await run(fake.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the proxy at ${fake.url} has no fal key`);
    expect(r.stderr).toContain("the fake fal was told to have none");
    expect(fake.requests).toEqual([]);
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
    const r = await run(fake.url);
    expect(r.code).toBe(0);
    expect(fake.submittedCount()).toBeGreaterThanOrEqual(2);
  });
});

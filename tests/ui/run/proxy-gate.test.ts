// Issue 16 item 3: a fal run checks the proxy before any question (retired models, unknown prices) and, when no proxy
// answers or it has no key, says so and sends nothing. Real controller, planner and fal client; real HTTP servers.
import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { checkProxy } from "../../../src/adapters/proxy-check/check-proxy";
import { nodeId } from "../../../src/domain/ids";
import type { Workflow } from "../../../src/domain/workflow";
import { createFalProxyHandler } from "../../../src/proxy/handler";
import { createRunController, type RunEnvironment } from "../../../src/ui/run/run-controller";
import { createRunStore } from "../../../src/ui/run/run-store";
import { createProxyHealthService } from "../../../src/ui/settings/proxy-health-store";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { memoryCache } from "../harness";
import { soraChain } from "../sora-graphs";

// Sora 2 is retired: a run of it asks before sending (the question the proxy check must come before).
const workflow: Workflow = soraChain({ name: "gate", text: "waves at night" });

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
let fake: FakeFal;
beforeAll(async () => {
  fake = await startFakeFal({ port: 0, switches: { queueMs: 10, runMs: 10 } });
});
afterAll(async () => {
  await fake.close();
});

async function listen(handler: RequestListener): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.headers["x-fal-target-url"] ? "with target" : "check"}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fal/proxy`, seen };
}

function setup(proxyUrl: string, answer = false) {
  const runs = createRunStore();
  const cache = memoryCache();
  const health = createProxyHealthService((url) => checkProxy(url));
  const env: RunEnvironment = {
    simulated: () => false,
    cache: async () => cache,
    ports: async () => ({ client: createFalInferenceClient({ proxyUrl }), cache }),
    checkProxy: async () => ({
      health: await health.check(proxyUrl),
      place: { proxyUrl, pageUrl: "http://localhost:5173/" },
    }),
  };
  const said: string[] = [];
  const asked: string[] = [];
  const runner = createRunController(runs, env, () => workflow, {
    say: (m) => said.push(m),
    confirm: (m) => (asked.push(m), answer),
  });
  return { runner, said, asked, health, runs };
}

describe("the proxy gate before a fal run", () => {
  it("no proxy at the URL (a static host's 404): says so first, asks nothing, sends nothing", async () => {
    const host = await listen((req, res) => {
      req.resume();
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<html>not found</html>");
    });
    const t = setup(host.url);
    await t.runner.runAll();
    expect(t.asked).toEqual([]);
    expect(t.said).toHaveLength(1);
    expect(t.said[0]).toMatch(/^Nothing was sent: no proxy here\./);
    expect(t.said[0]).toContain(`No fal proxy at ${host.url}: it answered HTTP 404`);
    expect(t.said[0]).toContain("npm run proxy");
    expect(t.said[0]).not.toMatch(/cancelled/);
    expect(host.seen).toEqual(["GET check"]);
    expect(t.health.state.getState().latest).toMatchObject({ kind: "no-proxy" });
  });

  it("a proxy without a fal key: says what to do before any question, sends nothing", async () => {
    const missingKeyMessage = "No FAL_KEY: put FAL_KEY=… in .env.local and restart npm start, or switch to Demo.";
    const handle = createFalProxyHandler({ falKey: () => undefined, missingKeyMessage });
    const host = await listen((req, res) => void handle(req, res));
    const t = setup(host.url);
    await t.runner.runAll();
    expect(t.asked).toEqual([]);
    expect(t.said[0]).toMatch(/^Nothing was sent: proxy reachable, but it has no fal key\. /);
    expect(t.said[0]).toContain(missingKeyMessage);
    expect(host.seen).toEqual(["GET check"]);
  });

  it("nothing listening at the URL: says so, sends nothing", async () => {
    const host = await listen(() => undefined);
    await closers.pop()?.();
    const t = setup(host.url);
    await t.runner.runAll();
    expect(t.asked).toEqual([]);
    expect(t.said[0]).toMatch(/^Nothing was sent: no proxy here\. No fal proxy at .*: no answer \(.*\): nothing/);
  });

  it("a proxy that answers: the run goes on to its questions (declined here, so nothing is sent)", async () => {
    fake.reset();
    const t = setup(fake.url);
    await t.runner.runAll();
    expect(t.asked).toHaveLength(1);
    expect(t.said.at(-1)).toMatch(/cancelled before sending to retired models/);
    expect(fake.checks).toHaveLength(1);
    expect(fake.requests).toEqual([]);
  });

  it("a proxy that answers: the run is sent once the questions are answered yes", async () => {
    fake.reset();
    const t = setup(fake.url, true);
    await t.runner.runAll();
    expect(fake.submittedCount()).toBe(1);
    expect(t.runs.getState().run.nodes[nodeId("v")]?.status).toBe("succeeded");
    // All cached now: a second run sends nothing, so it does not check the proxy either.
    const checks = fake.checks.length;
    await t.runner.runAll();
    expect(fake.checks).toHaveLength(checks);
    expect(fake.submittedCount()).toBe(1);
  });
});

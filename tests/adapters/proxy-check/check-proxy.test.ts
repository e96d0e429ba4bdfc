// The proxy check over real HTTP: the real proxy handler (as both proxies mount it), the fake fal, a plain static
// server that answers 404, 405, 501 and web pages, and a port where nothing listens.
import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkProxy } from "../../../src/adapters/proxy-check/check-proxy";
import { createFalProxyHandler } from "../../../src/proxy/handler";
import { MISSING_KEY_MESSAGE_DEV } from "../../../src/proxy/vite-plugin";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(handler: RequestListener): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function staticHost(status: number, type: string, body: string): Promise<string> {
  return listen((_req, res) => {
    res.writeHead(status, { "content-type": type });
    res.end(body);
  });
}

let fake: FakeFal;
beforeAll(async () => {
  fake = await startFakeFal({ port: 0 });
});
afterAll(async () => {
  await fake.close();
});

describe("checkProxy", () => {
  it("finds Reelflow's proxy with a key and its capabilities", async () => {
    const handle = createFalProxyHandler({ falKey: () => "k", missingKeyMessage: "-", capabilities: ["submit-id"] });
    const base = await listen((req, res) => void handle(req, res));
    const url = `${base}/api/fal/proxy`;
    expect(await checkProxy(url)).toEqual({ kind: "ready", url, capabilities: ["submit-id"] });
  });

  it("finds Reelflow's proxy without a key, with what to do", async () => {
    const handle = createFalProxyHandler({ falKey: () => undefined, missingKeyMessage: MISSING_KEY_MESSAGE_DEV });
    const base = await listen((req, res) => void handle(req, res));
    expect(await checkProxy(`${base}/api/fal/proxy`)).toEqual({
      kind: "no-key",
      url: `${base}/api/fal/proxy`,
      capabilities: [],
      message: MISSING_KEY_MESSAGE_DEV,
    });
  });

  it("finds the fake fal as a proxy with a key (it stands for one), logged as a check, not a call to fal", async () => {
    fake.reset();
    expect(await checkProxy(fake.url)).toEqual({ kind: "ready", url: fake.url, capabilities: [] });
    expect(fake.requests).toEqual([]);
    expect(fake.checks).toHaveLength(1);
    fake.set({ proxyCheck: { falKey: true, capabilities: ["submit-id"] } });
    expect(await checkProxy(fake.url)).toMatchObject({ kind: "ready", capabilities: ["submit-id"] });
    fake.set({ proxyCheck: "plain" });
    expect(await checkProxy(fake.url)).toEqual({ kind: "other-proxy", url: fake.url, status: 400 });
    fake.set({ proxyCheck: "absent" });
    expect(await checkProxy(fake.url)).toMatchObject({ kind: "no-proxy", why: { kind: "status", status: 404 } });
    fake.reset();
  });

  it.each([
    [404, "text/plain", "not found"],
    [404, "text/html", "<html><body>404</body></html>"],
    [405, "text/html", "<html>Method Not Allowed</html>"],
    [501, "text/html", "<!DOCTYPE HTML><html><body>Error response 501</body></html>"],
  ])("a static host answering %s %s is no proxy", async (status, type, body) => {
    const base = await staticHost(status, type, body);
    const h = await checkProxy(`${base}/api/fal/proxy`);
    expect(h).toMatchObject({ kind: "no-proxy", why: { kind: "status", status } });
  });

  it("a static host's single-page fallback (200 HTML) is no proxy", async () => {
    const base = await staticHost(200, "text/html", "<!doctype html><title>Reelflow</title>");
    const h = await checkProxy(`${base}/reelflow/api/fal/proxy`);
    expect(h).toMatchObject({ kind: "no-proxy", why: { kind: "web-page", status: 200 } });
  });

  it("a port where nothing listens is unreachable, not an exception", async () => {
    const base = await staticHost(200, "text/plain", "x");
    await closers.pop()?.();
    const h = await checkProxy(`${base}/api/fal/proxy`);
    expect(h).toMatchObject({ kind: "no-proxy", why: { kind: "unreachable" } });
  });

  it("a server that never answers is unreachable after the timeout", async () => {
    const base = await listen(() => undefined);
    const h = await checkProxy(`${base}/api/fal/proxy`, { timeoutMs: 200 });
    const why = { kind: "unreachable", detail: "no answer within 0.2 s" };
    expect(h).toEqual({ kind: "no-proxy", url: `${base}/api/fal/proxy`, why });
  });
});

// The proxy check: a GET to the proxy URL with no x-fal-target-url says what answers there, over real HTTP, for the
// handler both proxies share (npm start's Vite plugin and npm run proxy), with and without a key.
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFalProxyHandler, PROXY_SERVICE_NAME } from "../../src/proxy/handler";
import type { FalProxyOptions } from "../../src/proxy/handler";
import { MISSING_KEY_MESSAGE_STANDALONE, startStandaloneProxy } from "../../src/proxy/standalone";
import type { RunningProxy } from "../../src/proxy/standalone";
import { DEFAULT_ALLOWED_ENDPOINTS } from "../../src/proxy/policy";
import { startUpstream } from "./upstream";

const APP = "https://app.example.org";
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve(opts: Partial<FalProxyOptions>): Promise<string> {
  const handle = createFalProxyHandler({ falKey: () => "k", missingKeyMessage: "no key here", ...opts });
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fal/proxy`;
}

async function standalone(falKey: string | undefined): Promise<RunningProxy> {
  const upstream = await startUpstream();
  const proxy = await startStandaloneProxy({
    falKey,
    allowedOrigins: [APP],
    allowedEndpoints: DEFAULT_ALLOWED_ENDPOINTS,
    maxBodyBytes: 4096,
    port: 0,
    host: "127.0.0.1",
    testUpstreamOrigin: upstream.origin,
  });
  closers.push(async () => {
    await proxy.close();
    await upstream.close();
  });
  return proxy;
}

describe("the proxy check (GET without a target)", () => {
  it("answers 200 JSON naming the service, with the key present and the capabilities given", async () => {
    const url = await serve({ capabilities: ["submit-id"] });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      service: PROXY_SERVICE_NAME,
      version: 1,
      falKey: true,
      capabilities: ["submit-id"],
    });
    expect(PROXY_SERVICE_NAME).toBe("reelflow-fal-proxy");
  });

  it("answers 200 without a key too, saying so with the missing-key advice; capabilities default to none", async () => {
    const url = await serve({ falKey: () => undefined });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      service: "reelflow-fal-proxy",
      version: 1,
      falKey: false,
      capabilities: [],
      message: "no key here",
    });
  });

  it("still refuses a request with a target but no key (401 no_fal_key)", async () => {
    const url = await serve({ falKey: () => undefined });
    const res = await fetch(url, {
      headers: { "x-fal-target-url": "https://queue.fal.run/fal-ai/sora-2/requests/a/status" },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("no_fal_key");
  });

  it("is a GET only: a POST without a target is still refused, not answered as the check", async () => {
    const url = await serve({});
    const res = await fetch(url, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(await res.json())).not.toContain("reelflow-fal-proxy");
  });

  it("npm run proxy answers it to an allowed origin with CORS, and refuses other origins as it refuses any call", async () => {
    const proxy = await standalone(undefined);
    const res = await fetch(proxy.url, { headers: { origin: APP } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(await res.json()).toMatchObject({
      service: "reelflow-fal-proxy",
      falKey: false,
      message: MISSING_KEY_MESSAGE_STANDALONE,
    });
    const other = await fetch(proxy.url, { headers: { origin: "https://evil.example.com" } });
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("npm run proxy with a key says so and sends nothing to fal", async () => {
    const proxy = await standalone("secret");
    const res = await fetch(proxy.url, { headers: { origin: APP } });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ service: "reelflow-fal-proxy", version: 1, falKey: true, capabilities: ["submit-id"] });
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});

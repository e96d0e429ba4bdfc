// The deployable proxy over real HTTP, with a recording upstream standing in for fal's hosts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createFalClient } from "@fal-ai/client";
import { readStandaloneConfig, startStandaloneProxy, MISSING_KEY_MESSAGE_STANDALONE } from "../../src/proxy/standalone";
import type { RunningProxy, StandaloneProxyConfig } from "../../src/proxy/standalone";
import { DEFAULT_ALLOWED_ENDPOINTS } from "../../src/proxy/policy";
import { snapshotEndpointIds } from "../../src/proxy/snapshot-endpoints";
import { startUpstream } from "./upstream";
import type { Upstream } from "./upstream";

const APP = "https://app.example.org";
const SUBMIT = "https://queue.fal.run/fal-ai/sora-2/text-to-video";

let upstream: Upstream;
let proxy: RunningProxy;

function config(over: Partial<StandaloneProxyConfig> = {}): StandaloneProxyConfig {
  return {
    falKey: "test-key",
    allowedOrigins: [APP],
    allowedEndpoints: DEFAULT_ALLOWED_ENDPOINTS,
    maxBodyBytes: 4096,
    port: 0,
    host: "127.0.0.1",
    testUpstreamOrigin: upstream.origin,
    ...over,
  };
}

function call(
  target: string,
  init: { method?: string; origin?: string | null; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-fal-target-url": target,
    ...init.headers,
  };
  if (init.origin !== null) headers.origin = init.origin ?? APP;
  return fetch(proxy.url, {
    method: init.method ?? "POST",
    headers,
    body: init.body ?? (init.method === "GET" ? undefined : "{}"),
  });
}

beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await startStandaloneProxy(config());
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});
afterEach(() => {
  upstream.seen.length = 0;
});

describe("standalone fal proxy", () => {
  it("forwards an allowlisted submit with the server's key, replacing any key sent by the page", async () => {
    const res = await call(SUBMIT, {
      body: '{"prompt":"a red fox"}',
      headers: { authorization: "Key stolen-or-wrong" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("access-control-expose-headers")).toContain("x-fal-request-id");
    expect(res.headers.get("x-fal-request-id")).toBe("req-123");
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]).toMatchObject({
      method: "POST",
      path: "/fal-ai/sora-2/text-to-video",
      body: '{"prompt":"a red fox"}',
    });
    expect(upstream.seen[0]?.headers.authorization).toBe("Key test-key");
    expect(upstream.seen[0]?.headers["x-fal-target-url"]).toBe(SUBMIT);
  });

  it("carries the real @fal-ai/client through submit, status and result", async () => {
    upstream.respond((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.method === "POST") {
        res.setHeader("x-fal-request-id", "job-7");
        res.end(JSON.stringify({ request_id: "job-7", status: "IN_QUEUE", queue_position: 0 }));
      } else if (new URL(req.path, "http://x").pathname.endsWith("/status")) {
        res.end(JSON.stringify({ request_id: "job-7", status: "COMPLETED" }));
      } else {
        res.end(JSON.stringify({ video: { url: "https://v3.fal.media/files/x.mp4" }, video_id: "video_1" }));
      }
    });
    const withOrigin: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: APP } });
    const fal = createFalClient({ proxyUrl: { url: proxy.url, when: "always" }, fetch: withOrigin });
    const { request_id } = await fal.queue.submit("fal-ai/sora-2/text-to-video", {
      input: { prompt: "p", duration: 4 as unknown as "4" },
    }); // fal takes a number; the d.ts says string
    expect(request_id).toBe("job-7");
    const status = await fal.queue.status("fal-ai/sora-2/text-to-video", { requestId: request_id });
    expect(status.status).toBe("COMPLETED");
    const result = await fal.queue.result("fal-ai/sora-2/text-to-video", { requestId: request_id });
    expect(result.data).toMatchObject({ video_id: "video_1" });
    expect(upstream.seen.map((r) => `${r.method} ${new URL(r.path, "http://x").pathname}`)).toEqual([
      "POST /fal-ai/sora-2/text-to-video",
      "GET /fal-ai/sora-2/requests/job-7/status",
      "GET /fal-ai/sora-2/requests/job-7",
    ]);
    upstream.respond((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
  });

  it("refuses a foreign target and never contacts it", async () => {
    for (const target of [
      "https://evil.example.com/fal-ai/sora-2/text-to-video",
      "https://fal.run.evil.example.com/fal-ai/sora-2/text-to-video",
      "http://queue.fal.run/fal-ai/sora-2/text-to-video",
      "https://user:pw@queue.fal.run/fal-ai/sora-2/text-to-video",
      "https://rest.fal.ai/tokens/",
      "not a url",
    ]) {
      const res = await call(target);
      expect(res.status, target).toBeGreaterThanOrEqual(400);
      expect(res.status, target).toBeLessThan(500);
    }
    const res = await call("https://evil.example.com/x");
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain("only forwards to fal");
    expect(upstream.seen).toEqual([]);
  });

  it("refuses a foreign origin and a request with no origin, without CORS headers", async () => {
    const foreign = await call(SUBMIT, { origin: "https://evil.example.com" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await foreign.json()) as { message: string }).message).toContain("https://evil.example.com");
    const none = await call(SUBMIT, { origin: null });
    expect(none.status).toBe(403);
    expect(upstream.seen).toEqual([]);
  });

  it("refuses an endpoint outside the allowlist, for submit and for queue calls", async () => {
    const submit = await call("https://queue.fal.run/fal-ai/not-listed/dev");
    expect(submit.status).toBe(403);
    expect(((await submit.json()) as { message: string }).message).toContain("fal-ai/not-listed/dev");
    const status = await call("https://queue.fal.run/fal-ai/not-listed/requests/abc/status", { method: "GET" });
    expect(status.status).toBe(403);
    const putNotCancel = await call("https://queue.fal.run/fal-ai/sora-2/requests/abc", { method: "PUT" });
    expect(putNotCancel.status).toBe(403);
    const del = await call(SUBMIT, { method: "DELETE" });
    expect(del.status).toBe(405);
    expect(upstream.seen).toEqual([]);
    const cancel = await call("https://queue.fal.run/fal-ai/sora-2/requests/abc/cancel", { method: "PUT" });
    expect(cancel.status).toBe(200);
    const upload = await call("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3");
    expect(upload.status).toBe(200);
    expect(upstream.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /fal-ai/sora-2/requests/abc/cancel",
      "POST /storage/upload/initiate?storage_type=fal-cdn-v3",
    ]);
  });

  it("answers a preflight from an allowed origin with the methods and headers the client needs", async () => {
    const res = await fetch(proxy.url, {
      method: "OPTIONS",
      headers: {
        origin: APP,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-fal-target-url,x-fal-queue-priority",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP);
    expect(res.headers.get("vary")).toContain("Origin");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toBe(
      "content-type, x-fal-target-url, x-fal-queue-priority",
    );

    const foreign = await fetch(proxy.url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.com", "access-control-request-method": "POST" },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const badMethod = await fetch(proxy.url, {
      method: "OPTIONS",
      headers: { origin: APP, "access-control-request-method": "DELETE" },
    });
    expect(badMethod.status).toBe(403);
    const badHeader = await fetch(proxy.url, {
      method: "OPTIONS",
      headers: {
        origin: APP,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization",
      },
    });
    expect(badHeader.status).toBe(403);
    expect(upstream.seen).toEqual([]);
  });

  it("refuses a body over the size limit with 413", async () => {
    const big = JSON.stringify({ prompt: "x".repeat(5000) });
    const res = await call(SUBMIT, { body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain("4096");
    const ok = await call(SUBMIT, { body: JSON.stringify({ prompt: "x".repeat(3000) }) });
    expect(ok.status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
  });

  it("answers 401 saying what to do when it has no key", async () => {
    const keyless = await startStandaloneProxy(config({ falKey: undefined }));
    try {
      const res = await fetch(keyless.url, {
        method: "POST",
        headers: { origin: APP, "x-fal-target-url": SUBMIT, "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("access-control-allow-origin")).toBe(APP);
      expect(await res.json()).toEqual({ error: "no_fal_key", message: MISSING_KEY_MESSAGE_STANDALONE });
      expect(upstream.seen).toEqual([]);
    } finally {
      await keyless.close();
    }
  });

  it("streams the upstream body as it arrives (queue status events)", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    upstream.respond((_req, res) => {
      res.setHeader("content-type", "text/event-stream");
      res.write('data: {"status":"IN_QUEUE"}\n\n');
      void released.then(() => res.end('data: {"status":"COMPLETED"}\n\n'));
    });
    const res = await call("https://queue.fal.run/fal-ai/sora-2/requests/abc/status/stream", { method: "GET" });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    // The second event is only written after the first reached us, so a buffering proxy would hang here.
    expect(first).toContain("IN_QUEUE");
    release();
    let rest = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toContain("COMPLETED");
  });
});

describe("standalone fal proxy: fal's Model and Pricing APIs", () => {
  const MODELS = "https://api.fal.ai/v1/models?endpoint_id=fal-ai/wan/v2.7/text-to-video&expand=openapi-3.0";
  const PRICING = "https://api.fal.ai/v1/models/pricing?endpoint_id=fal-ai/wan/v2.7/text-to-video";

  it("forwards GET /v1/models and /v1/models/pricing with the server's key and the query", async () => {
    const models = await call(MODELS, { method: "GET", headers: { authorization: "Key from-the-page" } });
    expect(models.status).toBe(200);
    expect(models.headers.get("access-control-allow-origin")).toBe(APP);
    const pricing = await call(PRICING, { method: "GET" });
    expect(pricing.status).toBe(200);
    expect(upstream.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v1/models?endpoint_id=fal-ai%2Fwan%2Fv2.7%2Ftext-to-video&expand=openapi-3.0",
      "GET /v1/models/pricing?endpoint_id=fal-ai%2Fwan%2Fv2.7%2Ftext-to-video",
    ]);
    for (const seen of upstream.seen) {
      expect(seen.headers.authorization).toBe("Key test-key");
      expect(seen.body).toBe("");
    }
    const target = new URL(upstream.seen[0]?.headers["x-fal-target-url"] as string);
    expect(`${target.origin}${target.pathname}`).toBe("https://api.fal.ai/v1/models");
    expect(target.searchParams.getAll("endpoint_id")).toEqual(["fal-ai/wan/v2.7/text-to-video"]);
  });

  it("refuses any other method, path or host there, and never contacts it", async () => {
    const refused: [string, string][] = [
      ["POST", "https://api.fal.ai/v1/models/pricing/estimate"],
      ["POST", "https://api.fal.ai/v1/models/pricing"],
      ["PUT", "https://api.fal.ai/v1/models"],
      ["DELETE", "https://api.fal.ai/v1/models"],
      ["GET", "https://api.fal.ai/v1/models/x"],
      ["GET", "https://api.fal.ai/v1/keys"],
      ["GET", "https://api.fal.ai/v1/models/pricing/estimate"],
      ["GET", "https://api.fal.ai/v1/models/../keys"],
      ["GET", "https://api.fal.ai/v1/models/%2e%2e/keys"],
      ["GET", "https://api.fal.ai//v1/models"],
      ["GET", "https://api.fal.ai/v1//models/pricing"],
      ["GET", "https://api.fal.ai.evil.com/v1/models"],
      ["GET", "http://api.fal.ai/v1/models"],
      ["GET", "https://api.fal.ai:8443/v1/models"],
    ];
    for (const [method, target] of refused) {
      const res = await call(target, { method });
      expect([403, 405], `${method} ${target}`).toContain(res.status);
      expect(((await res.json()) as { message: string }).message, target).toMatch(/fal/);
    }
    expect(upstream.seen).toEqual([]);
  });
});

describe("standalone fal proxy, browser going away", () => {
  it("stops reading from fal when the page closes a status stream", async () => {
    let upstreamClosed = false;
    upstream.respond((_req, res) => {
      res.setHeader("content-type", "text/event-stream");
      res.write('data: {"status":"IN_QUEUE"}\n\n');
      res.on("close", () => (upstreamClosed = true));
    });
    const abort = new AbortController();
    const res = await fetch(proxy.url, {
      headers: { origin: APP, "x-fal-target-url": "https://queue.fal.run/fal-ai/sora-2/requests/abc/status/stream" },
      signal: abort.signal,
    });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("IN_QUEUE");
    abort.abort();
    await vi.waitFor(() => expect(upstreamClosed).toBe(true), { timeout: 10_000 });
  });
});

describe("standalone proxy settings from the environment", () => {
  it("reads key, origins, endpoints and limits; refuses a wildcard or missing origin list", () => {
    const r = readStandaloneConfig({
      FAL_KEY: "k",
      ALLOWED_ORIGINS: "https://a.example, https://b.example",
      ALLOWED_ENDPOINTS: "fal-ai/sora-2/**",
      PORT: "9000",
      MAX_BODY_BYTES: "2048",
    });
    expect(r).toEqual({
      ok: true,
      config: {
        falKey: "k",
        allowedOrigins: ["https://a.example", "https://b.example"],
        allowedEndpoints: ["fal-ai/sora-2/**"],
        maxBodyBytes: 2048,
        port: 9000,
        host: "127.0.0.1",
      },
    });
    const star = readStandaloneConfig({ ALLOWED_ORIGINS: "*" });
    expect(star.ok).toBe(false);
    const none = readStandaloneConfig({});
    expect(none.ok === false && none.errors[0]).toContain("ALLOWED_ORIGINS");
    const withPath = readStandaloneConfig({ ALLOWED_ORIGINS: "https://me.github.io/reelflow" });
    expect(withPath.ok === false && withPath.errors[0]).toContain("no path");
    const ids = readStandaloneConfig({
      ALLOWED_ORIGINS: "https://a.example",
      FAL_KEY_ID: "id",
      FAL_KEY_SECRET: "secret",
    });
    expect(ids.ok && ids.config.falKey).toBe("id:secret");
  });

  it("defaults to the curated families plus the snapshot's endpoints; ALLOWED_ENDPOINTS replaces both", () => {
    const snapshot = () => ["fal-ai/wan/v2.7/text-to-video", "bytedance/seedance-2.0/text-to-video"];
    const byDefault = readStandaloneConfig({ ALLOWED_ORIGINS: "https://a.example" }, snapshot);
    const expected = [...DEFAULT_ALLOWED_ENDPOINTS, "fal-ai/wan/v2.7/text-to-video"];
    expect(byDefault.ok && byDefault.config.allowedEndpoints).toEqual(expected);
    const env = { ALLOWED_ORIGINS: "https://a.example", ALLOWED_ENDPOINTS: "fal-ai/sora-2/**" };
    const set = readStandaloneConfig(env, snapshot);
    expect(set.ok && set.config.allowedEndpoints).toEqual(["fal-ai/sora-2/**"]);
    const noSnapshot = readStandaloneConfig({ ALLOWED_ORIGINS: "https://a.example" }, () => []);
    expect(noSnapshot.ok && noSnapshot.config.allowedEndpoints).toEqual(DEFAULT_ALLOWED_ENDPOINTS);
  });

  it("reads the snapshot's endpoint ids, and none from a missing or malformed file", () => {
    const dir = mkdtempSync(join(tmpdir(), "reelflow-proxy-snapshot-"));
    try {
      const file = join(dir, "snapshot.json");
      const models = [{ endpoint_id: "minimax/h3/image-to-video" }, { endpoint_id: 7 }, null, {}];
      writeFileSync(file, JSON.stringify({ models }));
      expect(snapshotEndpointIds(file)).toEqual(["minimax/h3/image-to-video"]);
      writeFileSync(file, "{ not json");
      expect(snapshotEndpointIds(file)).toEqual([]);
      writeFileSync(file, JSON.stringify({ models: "no" }));
      expect(snapshotEndpointIds(file)).toEqual([]);
      expect(snapshotEndpointIds(join(dir, "missing.json"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

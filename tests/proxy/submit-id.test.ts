// Submit ids over real HTTP (issue 20): `npm run proxy` in front of the fake fal, reached by the real
// @fal-ai/client with the header the app sends; Chromium's resend of a POST whose connection closed before any byte
// of the answer; and `npm start`'s Vite plugin. The proxies say "submit-id" in their check and let the header
// through a CORS preflight.
import { request } from "node:http";
import type { ClientRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "vite";
import { createFalClient } from "@fal-ai/client";
import { SUBMIT_ID_HEADER } from "../../src/domain/submit-id";
import { DEFAULT_ALLOWED_ENDPOINTS } from "../../src/proxy/policy";
import { startStandaloneProxy } from "../../src/proxy/standalone";
import type { RunningProxy, StandaloneProxyConfig } from "../../src/proxy/standalone";
import { SUBMIT_REPLAYED_HEADER } from "../../src/proxy/submit-forward";
import { falProxyPlugin } from "../../src/proxy/vite-plugin";
import { startFakeFal } from "../fake-fal/server";
import type { FakeFal } from "../fake-fal/server";
import { startUpstream } from "./upstream";

const APP = "https://app.example.org";
const ENDPOINT = "fal-ai/sora-2/text-to-video";
const SUBMIT = `https://queue.fal.run/${ENDPOINT}`;
// fal takes a number; the d.ts says string
const INPUT = { prompt: "a red fox in the snow", duration: 4 as unknown as "4" };

let fake: FakeFal;
let proxy: RunningProxy;

const configOf = (upstreamOrigin: string): StandaloneProxyConfig => ({
  falKey: "test-key",
  allowedOrigins: [APP],
  allowedEndpoints: DEFAULT_ALLOWED_ENDPOINTS,
  maxBodyBytes: 4096,
  port: 0,
  host: "127.0.0.1",
  testUpstreamOrigin: upstreamOrigin,
});
const startProxy = (upstreamOrigin: string) => startStandaloneProxy(configOf(upstreamOrigin));

function falThrough(url: string, origin = APP) {
  const withOrigin: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin } });
  return createFalClient({ proxyUrl: { url, when: "always" }, fetch: withOrigin, retry: { maxRetries: 0 } });
}

const submitWith = (id: string | undefined, url = proxy.url, origin = APP) =>
  falThrough(url, origin).queue.submit(ENDPOINT, {
    input: INPUT,
    ...(id ? { headers: { [SUBMIT_ID_HEADER]: id } } : {}),
  });

beforeAll(async () => {
  fake = await startFakeFal({ port: 0 });
  proxy = await startProxy(fake.url);
});
afterAll(async () => {
  await proxy.close();
  await fake.close();
});
afterEach(() => fake.reset());

describe("npm run proxy in front of the fake fal", () => {
  it('says "submit-id" in its check and lets the header through a CORS preflight', async () => {
    const check = await fetch(proxy.url, { headers: { origin: APP } });
    expect(((await check.json()) as { capabilities: string[] }).capabilities).toContain("submit-id");
    const preflight = await fetch(proxy.url, {
      method: "OPTIONS",
      headers: {
        origin: APP,
        "access-control-request-method": "POST",
        "access-control-request-headers": `content-type,x-fal-target-url,${SUBMIT_ID_HEADER}`,
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain(SUBMIT_ID_HEADER);
  });

  it("sends two submits with one id, at once, to fal once; both get the same request id", async () => {
    const [a, b] = await Promise.all([submitWith("job-at-once-0001"), submitWith("job-at-once-0001")]);
    expect(fake.submittedCount()).toBe(1);
    expect(a.request_id).toBe(fake.jobs[0]?.requestId);
    expect(b.request_id).toBe(a.request_id);
  });

  it("sends two submits with one id, one after the other, to fal once; both get the same request id", async () => {
    const a = await submitWith("job-in-turn-0001");
    const b = await submitWith("job-in-turn-0001");
    expect(fake.submittedCount()).toBe(1);
    expect(b.request_id).toBe(a.request_id);
  });

  it("sends submits with different ids, or with none, each to fal", async () => {
    const a = await submitWith("job-different-01");
    const b = await submitWith("job-different-02");
    await submitWith(undefined);
    await submitWith(undefined);
    expect(fake.submittedCount()).toBe(4);
    expect(b.request_id).not.toBe(a.request_id);
  });

  it("never answers one origin's id with another origin's job", async () => {
    const other = "https://second.example.org";
    const second = await startStandaloneProxy({ ...configOf(fake.url), allowedOrigins: [APP, other] });
    try {
      const a = await submitWith("job-two-origins", second.url, APP);
      const b = await submitWith("job-two-origins", second.url, other);
      expect(fake.submittedCount()).toBe(2);
      expect(b.request_id).not.toBe(a.request_id);
    } finally {
      await second.close();
    }
  });

  it("lets a submit through again after fal refused the first (422): nothing was queued", async () => {
    fake.set({ rejectSubmit: { status: 422 } });
    await expect(submitWith("job-refused-0001")).rejects.toMatchObject({ status: 422 });
    fake.set({ rejectSubmit: null });
    const b = await submitWith("job-refused-0001");
    expect(fake.submittedCount()).toBe(1);
    expect(b.request_id).toBe(fake.jobs[0]?.requestId);
  });

  it("does not send again an id whose first lost fal's answer (fal has the job): 502, fal has one job", async () => {
    fake.set({ loseSubmitResponse: 1 });
    const first = await fetchSubmit("job-lost-answer1");
    expect(first.status).toBe(502);
    const again = await fetchSubmit("job-lost-answer1");
    expect(again.status).toBe(502);
    expect(((await again.json()) as { error: string }).error).toBe("submit_outcome_unknown");
    expect(fake.submittedCount()).toBe(1);
  });
});

function fetchSubmit(id: string, url = proxy.url) {
  return fetch(url, {
    method: "POST",
    headers: { origin: APP, "content-type": "application/json", "x-fal-target-url": SUBMIT, [SUBMIT_ID_HEADER]: id },
    body: JSON.stringify(INPUT),
  });
}

/** One raw POST, as a browser sends it, on its own connection (so the test can close it). */
function rawSubmit(url: string, id: string): ClientRequest {
  const body = JSON.stringify(INPUT);
  const req = request(url, {
    method: "POST",
    headers: {
      origin: APP,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "x-fal-target-url": SUBMIT,
      [SUBMIT_ID_HEADER]: id,
    },
  });
  req.on("error", () => undefined);
  req.end(body);
  return req;
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}

describe("Chromium's resend: the connection closes before any byte of the answer, the same POST comes again", () => {
  it("forwards it once: the resend waits for fal's first answer and gets its request id", async () => {
    const upstream = await startUpstream();
    const slowProxy = await startProxy(upstream.origin);
    let answer: () => void = () => undefined;
    upstream.respond((_req, res) => {
      answer = () => {
        res.setHeader("content-type", "application/json");
        res.setHeader("x-fal-request-id", "req-once");
        res.end(JSON.stringify({ request_id: "req-once", status: "IN_QUEUE" }));
      };
    });
    try {
      const first = rawSubmit(slowProxy.url, "job-resent-0001");
      await until(() => upstream.seen.length === 1);
      first.destroy(); // the reused keep-alive connection closed: not a byte of the answer arrived
      const resent = fetchSubmit("job-resent-0001", slowProxy.url);
      // The resend reaches the proxy while fal has not answered yet; then fal answers the first.
      await new Promise((r) => setTimeout(r, 50));
      expect(upstream.seen).toHaveLength(1);
      answer();
      const res = await resent;
      expect(res.status).toBe(200);
      expect(res.headers.get("x-fal-request-id")).toBe("req-once");
      expect(res.headers.get(SUBMIT_REPLAYED_HEADER)).toBe("1");
      expect(((await res.json()) as { request_id: string }).request_id).toBe("req-once");
      // Resent once more, later: still the first answer, still nothing forwarded.
      const later = await fetchSubmit("job-resent-0001", slowProxy.url);
      expect(later.headers.get("x-fal-request-id")).toBe("req-once");
      expect(upstream.seen).toHaveLength(1);
    } finally {
      await slowProxy.close();
      await upstream.close();
    }
  });
});

describe("npm start's proxy (the Vite plugin)", () => {
  it('says "submit-id" in its check and sends two submits with one id to fal once', async () => {
    const server = await createServer({
      configFile: false,
      logLevel: "silent",
      plugins: [falProxyPlugin({ falKey: () => "k", testUpstreamOrigin: fake.url })],
      server: { port: 0, host: "127.0.0.1", ws: false },
    });
    await server.listen();
    try {
      const address = server.httpServer?.address();
      if (!address || typeof address === "string") throw new Error("vite did not listen");
      const url = `http://127.0.0.1:${address.port}/api/fal/proxy`;
      const check = (await (await fetch(url)).json()) as { capabilities: string[] };
      expect(check.capabilities).toContain("submit-id");
      const sameOrigin = `http://127.0.0.1:${address.port}`;
      const [a, b] = await Promise.all([
        submitWith("job-vite-000001", url, sameOrigin),
        submitWith("job-vite-000001", url, sameOrigin),
      ]);
      expect(fake.submittedCount()).toBe(1);
      expect(b.request_id).toBe(a.request_id);
    } finally {
      await server.close();
    }
  });
});

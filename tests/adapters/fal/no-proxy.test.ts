// Issue 16 item 2: when no fal proxy answers at the Proxy URL (a static host's 404/405/501, a web page instead of
// JSON), the real client through our adapter says "no proxy here", never "fal answered 501 … server error", and
// knows nothing reached fal. fal's own 404 through a proxy keeps its words.
import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { endpointId, requestId } from "../../../src/domain/ids";
import { InferenceError } from "../../../src/engine/errors";
import { startFakeFal } from "../../fake-fal/server";

const T2V = endpointId("fal-ai/sora-2/text-to-video");
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function host(handler: RequestListener): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/fal/proxy`, hits: () => hits };
}

const answering = (status: number, type: string, body: string) =>
  host((req, res) => {
    req.resume();
    res.writeHead(status, { "content-type": type });
    res.end(body);
  });

async function failure(p: Promise<unknown>): Promise<InferenceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InferenceError);
    return e as InferenceError;
  }
  throw new Error("expected the call to fail");
}

const client = (proxyUrl: string) =>
  createFalInferenceClient({ proxyUrl, retry: { baseDelayMs: 5, maxDelayMs: 10 }, pollIntervalMs: 10 });
const PYTHON_501 = "<!DOCTYPE HTML><html><body><h1>Error response</h1><p>Error code: 501</p></body></html>";
const WRONG_PATH = '{"error":"not_found","message":"The fal proxy lives at /api/fal/proxy."}';

describe("no fal proxy at the Proxy URL", () => {
  it.each([
    ["501 (python -m http.server)", 501, "text/html", PYTHON_501],
    ["405 (a static host refusing POST)", 405, "text/html", "<html><head><title>405 Not Allowed</title></head></html>"],
    ["404 as text", 404, "text/plain", "not found"],
    ["404 as a page", 404, "text/html", "<html><body>Page not found</body></html>"],
    ["200 with the app's page (single-page fallback)", 200, "text/html", "<!doctype html><title>Reelflow</title>"],
    ["404 JSON from npm run proxy at the wrong path", 404, "application/json", WRONG_PATH],
  ])("a submit answered %s is 'no proxy here', free, not retried", async (_name, status, type, body) => {
    const h = await answering(status, type, body);
    const e = await failure(client(h.url).submit(T2V, { prompt: "p" }));
    expect(e.code).toBe("no-proxy");
    expect(e.mayHaveBeenCharged).toBe(false);
    expect(e.httpStatus).toBe(status);
    expect(e.message).toContain(`No fal proxy answers at ${h.url}`);
    expect(e.message).toContain("Nothing reached fal");
    expect(e.message).not.toMatch(/fal answered|server error|retired/);
    expect(h.hits()).toBe(1);
  });

  it("a status call answered with a web page is 'no proxy here' too, and not retried", async () => {
    const h = await answering(404, "text/html", "<html>gone</html>");
    const e = await failure(client(h.url).watch(T2V, requestId("r1"), () => undefined));
    expect(e.code).toBe("no-proxy");
    // The stream is tried first, then one status poll: no retries of a URL where no proxy is.
    expect(h.hits()).toBe(2);
  });

  it("fal's own 404 through a proxy still says the model may be retired", async () => {
    const fake = await startFakeFal({ port: 0 });
    closers.push(() => fake.close());
    fake.set({ rejectSubmit: { status: 404, body: { detail: "Application not found" } } });
    const e = await failure(client(fake.url).submit(T2V, { prompt: "p" }));
    expect(e.code).toBe("not-found");
    expect(e.message).toMatch(/retired/);
  });

  it("fal's 5xx through a proxy is still fal's server error", async () => {
    const fake = await startFakeFal({ port: 0 });
    closers.push(() => fake.close());
    fake.set({ rejectSubmit: { status: 503, body: { detail: "busy" } } });
    const e = await failure(client(fake.url).submit(T2V, { prompt: "p" }));
    expect(e.code).toBe("server");
  });
});

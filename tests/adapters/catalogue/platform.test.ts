import { createServer } from "node:net";
import { withProxy } from "@fal-ai/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFalPlatformClient, type FalPlatformOptions } from "../../../src/adapters/catalogue/platform";
import { FalPlatformError, type PlatformErrorKind } from "../../../src/adapters/catalogue/platform-error";
import { falModel, falPrice, LTX, MINIMAX, WAN } from "./fixtures";
import { startPlatformServer, TEST_KEY, type PlatformServer, type SeenRequest } from "./platform-server";

// fal's Model and Pricing APIs over real HTTP: through a proxy with the fal client's own protocol, or directly.

let server: PlatformServer;
beforeEach(async () => {
  server = await startPlatformServer({
    models: [falModel(WAN, "Wan 2.7"), falModel(LTX, "LTX 2.3"), falModel(MINIMAX, "MiniMax H3", "image-to-video")],
    prices: [falPrice(WAN, 0.1), falPrice(LTX, 0.06), falPrice(MINIMAX, 0.05)],
  });
});
afterEach(async () => {
  await server.close();
});

const viaProxy = (extra: Partial<FalPlatformOptions> = {}) =>
  createFalPlatformClient({ proxyUrl: server.proxyUrl, ...extra });
const direct = (extra: Partial<FalPlatformOptions> = {}) =>
  createFalPlatformClient({ baseUrl: server.url, credentials: TEST_KEY, ...extra });
const idsIn = (r: SeenRequest) => r.target.searchParams.getAll("endpoint_id");

async function failure(p: Promise<unknown>): Promise<FalPlatformError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FalPlatformError);
  return e as FalPlatformError;
}

const modelsOf = (ids: string[]) => viaProxy().models({ endpointIds: ids, expandOpenapi: true });

describe("through a proxy", () => {
  it("asks the proxy URL with fal's URL in x-fal-target-url, JSON headers and no key", async () => {
    const page = await modelsOf([WAN, LTX]);
    expect(page.models.map((m) => m.endpoint_id)).toEqual([WAN, LTX]);
    expect(page.models[0]?.openapi).toMatchObject({ openapi: "3.0.4" });
    expect(server.requests).toHaveLength(1);
    const seen = server.requests[0]!;
    expect(seen.via).toBe("proxy");
    expect(seen.method).toBe("GET");
    expect(seen.target.href).toBe(
      "https://api.fal.ai/v1/models?" +
        `endpoint_id=${encodeURIComponent(WAN)}&endpoint_id=${encodeURIComponent(LTX)}&expand=openapi-3.0`,
    );
    expect(seen.headers.accept).toBe("application/json");
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(seen.headers.authorization).toBeUndefined();
  });

  it("sends what @fal-ai/client's own proxy middleware would send for the same fal URL", async () => {
    await viaProxy().prices([WAN]);
    const seen = server.requests[0]!;
    const theirs = await withProxy({ targetUrl: server.proxyUrl, when: "always" })({
      method: "GET",
      url: seen.target.href,
      headers: {},
    });
    expect(theirs.url).toBe(server.proxyUrl);
    expect(seen.headers["x-fal-target-url"]).toBe(theirs.headers?.["x-fal-target-url"]);
    expect(seen.target.href).toBe(`https://api.fal.ai/v1/models/pricing?endpoint_id=${encodeURIComponent(WAN)}`);
  });

  it("reads prices, leaving out rows it cannot price with rather than reading them as $0", async () => {
    server.prices.set(LTX, { endpoint_id: LTX, unit_price: null, unit: "seconds", currency: "USD" } as never);
    const prices = await viaProxy().prices([WAN, LTX, MINIMAX]);
    expect(prices).toEqual([falPrice(WAN, 0.1), falPrice(MINIMAX, 0.05)]);
  });

  it("passes search words, category, status, limit and cursor, and answers one page", async () => {
    server.behaviour.pageSize = 1;
    const first = await viaProxy().models({ query: "h3", category: "image-to-video", status: "active", limit: 1 });
    expect(first.models.map((m) => m.endpoint_id)).toEqual([MINIMAX]);
    expect(first.models[0]?.openapi).toBeUndefined();
    const q = server.requests[0]!.target.searchParams;
    expect([q.get("q"), q.get("category"), q.get("status"), q.get("limit")]).toEqual([
      "h3",
      "image-to-video",
      "active",
      "1",
    ]);
    expect(q.has("expand")).toBe(false);
    server.behaviour.pageSize = 2;
    const page1 = await viaProxy().models({ limit: 2 });
    expect(page1).toMatchObject({ has_more: true, next_cursor: "2" });
    const page2 = await viaProxy().models({ limit: 2, cursor: page1.next_cursor! });
    expect(page2.models.map((m) => m.endpoint_id)).toEqual([MINIMAX]);
    expect(server.requests.at(-1)!.target.searchParams.get("cursor")).toBe("2");
  });
});

describe("directly to fal with a key (CLI with FAL_KEY)", () => {
  it("calls /v1/models and /v1/models/pricing with Authorization: Key", async () => {
    const client = direct();
    expect((await client.models({ endpointIds: [WAN] })).models).toHaveLength(1);
    expect(await client.prices([WAN])).toEqual([falPrice(WAN, 0.1)]);
    expect(server.requests.map((r) => [r.via, r.target.pathname, r.headers.authorization])).toEqual([
      ["direct", "/v1/models", `Key ${TEST_KEY}`],
      ["direct", "/v1/models/pricing", `Key ${TEST_KEY}`],
    ]);
    expect(server.requests.every((r) => r.headers["x-fal-target-url"] === undefined)).toBe(true);
  });

  it("without a key, fal's pricing refusal is `unauthorized`", async () => {
    const e = await failure(createFalPlatformClient({ baseUrl: server.url }).prices([WAN]));
    expect(e.kind).toBe("unauthorized");
    expect(e.message).toContain("FAL_KEY");
  });
});

describe("batches of 50", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `test/model-${String(i).padStart(3, "0")}`);

  it("asks for models 50 ids at a time and joins the answers", async () => {
    const ids = many(120);
    for (const id of ids) server.models.set(id, falModel(id, id));
    const page = await viaProxy().models({ endpointIds: [...ids, ids[0]!], expandOpenapi: true });
    expect(page.models.map((m) => m.endpoint_id)).toEqual(ids);
    expect(page).toMatchObject({ has_more: false, next_cursor: null });
    expect(server.callsOf("models").map((r) => idsIn(r).length)).toEqual([50, 50, 20]);
  });

  it("follows next_cursor of each batch of prices", async () => {
    const ids = many(60);
    ids.forEach((id, i) => server.prices.set(id, falPrice(id, i / 100)));
    server.behaviour.pageSize = 20;
    const prices = await viaProxy().prices(ids);
    expect(prices.map((p) => p.endpoint_id)).toEqual(ids);
    const calls = server.callsOf("pricing").map((r) => [idsIn(r).length, r.target.searchParams.get("cursor")]);
    expect(calls).toEqual([
      [50, null],
      [50, "20"],
      [50, "40"],
      [10, null],
    ]);
  });

  it("follows next_cursor of a find by ids", async () => {
    server.behaviour.pageSize = 2;
    const page = await modelsOf([WAN, LTX, MINIMAX]);
    expect(page.models.map((m) => m.endpoint_id)).toEqual([WAN, LTX, MINIMAX]);
    expect(server.callsOf("models")).toHaveLength(2);
  });

  it("when fal answers 404 for a batch with an unknown id, asks each alone so the others are found", async () => {
    server.behaviour.notFoundForUnknown = true;
    const page = await modelsOf([WAN, "nobody/nothing", LTX]);
    expect(page.models.map((m) => m.endpoint_id)).toEqual([WAN, LTX]);
    expect(server.callsOf("models")).toHaveLength(4);
  });
});

describe("errors: one typed error with a kind", () => {
  const canned = (status: number, body: string, contentType = "application/json") => {
    server.behaviour.answer = { canned: { status, body, contentType } };
  };
  const kindOf = async (p: Promise<unknown>): Promise<[PlatformErrorKind, string]> => {
    const e = await failure(p);
    return [e.kind, e.message];
  };

  it("no-proxy: nothing listens at the proxy URL", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/api/fal/proxy`;
    const [kind, message] = await kindOf(createFalPlatformClient({ proxyUrl: url }).models({ endpointIds: [WAN] }));
    expect(kind).toBe("no-proxy");
    expect(message).toContain(`no proxy answers at ${url}`);
  });

  it.each([
    [404, "<!doctype html><title>Not found</title>", "text/html"],
    [405, "Method Not Allowed", "text/plain"],
    [501, "", "text/plain"],
    [200, "<!doctype html><html><body>the app</body></html>", "text/html"],
  ])("no-proxy: HTTP %i with %j (a static host or dev server, not a proxy)", async (status, body, type) => {
    canned(status, body, type);
    const [kind, message] = await kindOf(modelsOf([WAN]));
    expect(kind).toBe("no-proxy");
    expect(message).toContain(`no proxy answers at ${server.proxyUrl}`);
  });

  it("unauthorized: the proxy has no key (401) or fal refuses it (403)", async () => {
    canned(401, JSON.stringify({ error: "missing_key", message: "Set FAL_KEY where the proxy runs" }));
    const [kind, message] = await kindOf(modelsOf([WAN]));
    expect(kind).toBe("unauthorized");
    expect(message).toContain("Set FAL_KEY where the proxy runs");
    canned(403, JSON.stringify({ error: { type: "authorization_error", message: "admin key required" } }));
    expect(await kindOf(viaProxy().prices([WAN]))).toEqual([
      "unauthorized",
      expect.stringContaining("admin key required"),
    ]);
  });

  it("refused: our proxy's 403 target_not_allowed names the path to allow", async () => {
    canned(403, JSON.stringify({ error: "target_not_allowed", message: "This proxy only forwards to fal (…)" }));
    expect(await kindOf(modelsOf([WAN]))).toEqual([
      "refused",
      "this proxy does not forward fal's Model API: update it or allow https://api.fal.ai/v1/models",
    ]);
    expect(await kindOf(viaProxy().prices([WAN]))).toEqual([
      "refused",
      "this proxy does not forward fal's Pricing API: update it or allow https://api.fal.ai/v1/models/pricing",
    ]);
  });

  it("refused: a stock @fal-ai/server-proxy answers a URL outside its patterns with 400 Invalid request", async () => {
    canned(400, "Invalid request", "text/plain");
    expect((await kindOf(modelsOf([WAN])))[0]).toBe("refused");
  });

  it.each([503, 500, 429])("unavailable: HTTP %i", async (status) => {
    canned(status, JSON.stringify({ error: { type: "server_error", message: "try later" } }));
    const [kind, message] = await kindOf(modelsOf([WAN]));
    expect(kind).toBe("unavailable");
    expect(message).toContain(`HTTP ${status}`);
    expect(message).toContain("try later");
  });

  it("unavailable: no answer within the timeout", async () => {
    server.behaviour.delayMs = 500;
    const [kind, message] = await kindOf(viaProxy({ timeoutMs: 50 }).models({ endpointIds: [WAN] }));
    expect(kind).toBe("unavailable");
    expect(message).toMatch(/did not answer within/);
  });

  it("unavailable: fal cannot be reached directly", async () => {
    const port = await freePort();
    const client = createFalPlatformClient({ baseUrl: `http://127.0.0.1:${port}`, credentials: TEST_KEY });
    const [kind] = await kindOf(client.prices([WAN]));
    expect(kind).toBe("unavailable");
  });

  it("bad-answer: JSON that is not fal's shape, or not JSON at all", async () => {
    canned(200, JSON.stringify({ items: [] }));
    expect((await kindOf(modelsOf([WAN])))[0]).toBe("bad-answer");
    canned(200, JSON.stringify({ models: "none" }));
    expect((await kindOf(modelsOf([WAN])))[0]).toBe("bad-answer");
    canned(200, JSON.stringify({ models: [] }));
    expect((await kindOf(viaProxy().prices([WAN])))[0]).toBe("bad-answer");
    canned(200, "not json", "text/plain");
    expect((await kindOf(direct().models({ endpointIds: [WAN] })))[0]).toBe("bad-answer");
  });

  it("a caller's abort is not a platform error: it rejects with the abort reason", async () => {
    server.behaviour.delayMs = 500;
    const controller = new AbortController();
    const pending = viaProxy().models({ endpointIds: [WAN] }, controller.signal);
    setTimeout(() => controller.abort(new DOMException("stop", "AbortError")), 20);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const addr = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return addr.port;
}

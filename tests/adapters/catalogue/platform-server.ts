import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { FalModel, FalPrice } from "../../../src/nodes/catalogue/fal-api";

/**
 * A small real HTTP server on 127.0.0.1 playing fal's Model API and Pricing API (shapes of
 * ../shared/reference/fal-platform-api.md), reachable two ways: as a proxy at `/api/fal/proxy` (the real URL in
 * `x-fal-target-url`, as @fal-ai/client's proxy protocol sends it; the proxy holds the key), and directly as
 * api.fal.ai (`/v1/models…`, `Authorization: Key <key>` required for pricing).
 */

export const PROXY_PATH = "/api/fal/proxy";
export const TEST_KEY = "test-key";

export interface SeenRequest {
  via: "proxy" | "direct";
  method: string;
  /** The fal URL asked for (the target header through the proxy). */
  target: URL;
  headers: IncomingMessage["headers"];
}

export interface Canned {
  status: number;
  body: string;
  contentType?: string;
}

export interface Behaviour {
  /** Answer this instead of fal (for the next `times` calls, default all). */
  answer?: { canned: Canned; times?: number; api?: "models" | "pricing" };
  /** Delay before answering. */
  delayMs: number;
  /** Page size of a find by ids (answers `has_more` and `next_cursor` beyond it). */
  pageSize: number;
  /** fal answers 404 `not_found` for a batch naming an unknown id, instead of leaving it out. */
  notFoundForUnknown: boolean;
}

export interface PlatformServer {
  url: string;
  proxyUrl: string;
  requests: SeenRequest[];
  models: Map<string, FalModel>;
  prices: Map<string, FalPrice>;
  behaviour: Behaviour;
  callsOf(api: "models" | "pricing"): SeenRequest[];
  close(): Promise<void>;
}

export async function startPlatformServer(
  seed: { models?: FalModel[]; prices?: FalPrice[] } = {},
): Promise<PlatformServer> {
  const requests: SeenRequest[] = [];
  const models = new Map((seed.models ?? []).map((m) => [m.endpoint_id, m]));
  const prices = new Map((seed.prices ?? []).map((p) => [p.endpoint_id, p]));
  const behaviour: Behaviour = { delayMs: 0, pageSize: 1000, notFoundForUnknown: false };

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => send(res, { status: 500, body: String(e) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const via = path === PROXY_PATH ? "proxy" : "direct";
    const rawTarget = via === "proxy" ? header(req, "x-fal-target-url") : `https://api.fal.ai${req.url ?? "/"}`;
    if (!rawTarget) return send(res, { status: 400, body: "Invalid request", contentType: "text/plain" });
    const target = new URL(rawTarget);
    requests.push({ via, method: req.method ?? "GET", target, headers: req.headers });
    if (behaviour.delayMs > 0) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    const api = apiOf(target);
    if (via === "proxy" && (target.origin !== "https://api.fal.ai" || !api)) {
      return sendJson(res, 403, { error: "target_not_allowed", message: `not ${target.origin}` });
    }
    const canned = behaviour.answer;
    if (canned && (canned.api === undefined || canned.api === api)) {
      if (canned.times !== undefined && --canned.times <= 0) behaviour.answer = undefined;
      return send(res, canned.canned);
    }
    if (!api) return sendJson(res, 404, { error: { type: "not_found", message: "Resource not found" } });
    if (via === "direct" && api === "pricing" && header(req, "authorization") !== `Key ${TEST_KEY}`) {
      return sendJson(res, 401, { error: { type: "authorization_error", message: "Missing or invalid API key" } });
    }
    return api === "models" ? answerModels(res, target) : answerPrices(res, target);
  }

  function tooMany(res: ServerResponse, ids: string[]): boolean {
    if (ids.length <= 50) return false;
    sendJson(res, 400, { error: { type: "validation_error", message: "endpoint_id accepts 1-50 values" } });
    return true;
  }

  function unknownIn(res: ServerResponse, ids: string[], known: Map<string, unknown>): boolean {
    if (!behaviour.notFoundForUnknown || ids.every((id) => known.has(id))) return false;
    sendJson(res, 404, { error: { type: "not_found", message: "Model not found" } });
    return true;
  }

  function answerModels(res: ServerResponse, target: URL): void {
    const ids = target.searchParams.getAll("endpoint_id");
    if (tooMany(res, ids) || unknownIn(res, ids, models)) return;
    const expand = target.searchParams.getAll("expand").includes("openapi-3.0");
    let found = ids.length > 0 ? ids.flatMap((id) => models.get(id) ?? []) : [...models.values()];
    found = found.filter((m) => matches(m, target));
    if (!expand) found = found.map(({ openapi: _, ...rest }) => rest);
    const page = paged(found, target);
    sendJson(res, 200, { models: page.items, next_cursor: page.next, has_more: page.next !== null });
  }

  function answerPrices(res: ServerResponse, target: URL): void {
    const ids = target.searchParams.getAll("endpoint_id");
    if (tooMany(res, ids) || unknownIn(res, ids, prices)) return;
    const page = paged(
      ids.flatMap((id) => prices.get(id) ?? []),
      target,
    );
    sendJson(res, 200, { prices: page.items, next_cursor: page.next, has_more: page.next !== null });
  }

  function paged<T>(items: T[], target: URL): { items: T[]; next: string | null } {
    const from = Number(target.searchParams.get("cursor") ?? "0");
    const size = Math.min(behaviour.pageSize, Number(target.searchParams.get("limit") ?? behaviour.pageSize));
    const end = from + size;
    return { items: items.slice(from, end), next: end < items.length ? String(end) : null };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (addr === null || typeof addr === "string") throw new Error("no port");
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    url,
    proxyUrl: `${url}${PROXY_PATH}`,
    requests,
    models,
    prices,
    behaviour,
    callsOf: (api) => requests.filter((r) => apiOf(r.target) === api),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function matches(m: FalModel, target: URL): boolean {
  const q = target.searchParams.get("q")?.toLowerCase();
  const category = target.searchParams.get("category");
  const status = target.searchParams.get("status");
  if (category && m.metadata?.category !== category) return false;
  if (status && (m.metadata?.status ?? "active") !== status) return false;
  return !q || `${m.endpoint_id} ${m.metadata?.display_name ?? ""}`.toLowerCase().includes(q);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, c: Canned): void {
  res.writeHead(c.status, { "content-type": c.contentType ?? "application/json" });
  res.end(c.body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, { status, body: JSON.stringify(body) });

const apiOf = (target: URL): "models" | "pricing" | undefined =>
  target.pathname === "/v1/models" ? "models" : target.pathname === "/v1/models/pricing" ? "pricing" : undefined;

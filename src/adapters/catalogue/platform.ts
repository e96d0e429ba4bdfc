import type { FalModel, FalModelsPage, FalPrice } from "../../nodes/catalogue/fal-api";
import { FalPlatformError } from "./platform-error";
import { getPlatformJson, isFalError, type PlatformApi, type PlatformRoute } from "./platform-http";

/**
 * fal's Model API and Pricing API (see ../shared/reference/fal-platform-api.md): `GET /v1/models` and
 * `GET /v1/models/pricing` on https://api.fal.ai, 1–50 `endpoint_id`s a call. `@fal-ai/client` has no helper
 * for them, so this speaks HTTP itself, through the user's proxy (the key stays there) or directly with a key.
 */

export interface ModelsQuery {
  endpointIds?: readonly string[];
  query?: string;
  category?: string;
  status?: "active" | "deprecated";
  limit?: number;
  cursor?: string;
  /** Ask for each model's OpenAPI 3.0 document (`expand=openapi-3.0`). */
  expandOpenapi?: boolean;
}

export interface PlatformClient {
  /**
   * With `endpointIds`: every one of those models fal knows (batched by 50, every page followed; ids fal does
   * not know are simply absent). Without: one page of a search (`next_cursor` for the next).
   */
  models(q: ModelsQuery, signal?: AbortSignal): Promise<FalModelsPage>;
  /** The unit price of each endpoint fal prices (batched by 50, every page followed). */
  prices(endpointIds: readonly string[], signal?: AbortSignal): Promise<FalPrice[]>;
}

export interface FalPlatformOptions {
  /** The user's fal proxy: calls go there with the real URL in `x-fal-target-url`. */
  proxyUrl?: string;
  /** A fal key. Without a proxy, fal is called directly with it (CLI with FAL_KEY). */
  credentials?: string;
  fetch?: typeof fetch;
  /** fal's Platform API origin (default https://api.fal.ai). */
  baseUrl?: string;
  /** Give up on one call after this long (default 15 s). */
  timeoutMs?: number;
}

export const FAL_PLATFORM_ORIGIN = "https://api.fal.ai";
/** fal takes 1–50 `endpoint_id`s per call. */
export const ENDPOINTS_PER_CALL = 50;
const DEFAULT_TIMEOUT_MS = 15_000;
/** A guard against a server that keeps answering `has_more`. */
const MAX_PAGES = 100;

export function createFalPlatformClient(opts: FalPlatformOptions = {}): PlatformClient {
  const route: PlatformRoute = {
    proxyUrl: opts.proxyUrl?.trim() || undefined,
    credentials: opts.credentials?.trim() || undefined,
    fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const base = (opts.baseUrl ?? FAL_PLATFORM_ORIGIN).replace(/\/+$/, "");
  const get = (url: URL, api: PlatformApi, signal?: AbortSignal) => getPlatformJson(route, url, api, signal);

  const modelsPage = async (q: ModelsQuery, signal?: AbortSignal): Promise<FalModelsPage> =>
    readModelsPage(await get(modelsUrl(base, q), "Model API", signal));

  const pricesPage = async (ids: readonly string[], cursor: string | null, signal?: AbortSignal) =>
    readPricesPage(await get(pricesUrl(base, ids, cursor), "Pricing API", signal));

  return {
    async models(q, signal) {
      if (!q.endpointIds || q.endpointIds.length === 0) return modelsPage(q, signal);
      const ofIds = (ids: string[]) =>
        allPages(async (cursor) => {
          const page = await modelsPage({ ...q, endpointIds: ids, cursor: cursor ?? undefined }, signal);
          return { items: page.models, next: page.has_more ? page.next_cursor : null };
        });
      const models = await inBatches(q.endpointIds, (ids) => skippingUnknown(ids, ofIds));
      return { models, next_cursor: null, has_more: false };
    },
    prices(endpointIds, signal) {
      const ofIds = (ids: string[]) =>
        allPages(async (cursor) => {
          const page = await pricesPage(ids, cursor, signal);
          return { items: page.prices, next: page.has_more ? page.next_cursor : null };
        });
      return inBatches(endpointIds, (ids) => skippingUnknown(ids, ofIds));
    },
  };
}

function modelsUrl(base: string, q: ModelsQuery): URL {
  const url = new URL(`${base}/v1/models`);
  for (const id of q.endpointIds ?? []) url.searchParams.append("endpoint_id", id);
  if (q.query) url.searchParams.set("q", q.query);
  if (q.category) url.searchParams.set("category", q.category);
  if (q.status) url.searchParams.set("status", q.status);
  if (q.limit !== undefined) url.searchParams.set("limit", String(q.limit));
  if (q.cursor) url.searchParams.set("cursor", q.cursor);
  if (q.expandOpenapi) url.searchParams.set("expand", "openapi-3.0");
  return url;
}

function pricesUrl(base: string, ids: readonly string[], cursor: string | null): URL {
  const url = new URL(`${base}/v1/models/pricing`);
  for (const id of ids) url.searchParams.append("endpoint_id", id);
  if (cursor) url.searchParams.set("cursor", cursor);
  return url;
}

/** Runs `call` on each slice of at most 50 distinct ids, one after another, and joins the answers. */
async function inBatches<T>(ids: readonly string[], call: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += ENDPOINTS_PER_CALL) {
    out.push(...(await call(unique.slice(i, i + ENDPOINTS_PER_CALL))));
  }
  return out;
}

interface Page<T> {
  items: T[];
  next: string | null;
}

/** Every page of one query, following `next_cursor`. */
async function allPages<T>(page: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await page(cursor);
    items.push(...answer.items);
    if (answer.next === null) break;
    cursor = answer.next;
  }
  return items;
}

/**
 * fal may answer a batch naming an id it does not know with its own 404 instead of leaving the id out. Then:
 * nothing for a single id, and each id asked on its own for a batch, so one unknown id hides no other.
 */
async function skippingUnknown<T>(ids: string[], run: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  try {
    return await run(ids);
  } catch (e) {
    if (!(e instanceof FalPlatformError) || !e.falNotFound) throw e;
    if (ids.length === 1) return [];
    const out: T[] = [];
    for (const id of ids) out.push(...(await skippingUnknown([id], run)));
    return out;
  }
}

interface PricesPage {
  prices: FalPrice[];
  next_cursor: string | null;
  has_more: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function readModelsPage(body: unknown): FalModelsPage {
  if (!isRecord(body) || !Array.isArray(body.models)) throw badAnswer("Model API", body, "no `models` list");
  const models = body.models.filter((m): m is FalModel => isRecord(m) && typeof m.endpoint_id === "string");
  return { models, ...paging(body) };
}

function readPricesPage(body: unknown): PricesPage {
  if (!isRecord(body) || !Array.isArray(body.prices)) throw badAnswer("Pricing API", body, "no `prices` list");
  return { prices: body.prices.filter(isFalPrice).map(onlyPriceFields), ...paging(body) };
}

function paging(body: Record<string, unknown>): { next_cursor: string | null; has_more: boolean } {
  const next = typeof body.next_cursor === "string" && body.next_cursor !== "" ? body.next_cursor : null;
  return { next_cursor: next, has_more: body.has_more === true && next !== null };
}

/** A row Reelflow can price with; other rows (a null price, a missing unit) are left out, never read as $0. */
function isFalPrice(v: unknown): v is FalPrice {
  return (
    isRecord(v) &&
    typeof v.endpoint_id === "string" &&
    typeof v.unit_price === "number" &&
    Number.isFinite(v.unit_price) &&
    v.unit_price >= 0 &&
    typeof v.unit === "string" &&
    typeof v.currency === "string"
  );
}

const onlyPriceFields = (p: FalPrice): FalPrice => ({
  endpoint_id: p.endpoint_id,
  unit_price: p.unit_price,
  unit: p.unit,
  currency: p.currency,
});

function badAnswer(api: PlatformApi, body: unknown, what: string): FalPlatformError {
  const said = isFalError(body) ? `: ${body.error.message}` : "";
  return new FalPlatformError("bad-answer", `fal's ${api} sent an answer Reelflow cannot read (${what}${said})`);
}

/**
 * fal's Model API (`GET /v1/models`) and Pricing API (`GET /v1/models/pricing`) over the fake's catalogue, as
 * pure functions of the query. Behaviour from fal's Platform API description (GitHub tryAGI/Fal
 * src/libs/Fal/openapi.json) and ../shared/reference/fal-platform-api.md:
 * - models: `endpoint_id` repeated (1–50; with search params it narrows them), `q` (every word in the id, name,
 *   description or category), `category`, `status` (active | deprecated), `limit` (>= 1), `cursor` (base64 of
 *   the page number, "Mg==" is page 2), `expand=openapi-3.0` / `enterprise_status`. Unknown ids are absent.
 * - pricing: `endpoint_id` required (1–50, repeated or comma separated); ids without a price are absent.
 * - bad queries: 400 `{error: {type: "validation_error", message}}`.
 * fal does not publish its default or largest page size; the fake's are DEFAULT_LIMIT and MAX_LIMIT.
 */
import type { FakeCatalogueEntry } from "./index";

export interface PlatformAnswer {
  status: number;
  body: unknown;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Documents are large: fal says the largest page "depends on query type and expansion parameters". */
export const MAX_LIMIT_WITH_OPENAPI = 50;
const MAX_IDS = 50;
const EXPANSIONS = new Set(["openapi-3.0", "enterprise_status"]);

export const platformError = (status: number, type: string, message: string): PlatformAnswer => ({
  status,
  body: { error: { type, message } },
});
const invalid = (message: string) => platformError(400, "validation_error", message);

const encodeCursor = (page: number) => Buffer.from(String(page)).toString("base64");

function decodeCursor(cursor: string | null): number | undefined {
  if (cursor === null) return 1;
  const page = Number(Buffer.from(cursor, "base64").toString("utf8"));
  return Number.isInteger(page) && page >= 1 ? page : undefined;
}

function matchesWords(entry: FakeCatalogueEntry, q: string): boolean {
  const meta = entry.model.metadata ?? {};
  const fields = [entry.model.endpoint_id, meta.display_name, meta.description, meta.category];
  const haystack = fields
    .filter((v) => typeof v === "string")
    .join(" ")
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .every((w) => haystack.includes(w));
}

interface ModelQuery {
  ids: string[];
  q: string | null;
  category: string | null;
  status: string | null;
  expand: Set<string>;
  limit: number;
  page: number;
}

function readModelQuery(query: URLSearchParams): ModelQuery | PlatformAnswer {
  const ids = query.getAll("endpoint_id").filter((id) => id.length > 0);
  if (ids.length > MAX_IDS) return invalid(`endpoint_id takes 1 to ${MAX_IDS} values, not ${ids.length}.`);
  const status = query.get("status");
  if (status !== null && status !== "active" && status !== "deprecated") {
    return invalid(`status must be 'active' or 'deprecated', not '${status}'.`);
  }
  const expand = new Set(
    query
      .getAll("expand")
      .flatMap((e) => e.split(","))
      .filter((e) => e.length > 0),
  );
  const unknown = [...expand].find((e) => !EXPANSIONS.has(e));
  if (unknown !== undefined) return invalid(`expand supports 'openapi-3.0' and 'enterprise_status', not '${unknown}'.`);
  const rawLimit = query.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) {
    return invalid(`limit must be an integer of at least 1, not '${rawLimit}'.`);
  }
  const page = decodeCursor(query.get("cursor"));
  if (page === undefined) return invalid("cursor is not a cursor this API returned.");
  const largest = expand.has("openapi-3.0") ? MAX_LIMIT_WITH_OPENAPI : MAX_LIMIT;
  const [q, category] = [query.get("q"), query.get("category")];
  return { ids, q, category, status, expand, limit: Math.min(limit, largest), page };
}

function selectModels(catalogue: readonly FakeCatalogueEntry[], m: ModelQuery): FakeCatalogueEntry[] {
  const byId = new Map(catalogue.map((e) => [e.model.endpoint_id, e]));
  const pool = m.ids.length > 0 ? [...new Set(m.ids)].flatMap((id) => byId.get(id) ?? []) : [...catalogue];
  return pool.filter((e) => {
    const meta = e.model.metadata;
    if (m.category !== null && meta?.category !== m.category) return false;
    if (m.status !== null && meta?.status !== m.status) return false;
    return m.q === null || matchesWords(e, m.q);
  });
}

function shownModel(entry: FakeCatalogueEntry, expand: Set<string>): Record<string, unknown> {
  const { openapi, ...rest } = entry.model;
  return {
    ...rest,
    ...(expand.has("openapi-3.0") && openapi !== undefined ? { openapi } : {}),
    ...(expand.has("enterprise_status") ? { enterprise_status: "ready" } : {}),
  };
}

export function listModels(catalogue: readonly FakeCatalogueEntry[], query: URLSearchParams): PlatformAnswer {
  const q = readModelQuery(query);
  if ("body" in q) return q;
  const all = selectModels(catalogue, q);
  const start = (q.page - 1) * q.limit;
  const hasMore = start + q.limit < all.length;
  return {
    status: 200,
    body: {
      models: all.slice(start, start + q.limit).map((e) => shownModel(e, q.expand)),
      next_cursor: hasMore ? encodeCursor(q.page + 1) : null,
      has_more: hasMore,
    },
  };
}

export function listPrices(catalogue: readonly FakeCatalogueEntry[], query: URLSearchParams): PlatformAnswer {
  const values = query.getAll("endpoint_id").flatMap((v) => v.split(","));
  const ids = [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
  if (ids.length === 0) return invalid("endpoint_id is required: 1 to 50 endpoint ids.");
  if (ids.length > MAX_IDS) return invalid(`endpoint_id takes 1 to ${MAX_IDS} values, not ${ids.length}.`);
  const byId = new Map(catalogue.map((e) => [e.model.endpoint_id, e]));
  const prices = ids.flatMap((id) => byId.get(id)?.price ?? []);
  return { status: 200, body: { prices, next_cursor: null, has_more: false } };
}

import { messageOf } from "../../domain/message-of";
/**
 * The fetch that `@fal-ai/client` is given. It does not touch the protocol: it only decides
 * which failures the client may retry by itself, which is none.
 *
 * Why: the client retries submits on 429/502/503/504 and on dropped connections (a submit is
 * billed: a retry after a lost response can pay twice), and it ignores Retry-After. So
 * transient failures leave here as `FalHttpFailure` / `FalNetworkFailure`, which the client
 * does not recognise as retryable and passes straight up; our own retry layer (retry.ts)
 * then retries only the calls that are safe to repeat. Other HTTP errors (401, 404, 422 …)
 * pass through and the client turns them into its own `ApiError` / `ValidationError`.
 */

export type FalCallKind = "submit" | "status" | "stream" | "result" | "cancel" | "upload" | "upload-put" | "other";

export const TARGET_URL_HEADER = "x-fal-target-url";

/** An HTTP answer the client would have retried on its own. */
export class FalHttpFailure extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterSec: number | undefined;
  readonly call: FalCallKind;
  constructor(init: {
    status: number;
    statusText: string;
    body: unknown;
    retryAfterSec: number | undefined;
    call: FalCallKind;
  }) {
    super(`HTTP ${init.status} ${init.statusText}`);
    this.name = "FalHttpFailure";
    this.status = init.status;
    this.body = init.body;
    this.retryAfterSec = init.retryAfterSec;
    this.call = init.call;
  }
}

/** No HTTP answer at all. `reachedServer` false: the request certainly never left (connection refused). */
export class FalNetworkFailure extends Error {
  readonly call: FalCallKind;
  readonly causeCode: string | undefined;
  readonly reachedServer: boolean | "unknown";
  constructor(init: { call: FalCallKind; cause: unknown; causeCode: string | undefined }) {
    super(describeNetworkCause(init.cause, init.causeCode));
    this.name = "FalNetworkFailure";
    this.call = init.call;
    this.causeCode = init.causeCode;
    this.reachedServer = init.causeCode && NEVER_SENT.has(init.causeCode) ? false : "unknown";
  }
}

/**
 * What answered a proxied call is no fal proxy: a static host's 404/405/501, or a web page where a proxy answers
 * JSON. Nothing reached fal. fal's own 404 (JSON with `detail`, e.g. an unknown endpoint) is not this.
 */
export class FalNoProxy extends Error {
  readonly status: number;
  readonly call: FalCallKind;
  /** A web page (HTML) came back. */
  readonly webPage: boolean;
  /** The words of a JSON answer (e.g. npm run proxy's own 404), if any. */
  readonly said: string | undefined;
  constructor(init: { status: number; call: FalCallKind; webPage: boolean; said: string | undefined }) {
    super(`HTTP ${init.status}${init.webPage ? ", a web page" : ""}`);
    this.name = "FalNoProxy";
    this.status = init.status;
    this.call = init.call;
    this.webPage = init.webPage;
    this.said = init.said;
  }
}

/** Connection-level failures that happen before a single byte of the request is sent. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function describeNetworkCause(cause: unknown, code: string | undefined): string {
  const message = messageOf(cause);
  return code ? `${message} (${code})` : message;
}

function headerValue(headers: HeadersInit | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof Headers !== "undefined" && headers instanceof Headers) return headers.get(name) ?? undefined;
  if (Array.isArray(headers)) return headers.find(([k]) => k.toLowerCase() === name)?.[1];
  // Left is the plain record: a Headers was answered above wherever the Headers class exists.
  for (const [k, v] of Object.entries(headers as Record<string, string>)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** What a request is, from the fal URL it targets (through a proxy, the `x-fal-target-url` header). */
export function classifyFalRequest(url: string, method: string, headers: HeadersInit | undefined): FalCallKind {
  const target = headerValue(headers, TARGET_URL_HEADER) ?? url;
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    return "other";
  }
  const m = method.toUpperCase();
  if (parsed.host === "rest.fal.ai" && parsed.pathname.startsWith("/storage/upload/initiate")) return "upload";
  if (parsed.host === "queue.fal.run") {
    const path = parsed.pathname;
    if (/\/requests\/[^/]+\/status\/stream$/.test(path)) return "stream";
    if (/\/requests\/[^/]+\/status$/.test(path)) return "status";
    if (/\/requests\/[^/]+\/cancel$/.test(path)) return "cancel";
    if (/\/requests\/[^/]+$/.test(path)) return "result";
    if (m === "POST") return "submit";
    return "other";
  }
  // The storage PUT goes straight to the upload URL fal handed out.
  if (m === "PUT") return "upload-put";
  return "other";
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs) && secs >= 0) return secs;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

const isAbort = (e: unknown) => e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError");

function causeCodeOf(e: unknown): string | undefined {
  let current: unknown = e;
  const seen = new Set<unknown>();
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => "");
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const NO_PROXY_STATUSES = new Set([404, 405, 501]);
const isWebPage = (text: string) => /^\s*</.test(text);

/** Reads a proxied answer that may come from no proxy at all; the client still reads the original. */
async function noProxyIn(res: Response, call: FalCallKind): Promise<FalNoProxy | null> {
  const html = /text\/html/i.test(res.headers.get("content-type") ?? "");
  const suspect = NO_PROXY_STATUSES.has(res.status) || (res.ok && html);
  if (!suspect) return null;
  const text = await res
    .clone()
    .text()
    .catch(() => "");
  const body = parseJson(text);
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
  // fal's own answers through a proxy are JSON with `detail` (unknown endpoint, expired request).
  if (record && "detail" in record) return null;
  if (res.ok && !isWebPage(text)) return null;
  const said = typeof record?.message === "string" ? record.message : undefined;
  return new FalNoProxy({ status: res.status, call, webPage: isWebPage(text), said });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function guardedFetch(base: typeof fetch): typeof fetch {
  const guarded = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const call = classifyFalRequest(url, init?.method ?? "GET", init?.headers);
    let res: Response;
    try {
      res = await base(input, init);
    } catch (e) {
      if (isAbort(e)) throw e;
      throw new FalNetworkFailure({ call, cause: e, causeCode: causeCodeOf(e) });
    }
    // Only calls sent through a proxy: the storage PUT and fal's CDN are not answered by it.
    const proxied = headerValue(init?.headers, TARGET_URL_HEADER) !== undefined;
    const noProxy = proxied ? await noProxyIn(res, call) : null;
    if (noProxy) throw noProxy;
    // The status stream reports its own HTTP errors without retrying; leave them to it.
    if (!res.ok && call !== "stream" && (res.status === 429 || res.status >= 500)) {
      throw new FalHttpFailure({
        status: res.status,
        statusText: res.statusText,
        body: await readBody(res),
        retryAfterSec: parseRetryAfter(res.headers.get("retry-after")),
        call,
      });
    }
    return res;
  };
  return guarded;
}

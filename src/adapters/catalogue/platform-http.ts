import { FalPlatformError } from "./platform-error";
import { messageOf } from "../../domain/message-of";

/**
 * One GET to fal's Platform API (https://api.fal.ai/v1/…), through the user's proxy with the fal client's own
 * proxy protocol (the real URL in `x-fal-target-url`, as @fal-ai/client's `withProxy` sends it) or directly
 * with `Authorization: Key …`. Answers parsed JSON or throws a `FalPlatformError` whose message says what to do.
 */

export const TARGET_URL_HEADER = "x-fal-target-url";

export interface PlatformRoute {
  /** Where the request goes: the proxy URL, or fal itself. */
  proxyUrl: string | undefined;
  credentials: string | undefined;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** Which API a call is for, so a refusal names the path the proxy must allow. */
export type PlatformApi = "Model API" | "Pricing API";

export async function getPlatformJson(
  route: PlatformRoute,
  target: URL,
  api: PlatformApi,
  signal?: AbortSignal,
): Promise<unknown> {
  const { signal: combined, timedOut, dispose } = withTimeout(route.timeoutMs, signal);
  try {
    const res = await send(route, target, combined).catch((e: unknown) => {
      if (signal?.aborted) throw signal.reason ?? e;
      throw timedOut() ? timeoutError(route) : networkError(route, target, e);
    });
    const text = await res.text().catch((e: unknown) => {
      throw timedOut() ? timeoutError(route) : networkError(route, target, e);
    });
    return readAnswer(route, target, api, res, text);
  } finally {
    dispose();
  }
}

function send(route: PlatformRoute, target: URL, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (route.credentials) headers.authorization = `Key ${route.credentials}`;
  if (route.proxyUrl === undefined) return route.fetch(target.href, { method: "GET", headers, signal });
  headers[TARGET_URL_HEADER] = target.href;
  return route.fetch(route.proxyUrl, { method: "GET", headers, signal });
}

function withTimeout(ms: number, outer: AbortSignal | undefined) {
  const controller = new AbortController();
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    controller.abort(new Error("timeout"));
  }, ms);
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener("abort", onOuter, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => fired,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuter);
    },
  };
}

const where = (route: PlatformRoute, target: URL) => route.proxyUrl ?? target.origin;

function timeoutError(route: PlatformRoute): FalPlatformError {
  const seconds = Math.round(route.timeoutMs / 1000);
  return new FalPlatformError("unavailable", `fal's catalogue did not answer within ${seconds} s`);
}

/** Node's codes for "nothing answered at that address"; a browser's fetch gives no code (then: nothing there). */
const NOTHING_THERE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function networkError(route: PlatformRoute, target: URL, e: unknown): FalPlatformError {
  const code = causeCode(e);
  const cause = code ? `${messageOf(e)}: ${code}` : messageOf(e);
  if (route.proxyUrl === undefined) {
    return new FalPlatformError("unavailable", `${where(route, target)} could not be reached (${cause})`);
  }
  if (code === undefined || NOTHING_THERE.has(code)) {
    return new FalPlatformError("no-proxy", `no proxy answers at ${route.proxyUrl} (${cause})`);
  }
  return new FalPlatformError("unavailable", `the connection to the proxy at ${route.proxyUrl} broke off (${cause})`);
}

function causeCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

function readAnswer(route: PlatformRoute, target: URL, api: PlatformApi, res: Response, text: string): unknown {
  const body = parseJson(text);
  if (res.ok) {
    if (body !== undefined) return body;
    if (route.proxyUrl !== undefined && looksLikeHtml(text)) {
      const why = `no proxy answers at ${route.proxyUrl} (it sent a web page, not fal's answer)`;
      throw new FalPlatformError("no-proxy", why, res.status);
    }
    const why = `fal's ${api} sent an answer that is not JSON (HTTP ${res.status})`;
    throw new FalPlatformError("bad-answer", why, res.status);
  }
  throw httpError(route, target, api, res.status, body, text);
}

/** A non-2xx answer, sorted by who most likely sent it: fal (JSON error record), our proxy, or something else. */
function httpError(
  route: PlatformRoute,
  target: URL,
  api: PlatformApi,
  status: number,
  body: unknown,
  text: string,
): FalPlatformError {
  const said = messageInBody(body, text);
  const detail = said ? `: ${said}` : "";
  const proxied = route.proxyUrl !== undefined;
  if (proxied && isProxyRefusal(status, body)) {
    const path = `${target.origin}${target.pathname}`;
    const why = `this proxy does not forward fal's ${api}: update it or allow ${path}`;
    return new FalPlatformError("refused", why, status);
  }
  if (status === 401 || status === 403) {
    const who = !proxied
      ? "fal refused the key in FAL_KEY"
      : isFalError(body)
        ? `fal refused the key of the proxy at ${route.proxyUrl}`
        : `the proxy at ${route.proxyUrl} has no valid fal key`;
    return new FalPlatformError("unauthorized", `${who} (HTTP ${status}${detail})`, status);
  }
  if (proxied && !isFalError(body) && (status === 404 || status === 405 || status === 501)) {
    return new FalPlatformError("no-proxy", `no proxy answers at ${route.proxyUrl} (HTTP ${status})`, status);
  }
  if (status === 429 || status >= 500) {
    return new FalPlatformError("unavailable", `fal's ${api} is unavailable for now (HTTP ${status}${detail})`, status);
  }
  const notFound = status === 404 && isFalError(body);
  return new FalPlatformError("bad-answer", `fal's ${api} answered HTTP ${status}${detail}`, status, notFound);
}

/**
 * Our proxy says 403 `target_not_allowed` (or `endpoint_not_allowed`, older versions); a stock
 * @fal-ai/server-proxy answers a bare 400 "Invalid request" for a URL outside its patterns.
 */
function isProxyRefusal(status: number, body: unknown): boolean {
  const code = (body as { error?: unknown } | undefined)?.error;
  if (status === 403 && (code === "target_not_allowed" || code === "endpoint_not_allowed")) return true;
  return status === 400 && !isFalError(body);
}

/** fal's own error record: `{"error":{"type","message"}}`. */
export function isFalError(body: unknown): body is { error: { type?: string; message?: string } } {
  const e = (body as { error?: unknown } | undefined)?.error;
  return typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string";
}

function messageInBody(body: unknown, text: string): string | undefined {
  if (isFalError(body)) return body.error.message;
  const b = body as { message?: unknown; detail?: unknown } | undefined;
  if (typeof b?.message === "string") return b.message;
  if (typeof b?.detail === "string") return b.detail;
  const plain = text.trim();
  if (!plain || looksLikeHtml(plain) || body !== undefined) return undefined;
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const looksLikeHtml = (text: string) => /^\s*</.test(text);

/**
 * What answers at a Proxy URL, read from the proxy check: a GET to the URL without `x-fal-target-url`.
 * Reelflow's own proxies (npm start, npm run proxy) answer it with their name, whether they hold a fal key and
 * what they can do beyond forwarding; any other fal proxy answers it as a request it cannot forward; a static host
 * or an empty port answers it with a page, a 404 or nothing. Pure: the fetch is in src/adapters/proxy-check.
 */

/** The name Reelflow's proxies give in their check (src/proxy/handler.ts PROXY_SERVICE_NAME). */
export const REELFLOW_PROXY_SERVICE = "reelflow-fal-proxy";

export type ProxyHealth =
  /** Reelflow's proxy with a fal key: runs can go. */
  | { kind: "ready"; url: string; capabilities: readonly string[] }
  /** Reelflow's proxy without a key: every call would be refused (401), nothing would be charged. */
  | { kind: "no-key"; url: string; capabilities: readonly string[]; message: string | null }
  /** Something that answered as a fal proxy does (JSON, or @fal-ai/server-proxy's plain refusal): not ours. */
  | { kind: "other-proxy"; url: string; status: number }
  /** No fal proxy here: nothing sent to this URL can reach fal. */
  | { kind: "no-proxy"; url: string; why: NoProxyWhy };

export type NoProxyWhy =
  /** 404, 405, 501 (a static host's answers to a proxy call) or a 5xx from whatever stands there. */
  | { kind: "status"; status: number; message: string | null }
  /** A web page (HTML) instead of a proxy's JSON: a static host, often its single-page fallback. */
  | { kind: "web-page"; status: number }
  /** No answer the page may read: nothing listens, the host is unknown, CORS refused it, or it timed out. */
  | { kind: "unreachable"; detail: string };

export type ProxyHealthKind = ProxyHealth["kind"];

/** Statuses a plain web server gives a proxy call; fal's own answers through a proxy never use them for this. */
const NO_PROXY_STATUSES = new Set([404, 405, 501]);

/** A body that is markup (a web page), not a proxy's JSON or plain-text refusal. */
export const looksLikeWebPage = (text: string): boolean => /^\s*</.test(text);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function jsonMessage(body: unknown): string | null {
  if (!isRecord(body)) return null;
  for (const key of ["message", "detail", "error"] as const) {
    const v = body[key];
    if (typeof v === "string" && v.trim()) return v.trim().slice(0, 300);
  }
  return null;
}

function reelflowAnswer(url: string, body: Record<string, unknown>): ProxyHealth {
  const listed = Array.isArray(body.capabilities) ? body.capabilities : [];
  const capabilities = listed.filter((c): c is string => typeof c === "string");
  if (body.falKey === true) return { kind: "ready", url, capabilities };
  const message = typeof body.message === "string" && body.message.trim() ? body.message.trim() : null;
  return { kind: "no-key", url, capabilities, message };
}

/** Reads the answer to the proxy check at `url` (absolute): its status and body as text. */
export function readProxyAnswer(url: string, status: number, text: string): ProxyHealth {
  const body = parseJson(text);
  const ok = status >= 200 && status < 300;
  if (ok && isRecord(body) && body.service === REELFLOW_PROXY_SERVICE) return reelflowAnswer(url, body);
  if (NO_PROXY_STATUSES.has(status) || status >= 500) {
    return { kind: "no-proxy", url, why: { kind: "status", status, message: jsonMessage(body) } };
  }
  if (looksLikeWebPage(text)) return { kind: "no-proxy", url, why: { kind: "web-page", status } };
  // JSON, or a short plain refusal ("Invalid request" is what @fal-ai/server-proxy says without a target).
  if (body !== undefined || (status >= 400 && text.trim().length > 0)) return { kind: "other-proxy", url, status };
  return { kind: "no-proxy", url, why: { kind: "status", status, message: null } };
}

/** Why no proxy answers, after "No fal proxy at <url>: " (the app and the CLI say it alike). */
export function noProxyWhyWords(why: NoProxyWhy): string {
  switch (why.kind) {
    case "status": {
      const said = why.message ? ` ("${why.message}")` : "";
      return why.status >= 500
        ? `it answered HTTP ${why.status}: the server there is failing, or nothing runs behind it${said}.`
        : `it answered HTTP ${why.status}, as a web server with no proxy there does${said}.`;
    }
    case "web-page":
      return `it answered with a web page (HTTP ${why.status}), not a proxy's JSON.`;
    case "unreachable":
      return (
        `no answer (${why.detail}): nothing listens there, or, seen from a web page, the proxy does not allow ` +
        "that page's origin (ALLOWED_ORIGINS)."
      );
    default: {
      const _: never = why;
      return _;
    }
  }
}

export const unreachableProxy = (url: string, detail: string): ProxyHealth => ({
  kind: "no-proxy",
  url,
  why: { kind: "unreachable", detail },
});

/** What the proxy says it can do beyond forwarding (e.g. "submit-id"); none when unknown or not ours. */
export function capabilitiesOf(health: ProxyHealth | null | undefined): readonly string[] {
  if (!health) return [];
  switch (health.kind) {
    case "ready":
    case "no-key":
      return health.capabilities;
    case "other-proxy":
    case "no-proxy":
      return [];
    default: {
      const _: never = health;
      return _;
    }
  }
}

/** A run sent here could not reach fal (or would only be refused for want of a key): say so before sending. */
export function stopsRuns(health: ProxyHealth): boolean {
  switch (health.kind) {
    case "no-key":
    case "no-proxy":
      return true;
    case "ready":
    case "other-proxy":
      return false;
    default: {
      const _: never = health;
      return _;
    }
  }
}

/**
 * When the app is served under a sub-path (e.g. https://me.github.io/reelflow/) and the Proxy URL starts with
 * "/", the proxy is looked for at the host root, not under the app: the sentence saying so, else null.
 */
export function subPathNote(configured: string, pageUrl: string): string | null {
  const value = configured.trim();
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return null;
  }
  const dir = page.pathname.replace(/[^/]*$/, "");
  if (dir === "/" || value.startsWith(dir)) return null;
  return (
    `This copy is served under ${dir}, but the Proxy URL ${value} starts with "/", so it points at the host root ` +
    `(${page.origin}${value}), not under the app.`
  );
}

/** The Proxy URL as it is asked: a relative one ("/api/fal/proxy") resolved against the page, as fal's client does. */
export function resolveProxyUrl(configured: string, pageUrl: string): string {
  try {
    return new URL(configured.trim(), pageUrl).toString();
  } catch {
    return configured.trim();
  }
}

// The proxy check over HTTP: one GET to the Proxy URL without x-fal-target-url, read by src/domain/proxy-health.
// No credentials and no custom header, so a cross-origin proxy gets a simple request (no preflight).
import { readProxyAnswer, unreachableProxy, type ProxyHealth } from "../../domain/proxy-health";
import { messageOf } from "../../domain/message-of";

export interface CheckProxyOptions {
  fetch?: typeof fetch;
  /** Give up after this long and call the proxy unreachable (default 8 s). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 8000;
// Enough to tell JSON from a page; a static host's page is not read to its end.
const MAX_TEXT = 4096;

function reasonOf(e: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${Number((timeoutMs / 1000).toFixed(1))} s`;
  const message = messageOf(e);
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
  return `${message}${cause}`;
}

/** Checks the proxy at `url` (absolute). Never throws: every failure is a ProxyHealth. */
export async function checkProxy(url: string, opts: CheckProxyOptions = {}): Promise<ProxyHealth> {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const init: RequestInit = { method: "GET", cache: "no-store", credentials: "omit", signal: controller.signal };
    const res = await doFetch(url, init);
    const text = (await res.text()).slice(0, MAX_TEXT);
    return readProxyAnswer(url, res.status, text);
  } catch (e) {
    return unreachableProxy(url, reasonOf(e, timedOut, timeoutMs));
  } finally {
    clearTimeout(timer);
  }
}

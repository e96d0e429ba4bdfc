// One Node request handler (node:http and Connect/Vite middleware alike) around the real @fal-ai/server-proxy
// `handleRequest`: our policy runs first (clear refusals in words), then the library forwards with the key.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { handleRequest, TARGET_URL_HEADER } from "@fal-ai/server-proxy";
import type { ProxyConfig } from "@fal-ai/server-proxy";
import {
  checkOrigin,
  checkTarget,
  DEFAULT_ALLOWED_ENDPOINTS,
  DEFAULT_MAX_BODY_BYTES,
  PROXY_URL_PATTERNS,
} from "./policy.ts";
import type { Refusal } from "./policy.ts";
import { SUBMIT_ID_HEADER } from "../domain/submit-id.ts";
import { forwardOnce, isQueueSubmit, refusalBody, submitIdOf } from "./submit-forward.ts";
import type { ResponseSink } from "./submit-forward.ts";
import type { SubmitOnce } from "./submit-once.ts";

export interface FalProxyOptions {
  /** Read per request, so a proxy started without a key answers 401 with `missingKeyMessage`. */
  falKey: () => string | undefined;
  missingKeyMessage: string;
  /** Endpoint ids a POST may reach (globs); default DEFAULT_ALLOWED_ENDPOINTS (the curated families). */
  allowedEndpoints?: readonly string[];
  /** Browser origins allowed cross-origin; "same-origin-only" (the Vite dev server) sends no CORS headers. */
  allowedOrigins?: readonly string[] | "same-origin-only";
  maxBodyBytes?: number;
  /**
   * Tests only, never read from the environment: after a target passed the fal-only policy, send it to this
   * origin (e.g. the fake fal on http://127.0.0.1:port) instead of fal, keeping path and query; the original fal
   * URL travels in x-fal-target-url as it does to fal.
   */
  testUpstreamOrigin?: string;
  /**
   * What this proxy does beyond forwarding, told by the proxy check so the app sends extras (such as a header) only
   * to a proxy that takes them. Default none.
   */
  capabilities?: readonly string[];
  /**
   * Keeps the submit id of each forwarded submit with fal's answer (submit-once.ts): a second request with the
   * id is answered, not forwarded. Give it with "submit-id" in `capabilities` (see submitIdSupport()).
   */
  submitOnce?: SubmitOnce;
}

/** Names the proxy in its check, so the app can tell it from another fal proxy or a static host. */
export const PROXY_SERVICE_NAME = "reelflow-fal-proxy";
export const PROXY_CHECK_VERSION = 1;

/** The answer to the proxy check: a GET to the proxy URL without x-fal-target-url. Never carries the key. */
export interface ProxyCheckAnswer {
  service: typeof PROXY_SERVICE_NAME;
  version: typeof PROXY_CHECK_VERSION;
  falKey: boolean;
  capabilities: string[];
  /** With falKey false: what to do (the missing-key advice). */
  message?: string;
}

export function proxyCheckAnswer(opts: FalProxyOptions): ProxyCheckAnswer {
  const falKey = Boolean(opts.falKey());
  const answer: ProxyCheckAnswer = {
    service: PROXY_SERVICE_NAME,
    version: PROXY_CHECK_VERSION,
    falKey,
    capabilities: [...(opts.capabilities ?? [])],
  };
  return falKey ? answer : { ...answer, message: opts.missingKeyMessage };
}

// Hop-by-hop headers and fal's own CORS headers must not be copied onto our response.
const DROPPED_UPSTREAM_HEADERS =
  /^(connection|keep-alive|transfer-encoding|upgrade|te|trailer|proxy-.*|access-control-.*|content-length|content-encoding)$/i;
// @fal-ai/client sends these; `x-fal-*` carries the target URL, queue priority, timeouts, storage lifecycle.
const ALLOWED_REQUEST_HEADERS = /^(content-type|accept|x-fal-[a-z0-9-]+)$/i;
// The client reads the request id of a submit from a response header, so a cross-origin page must see it.
const EXPOSED_HEADERS = "x-fal-request-id, retry-after";

class BodyTooLarge extends Error {}

function sendJson(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}

const sendRefusal = (res: ServerResponse, r: Refusal) =>
  sendJson(res, r.status, { error: r.error, message: r.message });

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Sets CORS headers for an allowed origin; answers a preflight. Returns false when the request is done. */
function applyCors(req: IncomingMessage, res: ServerResponse, opts: FalProxyOptions): boolean {
  const allowed = opts.allowedOrigins ?? "same-origin-only";
  const isPreflight = req.method === "OPTIONS";
  if (allowed === "same-origin-only") {
    // Browsers send Origin on every cross-origin request (and on same-origin POST); it must be this server.
    // Vite's own CORS middleware may grant a localhost preflight, so this check is what keeps other pages out.
    const origin = header(req, "origin");
    let sameHost = origin === undefined;
    try {
      sameHost ||= new URL(origin ?? "").host === header(req, "host");
    } catch {
      sameHost = false;
    }
    if (isPreflight || !sameHost) {
      // No CORS headers: a page on another origin cannot use the local dev proxy.
      sendJson(res, 403, {
        error: "origin_not_allowed",
        message: "This local proxy only serves the app on its own origin.",
      });
      return false;
    }
    return true;
  }
  const origin = checkOrigin(header(req, "origin"), allowed);
  if (!origin.ok) {
    sendRefusal(res, origin);
    return false;
  }
  res.setHeader("vary", "Origin");
  res.setHeader("access-control-allow-origin", origin.origin ?? "");
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  if (!isPreflight) return true;

  const method = (header(req, "access-control-request-method") ?? "").toUpperCase();
  const requested = (header(req, "access-control-request-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
  // The submit id header only where a store keeps the ids (a proxy that does not must not invite it).
  const takesSubmitIds = opts.submitOnce !== undefined;
  const accepted = (h: string) => ALLOWED_REQUEST_HEADERS.test(h) || (takesSubmitIds && h === SUBMIT_ID_HEADER);
  const badHeader = requested.find((h) => !accepted(h));
  if (!["GET", "POST", "PUT"].includes(method) || badHeader !== undefined) {
    sendJson(res, 403, {
      error: "preflight_refused",
      message: badHeader
        ? `Header ${badHeader} is not accepted by the fal proxy.`
        : `Method ${method || "(none)"} is not accepted by the fal proxy.`,
    });
    return false;
  }
  res.statusCode = 204;
  res.setHeader("access-control-allow-methods", "GET, POST, PUT, OPTIONS");
  res.setHeader("access-control-allow-headers", requested.join(", ") || "content-type, x-fal-target-url");
  res.setHeader("access-control-max-age", "600");
  res.setHeader("content-length", "0");
  res.end();
  return false;
}

/** Sends fal's answer on as it arrives, so queue status SSE reaches the browser at once. */
function streamTo(res: ServerResponse): ResponseSink {
  return {
    sendHeader: (name, value) => res.setHeader(name, value),
    respondWith: (status, data) => sendJson(res, status, refusalBody(data)),
    sendResponse: async (upstream) => {
      res.statusCode = upstream.status;
      if (!upstream.body) {
        res.end();
        return;
      }
      const stream = Readable.fromWeb(upstream.body as NodeReadableStream<Uint8Array>);
      await new Promise<void>((resolve) => {
        // The response closes when it is done or when the browser went away; either way stop reading fal.
        res.on("close", () => {
          stream.destroy();
          resolve();
        });
        stream.on("error", () => {
          res.destroy();
          resolve();
        });
        stream.pipe(res);
      });
    },
  };
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createFalProxyHandler(opts: FalProxyOptions): NodeHandler {
  const allowedEndpoints = opts.allowedEndpoints ?? DEFAULT_ALLOWED_ENDPOINTS;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const testUpstream = opts.testUpstreamOrigin ? new URL(opts.testUpstreamOrigin) : undefined;

  return async (req, res) => {
    try {
      if (!applyCors(req, res, opts)) return;
      const method = (req.method ?? "GET").toUpperCase();
      // The proxy check: answered with or without a key, so the app can say which of the two it is.
      if (method === "GET" && !header(req, TARGET_URL_HEADER)) {
        sendJson(res, 200, proxyCheckAnswer(opts));
        return;
      }
      const key = opts.falKey();
      if (!key) {
        sendJson(res, 401, { error: "no_fal_key", message: opts.missingKeyMessage });
        return;
      }
      const check = checkTarget(method, header(req, TARGET_URL_HEADER), allowedEndpoints);
      if (!check.ok) {
        sendRefusal(res, check);
        return;
      }
      const body = method === "GET" ? undefined : await readBody(req, maxBodyBytes);
      const target = testUpstream
        ? new URL(`${check.target.pathname}${check.target.search}`, testUpstream)
        : check.target;

      let targetReads = 0;
      const config: ProxyConfig = {
        // Our policy above is the gate; these keep the library's own checks consistent with it.
        allowedUrlPatterns: testUpstream ? [`${testUpstream.host}/**`] : [...PROXY_URL_PATTERNS],
        allowedEndpoints: [...allowedEndpoints],
        allowUnauthorizedRequests: false,
        isAuthenticated: async () => true,
        // Always our key: a browser-sent Authorization header must never be forwarded in its place.
        resolveFalAuth: async () => `Key ${key}`,
      };

      const forward = (sink: ResponseSink) =>
        handleRequest<void>(
          {
            id: "reelflow",
            method,
            getRequestBody: async () => body,
            getHeaders: () => req.headers,
            getHeader: (name) => {
              if (name.toLowerCase() !== TARGET_URL_HEADER) return req.headers[name.toLowerCase()];
              // handleRequest reads the target once to know where to send the request, then again while copying
              // x-fal-* headers upstream. Only with testUpstreamOrigin do the two differ: the request goes to the
              // fake, which still sees (and routes on) the fal URL the client meant.
              return targetReads++ === 0 ? target.href : check.target.href;
            },
            sendHeader: (name, value) => {
              if (!DROPPED_UPSTREAM_HEADERS.test(name)) sink.sendHeader(name, value);
            },
            respondWith: (status, data: string | object) => sink.respondWith(status, data),
            sendResponse: (upstream) => sink.sendResponse(upstream),
          },
          config,
        );

      const submitId = submitIdOf(req);
      if (opts.submitOnce && submitId !== undefined && isQueueSubmit(method, check.target)) {
        if (submitId === null) {
          const message = `${SUBMIT_ID_HEADER} must be 8 to 200 letters, digits or . _ : -; nothing was sent.`;
          sendJson(res, 400, { error: "bad_submit_id", message });
          return;
        }
        await forwardOnce(req, res, opts.submitOnce, submitId, check.target, forward);
        return;
      }
      await forward(streamTo(res));
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        sendJson(res, 413, {
          error: "body_too_large",
          message: `Request body is over this proxy's limit of ${maxBodyBytes} bytes.`,
        });
        return;
      }
      const reason =
        err instanceof Error
          ? err.cause instanceof Error
            ? `${err.message}: ${err.cause.message}`
            : err.message
          : String(err);
      sendJson(res, 502, {
        error: "upstream_unreachable",
        message: `fal could not be reached through the proxy (${reason}).`,
      });
    }
  };
}

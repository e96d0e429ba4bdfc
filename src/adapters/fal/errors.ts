import { ApiError } from "@fal-ai/client";
import { InferenceError } from "../../engine/errors";
import { FalHttpFailure, FalNetworkFailure, FalNoProxy } from "./transport";
import { messageOf } from "../../domain/message-of";

/**
 * Turns whatever the fal client threw into an `InferenceError` whose message a user can act
 * on, built from fal's own body (a `ValidationError`'s message is only "Unprocessable Entity";
 * the words are in `body.detail[].msg`).
 */

export type FalPhase = "submit" | "status" | "result" | "cancel" | "upload";

export interface ErrorContext {
  phase: FalPhase;
  endpoint?: string;
  requestId?: string;
  /** Set when calls go through the user's proxy (changes who holds the key). */
  proxyUrl?: string;
}

export const PROXY_KEY_MESSAGE =
  "The proxy has no valid fal key. Set FAL_KEY where the proxy runs (e.g. .env.local) and restart it.";
export const DIRECT_KEY_MESSAGE = "fal refused the key. Check that FAL_KEY holds a valid fal API key.";

interface DetailItem {
  loc?: unknown;
  msg?: unknown;
  type?: unknown;
}

const CONTENT_POLICY = /content[ _-]?polic|content checker|flagged|moderat|safety (?:filter|system|check)/i;

const PHASE_WORDS: Record<FalPhase, string> = {
  submit: "submitting the job",
  status: "checking the job's status",
  result: "fetching the result",
  cancel: "cancelling the job",
  upload: "uploading a file to fal storage",
};

function detailItems(body: unknown): DetailItem[] {
  if (body && typeof body === "object" && Array.isArray((body as { detail?: unknown }).detail)) {
    return (body as { detail: unknown[] }).detail.filter((d): d is DetailItem => !!d && typeof d === "object");
  }
  return [];
}

/** The field a pydantic error points at: the last string in `loc` that is not "body". */
function fieldOf(item: DetailItem): string | undefined {
  if (!Array.isArray(item.loc)) return undefined;
  const parts = item.loc.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
  const named = parts.filter((p) => p !== "body");
  if (named.length === 0) return undefined;
  return named.map(String).join(".");
}

/** Plain words from any fal error body: `detail` (string or list), `message`, `error`, or text. */
export function bodyMessage(body: unknown): string | undefined {
  if (typeof body === "string") {
    // An HTML error page from some gateway says nothing useful in a node's error line.
    if (/^\s*</.test(body)) return undefined;
    const text = body.trim();
    return text ? (text.length > 300 ? `${text.slice(0, 300)}…` : text) : undefined;
  }
  if (!body || typeof body !== "object") return undefined;
  const items = detailItems(body);
  if (items.length > 0) {
    return items
      .map((d) => {
        const field = fieldOf(d);
        const msg = typeof d.msg === "string" ? d.msg : JSON.stringify(d);
        return field ? `${field}: ${msg}` : msg;
      })
      .join("; ");
  }
  const b = body as Record<string, unknown>;
  for (const key of ["detail", "message", "error"] as const) {
    const v = b[key];
    if (typeof v === "string" && v.trim()) return v;
  }
  return undefined;
}

function isContentPolicy(body: unknown): boolean {
  if (detailItems(body).some((d) => d.type === "content_policy_violation")) return true;
  const msg = bodyMessage(body);
  return !!msg && CONTENT_POLICY.test(msg);
}

export function fromHttp(
  status: number,
  body: unknown,
  retryAfterSec: number | undefined,
  ctx: ErrorContext,
): InferenceError {
  const msg = bodyMessage(body);
  const endpoint = ctx.endpoint ?? "this endpoint";
  const firstField = detailItems(body)
    .map(fieldOf)
    .find((f) => f !== undefined);
  const base = { httpStatus: status, ...(retryAfterSec === undefined ? {} : { retryAfterSec }) };

  // A content checker's refusal may come as 422 or 500; either way repeating it cannot help.
  if ((status === 422 || status >= 500 || status === 400) && isContentPolicy(body)) {
    return new InferenceError({
      ...base,
      code: "moderation",
      ...(firstField ? { field: firstField } : {}),
      message: `fal's content policy refused this ${ctx.phase === "submit" ? "request" : "video"}: ${msg ?? "content flagged"}. Change the prompt or image and run again.`,
      // Refused after it ran: the job may have been billed.
      mayHaveBeenCharged: ctx.phase !== "submit",
    });
  }
  if (status === 422) {
    return new InferenceError({
      ...base,
      code: "validation",
      ...(firstField ? { field: firstField } : {}),
      message: msg ?? `fal rejected the input of ${endpoint} (422).`,
    });
  }
  if (status === 401 || status === 403) {
    return new InferenceError({
      ...base,
      code: "auth",
      message: ctx.proxyUrl ? PROXY_KEY_MESSAGE : DIRECT_KEY_MESSAGE,
    });
  }
  if (status === 404 || status === 410) {
    if (ctx.phase === "submit") {
      return new InferenceError({
        ...base,
        code: "not-found",
        message: `fal does not know ${endpoint}: the model may be retired. Pick another model for this node.`,
      });
    }
    if (ctx.phase === "upload") {
      return new InferenceError({
        ...base,
        code: "not-found",
        message: `fal storage refused the upload (${status}${msg ? `: ${msg}` : ""}).`,
      });
    }
    return new InferenceError({
      ...base,
      code: "not-found",
      message: `fal does not know request ${ctx.requestId ?? "?"} of ${endpoint} (${status}); it may have expired.`,
    });
  }
  if (status === 429) {
    return new InferenceError({
      ...base,
      code: "rate-limited",
      message: `fal is rate-limiting requests (429 Too Many Requests) while ${PHASE_WORDS[ctx.phase]}${retryAfterSec !== undefined ? `; it asked to wait ${retryAfterSec} s` : ""}.`,
    });
  }
  if (status >= 500) {
    const text = `fal answered ${status} while ${PHASE_WORDS[ctx.phase]}${msg ? `: ${msg}` : "."}`;
    // A gateway error on submit: fal may have queued (and will bill) the job we never heard back about.
    if (ctx.phase === "submit" && (status === 502 || status === 504)) {
      return new InferenceError({
        ...base,
        code: "submit-unknown",
        mayHaveBeenCharged: true,
        message: `${text} The job may or may not have been queued at fal.`,
      });
    }
    return new InferenceError({ ...base, code: "server", message: text });
  }
  if (status === 400 && ctx.phase === "result" && msg && /cancel/i.test(msg)) {
    return new InferenceError({ ...base, code: "cancelled", message: `The job was cancelled at fal (${msg}).` });
  }
  if (status === 400 && typeof body === "string" && ctx.proxyUrl) {
    // What @fal-ai/server-proxy answers for a target or endpoint it does not relay.
    return new InferenceError({
      ...base,
      code: "not-found",
      message: `The proxy refused to forward this request to fal (HTTP 400). It may not allow ${endpoint}; check its allowed endpoints.`,
    });
  }
  return new InferenceError({
    ...base,
    code: ctx.phase === "result" ? "bad-result" : "internal",
    message: `fal answered ${status} while ${PHASE_WORDS[ctx.phase]}${msg ? `: ${msg}` : "."}`,
  });
}

function noProxyError(e: FalNoProxy, ctx: ErrorContext): InferenceError {
  const where = ctx.proxyUrl ?? "the Proxy URL";
  const what = e.webPage
    ? `a web page (HTTP ${e.status}) instead of a proxy's answer`
    : `HTTP ${e.status}${e.said ? ` ("${e.said}")` : ""}`;
  return new InferenceError({
    code: "no-proxy",
    httpStatus: e.status,
    message: `No fal proxy answers at ${where}: ${PHASE_WORDS[ctx.phase]} got ${what}. Nothing reached fal.`,
  });
}

function networkError(e: FalNetworkFailure | Error, ctx: ErrorContext): InferenceError {
  const where = ctx.proxyUrl ? `the proxy at ${ctx.proxyUrl}` : "fal";
  const reason = e.message || "connection failed";
  if (ctx.phase === "submit") {
    const neverSent = e instanceof FalNetworkFailure && e.reachedServer === false;
    if (!neverSent) {
      return new InferenceError({
        code: "submit-unknown",
        mayHaveBeenCharged: true,
        message: `The connection to ${where} broke after the job was sent (${reason}); fal may have queued it and may bill it. It was not sent again.`,
      });
    }
  }
  return new InferenceError({
    code: "network",
    message: `Could not reach ${where} while ${PHASE_WORDS[ctx.phase]} (${reason}).`,
  });
}

export function toInferenceError(e: unknown, ctx: ErrorContext): InferenceError {
  if (e instanceof InferenceError) return e;
  if (e instanceof FalHttpFailure) return fromHttp(e.status, e.body, e.retryAfterSec, ctx);
  if (e instanceof FalNetworkFailure) return networkError(e, ctx);
  if (e instanceof FalNoProxy) return noProxyError(e, ctx);
  if (e instanceof ApiError) {
    // The status stream wraps transport failures as ApiError 500 without a body.
    return fromHttp(e.status, e.body ?? e.message, undefined, ctx);
  }
  if (e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError")) {
    return new InferenceError({ code: "cancelled", message: "Stopped before fal answered." });
  }
  if (e instanceof TypeError) return networkError(e, ctx);
  return new InferenceError({
    code: "internal",
    message: `Unexpected error while ${PHASE_WORDS[ctx.phase]}: ${messageOf(e)}`,
  });
}

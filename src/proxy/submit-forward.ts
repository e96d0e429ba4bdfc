// The HTTP side of submit-once.ts: which requests it covers, how one forward is caught whole (status, headers,
// body) instead of streamed, so it can be answered again, and how a reply is written.
import type { IncomingMessage, ServerResponse } from "node:http";
import { SUBMIT_ID_HEADER, SUBMIT_ID_PATTERN } from "../domain/submit-id.ts";
import { fateOfStatus, jsonAnswer } from "./submit-once.ts";
import type { Forwarded, SubmitAnswer, SubmitOnce, SubmitReply } from "./submit-once.ts";

/** Where handleRequest puts fal's answer; the handler passes only headers worth sending on. */
export interface ResponseSink {
  sendHeader(name: string, value: string): void;
  /** A refusal by @fal-ai/server-proxy itself: nothing reached fal. */
  respondWith(status: number, data: string | object): void;
  sendResponse(upstream: Response): Promise<void>;
}

/** How the proxies word a refusal by @fal-ai/server-proxy (its words, as JSON). */
export const refusalBody = (data: string | object) => ({
  error: "refused",
  message: typeof data === "string" ? data : JSON.stringify(data),
});

/** Says so on an answer that was not forwarded again (tests and people reading a network log). */
export const SUBMIT_REPLAYED_HEADER = "x-reelflow-submit-replayed";

/** Failures that happen before a byte of the request leaves: fal surely has no job (as the app's transport). */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** A queue submit: a POST to queue.fal.run that is not about an existing request (status, cancel, result). */
export function isQueueSubmit(method: string, target: URL): boolean {
  return method === "POST" && target.host === "queue.fal.run" && !/\/requests\//.test(target.pathname);
}

function causeCode(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let c: unknown = e; c && typeof c === "object" && !seen.has(c); c = (c as { cause?: unknown }).cause) {
    seen.add(c);
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function reasonOf(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message;
}

/** fal could not be reached, or its answer broke off: whether fal may have the job depends on when. */
export function unreachableForward(e: unknown): Forwarded {
  const message = `fal could not be reached through the proxy (${reasonOf(e)}).`;
  const answer = jsonAnswer(502, { error: "upstream_unreachable", message });
  const code = causeCode(e);
  return { answer, fate: code !== undefined && NEVER_SENT.has(code) ? "not-queued" : "unknown" };
}

/** Runs one forward into memory: the whole answer, and what it tells about fal's side. Never throws. */
export async function captureForward(forward: (sink: ResponseSink) => Promise<void>): Promise<Forwarded> {
  const headers: Array<[string, string]> = [];
  let answer: SubmitAnswer | undefined;
  try {
    await forward({
      sendHeader: (name, value) => void headers.push([name, value]),
      respondWith: (status, data) => {
        answer = jsonAnswer(status, refusalBody(data));
      },
      sendResponse: async (upstream) => {
        // A submit's answer is a small JSON: read it whole, even if the caller has gone away meanwhile.
        answer = { status: upstream.status, headers, body: new Uint8Array(await upstream.arrayBuffer()) };
      },
    });
  } catch (e) {
    return unreachableForward(e);
  }
  if (!answer) return unreachableForward(new Error("the forward ended without an answer"));
  return { answer, fate: fateOfStatus(answer.status) };
}

export function writeReply(res: ServerResponse, reply: SubmitReply): void {
  if (res.writableEnded || res.destroyed) return;
  const { status, headers, body } = reply.answer;
  res.statusCode = status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader("content-length", body.byteLength);
  if (reply.replayed) res.setHeader(SUBMIT_REPLAYED_HEADER, "1");
  res.end(body);
}

/** The id a request carries, or undefined when it carries none; null when it carries one that is not an id. */
export function submitIdOf(req: IncomingMessage): string | null | undefined {
  const raw = req.headers[SUBMIT_ID_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  return SUBMIT_ID_PATTERN.test(value) ? value : null;
}

/**
 * Sends a submit that carries a submit id through the store: once per id and origin. Requests without an Origin
 * (the CLI, same-origin GETs) share one scope of their own.
 */
export async function forwardOnce(
  req: IncomingMessage,
  res: ServerResponse,
  store: SubmitOnce,
  id: string,
  target: URL,
  forward: (sink: ResponseSink) => Promise<void>,
): Promise<void> {
  const scope = req.headers.origin ?? "";
  const reply = await store.submit(scope, id, target.href, () => captureForward(forward));
  writeReply(res, reply);
}

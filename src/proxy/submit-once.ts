// One fal submit per submit id (issue 20). Chromium resends a POST when a reused keep-alive connection closes before
// any byte of the answer arrives; for a submit that is a second paid job the app never sees. The app sends its
// job's submit id (x-reelflow-submit-id); this store forwards the first request of an id and answers every other
// one with fal's first answer, waiting for it while the first is still on its way.
//
// What happens after the first forward depends on what it tells about fal's side (its fate):
// - "queued": fal answered 2xx, so it has the job. Kept for the TTL; every request with the id gets that answer
//   (status, the headers fal sent such as x-fal-request-id, the body), and the job is followed, never paid again.
// - "unknown": fal may have the job and we cannot tell (a 502/504 from fal's gateway, or the connection broke
//   after the request may have left). Never paying twice wins: the id is kept for the TTL too, and every later
//   request gets a 502 saying the first outcome is unknown and when the id may be sent again. The app counts that
//   as "may have been charged", as it counts the first answer, and tells the user to check their fal requests.
// - "not-queued": fal surely has no job (any other answer: 4xx such as 422 or 429, a 500 or 503, a refusal by the
//   policy, a connection that never opened). Requests that arrived while it was on its way get the same answer
//   (they are the same request sent twice); afterwards the id is forgotten, so a retry goes through.
//
// Ids are scoped per origin: a page of one origin never gets an answer meant for another. Memory is bounded: at
// most `maxEntries` ids and `maxBytes` of answers are kept, the oldest forgotten first when either is passed
// (so "at least ten minutes" holds while fewer submits than that arrive in ten minutes), and kept ids expire
// after `ttlMs`. Ids still on their way are not counted there: each is an open request of a caller.

import { SUBMIT_ID_CAPABILITY } from "../domain/submit-id.ts";
import { messageOf } from "../domain/message-of.ts";

export const DEFAULT_SUBMIT_ID_TTL_MS = 10 * 60_000;
export const DEFAULT_SUBMIT_ID_MAX_ENTRIES = 10_000;
export const DEFAULT_SUBMIT_ID_MAX_BYTES = 16 * 1024 * 1024;

export interface SubmitAnswer {
  status: number;
  /** Response headers to send again with a replay (already without hop-by-hop and CORS headers). */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
}

export type ForwardFate = "queued" | "unknown" | "not-queued";

export interface Forwarded {
  answer: SubmitAnswer;
  fate: ForwardFate;
}

export interface SubmitReply {
  answer: SubmitAnswer;
  /** True when this request was not forwarded: it got the answer of the first request with its id. */
  replayed: boolean;
}

export interface SubmitOnceOptions {
  ttlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

export interface SubmitOnce {
  /**
   * Forwards the first request of `id` within `scope` (the page's origin) through `forward`; any other request
   * with that id gets its answer. `target` is the fal URL: an id sent again for another target is refused (409).
   * `forward` should not throw; if it does, the outcome counts as unknown.
   */
  submit(scope: string, id: string, target: string, forward: () => Promise<Forwarded>): Promise<SubmitReply>;
  /** Ids kept with an answer now (not counting those on their way). */
  size(): number;
  /** Bytes of the answers kept now. */
  bytes(): number;
}

interface Kept {
  target: string;
  forwarded: Forwarded;
  sentAt: number;
  expiresAt: number;
  bytes: number;
}

interface Pending {
  target: string;
  done: Promise<Forwarded>;
}

// Status, separators and the header names and values, roughly: what an answer weighs in the budget.
const ENTRY_OVERHEAD_BYTES = 256;

/** What an HTTP answer from fal to a submit tells about the job (the app reads submit answers the same way). */
export function fateOfStatus(status: number): ForwardFate {
  if (status >= 200 && status < 300) return "queued";
  // A gateway error: fal may have queued (and will bill) the job that never got its answer to us.
  if (status === 502 || status === 504) return "unknown";
  return "not-queued";
}

export function createSubmitOnce(opts: SubmitOnceOptions = {}): SubmitOnce {
  const ttlMs = opts.ttlMs ?? DEFAULT_SUBMIT_ID_TTL_MS;
  const maxEntries = opts.maxEntries ?? DEFAULT_SUBMIT_ID_MAX_ENTRIES;
  const maxBytes = opts.maxBytes ?? DEFAULT_SUBMIT_ID_MAX_BYTES;
  const now = opts.now ?? Date.now;
  // Map order is insertion order, and an id is inserted when its answer is kept: the head is the oldest.
  const kept = new Map<string, Kept>();
  const pending = new Map<string, Pending>();
  let keptBytes = 0;

  const forget = (key: string, entry: Kept) => {
    kept.delete(key);
    keptBytes -= entry.bytes;
  };

  function prune(at: number): void {
    for (const [key, entry] of kept) {
      const over = kept.size > maxEntries || keptBytes > maxBytes;
      if (!over && entry.expiresAt > at) break;
      forget(key, entry);
    }
  }

  function keep(key: string, target: string, forwarded: Forwarded, sentAt: number): void {
    const at = now();
    const { answer } = forwarded;
    const bytes = ENTRY_OVERHEAD_BYTES + key.length + target.length + answer.body.byteLength + headerBytes(answer);
    kept.set(key, { target, forwarded, sentAt, expiresAt: at + ttlMs, bytes });
    keptBytes += bytes;
    prune(at);
  }

  async function send(key: string, target: string, forward: () => Promise<Forwarded>): Promise<SubmitReply> {
    const sentAt = now();
    const done = forward().catch((e: unknown) => unknownForward(e));
    pending.set(key, { target, done });
    const forwarded = await done;
    pending.delete(key);
    if (forwarded.fate !== "not-queued") keep(key, target, forwarded, sentAt);
    return { answer: forwarded.answer, replayed: false };
  }

  async function submit(
    scope: string,
    id: string,
    target: string,
    forward: () => Promise<Forwarded>,
  ): Promise<SubmitReply> {
    const at = now();
    prune(at);
    const key = `${scope}\n${id}`;
    const onItsWay = pending.get(key);
    if (onItsWay) {
      if (onItsWay.target !== target) return { answer: conflictAnswer(id), replayed: true };
      return { answer: (await onItsWay.done).answer, replayed: true };
    }
    const earlier = kept.get(key);
    if (earlier) {
      if (earlier.target !== target) return { answer: conflictAnswer(id), replayed: true };
      const answer = earlier.forwarded.fate === "queued" ? earlier.forwarded.answer : heldAnswer(earlier);
      return { answer, replayed: true };
    }
    return send(key, target, forward);
  }

  return { submit, size: () => kept.size, bytes: () => keptBytes };
}

/** What a shipped proxy passes to createFalProxyHandler: the store, and "submit-id" said in its check. */
export function submitIdSupport(opts: SubmitOnceOptions = {}): { submitOnce: SubmitOnce; capabilities: string[] } {
  return { submitOnce: createSubmitOnce(opts), capabilities: [SUBMIT_ID_CAPABILITY] };
}

function headerBytes(answer: SubmitAnswer): number {
  return answer.headers.reduce((n, [name, value]) => n + name.length + value.length, 0);
}

const encoder = new TextEncoder();

export function jsonAnswer(status: number, body: object): SubmitAnswer {
  const headers: Array<[string, string]> = [["content-type", "application/json; charset=utf-8"]];
  return { status, headers, body: encoder.encode(JSON.stringify(body)) };
}

function unknownForward(e: unknown): Forwarded {
  const reason = messageOf(e);
  const message = `The proxy lost track of this submit (${reason}); fal may have queued it. It is not sent again.`;
  return { answer: jsonAnswer(502, { error: "submit_outcome_unknown", message }), fate: "unknown" };
}

function conflictAnswer(id: string): SubmitAnswer {
  return jsonAnswer(409, {
    error: "submit_id_conflict",
    message: `Submit id ${id} was already used at this proxy for another fal endpoint; nothing was sent.`,
  });
}

/** The answer to a request whose id's first forward ended without knowing whether fal has the job. */
function heldAnswer(entry: Kept): SubmitAnswer {
  const sent = new Date(entry.sentAt).toISOString();
  const until = new Date(entry.expiresAt).toISOString();
  return jsonAnswer(502, {
    error: "submit_outcome_unknown",
    message:
      `This proxy sent this job to fal at ${sent} and got no answer it could trust ` +
      `(HTTP ${entry.forwarded.answer.status}), ` +
      `so fal may have queued it. So that it is not paid twice, it is not sent again before ${until}: ` +
      "check your fal requests first.",
  });
}

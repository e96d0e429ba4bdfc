import { ApiError, createFalClient, type FalClient, type QueueStatus } from "@fal-ai/client";
import { requestId, type EndpointId, type RequestId } from "../../domain/ids";
import { SUBMIT_ID_HEADER, type SubmitId } from "../../domain/submit-id";
import { InferenceError } from "../../engine/errors";
import type { InferenceClient, LogLine, QueueUpdate } from "../../engine/ports";
import { toInferenceError, type ErrorContext } from "./errors";
import {
  afterFailure,
  cancelledError,
  DEFAULT_RETRY_POLICY,
  platformConnectivity,
  withRetry,
  type Connectivity,
  type RetryPolicy,
  type RetryRun,
} from "./retry";
import { guardedFetch } from "./transport";

export interface FalInferenceClientOptions {
  /** The user's fal proxy (e.g. @fal-ai/server-proxy): every fal call goes through it. */
  proxyUrl?: string;
  /** A fal key: with a proxy it is forwarded to it; without one, fal is called directly (CLI with FAL_KEY). */
  credentials?: string;
  /** Retries of status, result, upload and cancel calls. Submits are never retried. */
  retry?: Partial<RetryPolicy>;
  /** How often to poll when the status stream is unavailable. */
  pollIntervalMs?: number;
  /** Follow jobs over fal's SSE status stream first (default), falling back to polling. */
  useStatusStream?: boolean;
  /** Give up on a status stream that says nothing for this long and poll instead. */
  streamIdleMs?: number;
  /** The underlying fetch (default: the global one). */
  fetch?: typeof fetch;
  /** Online/offline knowledge (default: the browser's navigator.onLine; always online in Node). */
  connectivity?: Connectivity;
  /**
   * Whether the proxy said (in its check) that it keeps submit ids: then each submit carries its job's id in
   * x-reelflow-submit-id. Asked at every submit, as the check may change its answer. Default: no, and never
   * without a proxy: a proxy that says nothing gets requests exactly as before (an unknown header could fail
   * its CORS preflight).
   */
  sendSubmitId?: () => boolean;
}

const DEFAULT_POLL_INTERVAL_MS = 1000;
// fal's stream speaks on every change; a proxy that buffers SSE would keep it silent. Polling then.
const DEFAULT_STREAM_IDLE_MS = 20_000;

/** The stream failed or ended early: follow the job by polling instead. */
class StreamUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super("status stream unavailable");
    this.name = "StreamUnavailable";
  }
}

/**
 * The engine's InferenceClient over the real `@fal-ai/client` (queue.submit, queue.streamStatus
 * and queue.subscribeToStatus, queue.result, queue.cancel, storage.upload). Only error policy
 * is ours: which calls are retried (never a submit), how, and what the user is told.
 */
export function createFalInferenceClient(opts: FalInferenceClientOptions): InferenceClient {
  const proxyUrl = opts.proxyUrl?.trim() || undefined;
  const credentials = opts.credentials?.trim() || undefined;
  if (!proxyUrl && !credentials) {
    throw new Error("The fal client needs a proxy URL or a fal key (FAL_KEY).");
  }
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const pollInterval = opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const streamIdleMs = opts.streamIdleMs ?? DEFAULT_STREAM_IDLE_MS;
  const connectivity = opts.connectivity ?? platformConnectivity;
  const retryRun = (signal?: AbortSignal): RetryRun => ({ policy, connectivity, signal });
  const baseFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  const fal: FalClient = createFalClient({
    // `credentials` is always set (possibly undefined) so the client never picks FAL_KEY up from
    // the environment on its own: with a proxy, the key belongs to the proxy.
    credentials,
    suppressLocalCredentialsWarning: true,
    // In Node the client ignores a string proxyUrl; `when: "always"` proxies everywhere.
    ...(proxyUrl ? { proxyUrl: { url: proxyUrl, when: "always" as const } } : {}),
    fetch: guardedFetch(baseFetch),
    retry: { maxRetries: 0 },
  });

  const ctx = (phase: ErrorContext["phase"], endpoint?: string, id?: string): ErrorContext => ({
    phase,
    ...(endpoint ? { endpoint } : {}),
    ...(id ? { requestId: id } : {}),
    ...(proxyUrl ? { proxyUrl } : {}),
  });

  /** The submit's extra headers: its id, only for a proxy that said it keeps them. */
  const submitHeaders = (id: SubmitId | undefined): { headers?: Record<string, string> } =>
    id && proxyUrl && opts.sendSubmitId?.() ? { headers: { [SUBMIT_ID_HEADER]: id } } : {};

  async function submit(
    endpoint: EndpointId,
    input: Record<string, unknown>,
    signal?: AbortSignal,
    submitId?: SubmitId,
  ): Promise<RequestId> {
    if (signal?.aborted) throw cancelledError();
    let queued: { request_id?: string };
    try {
      // No abort signal on purpose: once the request is on its way, aborting would only lose the
      // request id of a job fal may bill. The caller cancels it by id instead.
      queued = await fal.queue.submit(endpoint, { input: input as never, ...submitHeaders(submitId) });
    } catch (e) {
      throw toInferenceError(e, ctx("submit", endpoint));
    }
    if (typeof queued.request_id !== "string" || !queued.request_id) {
      throw new InferenceError({
        code: "submit-unknown",
        mayHaveBeenCharged: true,
        message: `fal accepted the job for ${endpoint} but sent no request id; it may be running and billed.`,
      });
    }
    return requestId(queued.request_id);
  }

  async function watch(
    endpoint: EndpointId,
    id: RequestId,
    onUpdate: (u: QueueUpdate) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const logs: LogLine[] = [];
    let reported = 0;
    let failures = 0;
    let completed = false;

    const handle = (raw: unknown, logsAreIncremental: boolean) => {
      const s = raw as Partial<QueueStatus> & { logs?: unknown; queue_position?: unknown };
      if (!s || typeof s !== "object" || typeof s.status !== "string") return;
      failures = 0;
      const incoming = Array.isArray(s.logs) ? s.logs.filter(isLogLine).map(toLogLine) : [];
      if (logsAreIncremental) logs.push(...incoming);
      else if (incoming.length > logs.length) logs.splice(0, logs.length, ...incoming);
      const fresh = logs.slice(reported);
      reported = logs.length;
      switch (s.status) {
        case "IN_QUEUE":
          onUpdate({ status: "IN_QUEUE", position: typeof s.queue_position === "number" ? s.queue_position : null });
          break;
        case "IN_PROGRESS":
          onUpdate({ status: "IN_PROGRESS", logs: fresh });
          break;
        case "COMPLETED":
          completed = true;
          onUpdate({ status: "COMPLETED", logs: fresh });
          break;
        default:
          break;
      }
    };

    const followStream = async (): Promise<void> => {
      let stream: Awaited<ReturnType<FalClient["queue"]["streamStatus"]>>;
      try {
        stream = await fal.queue.streamStatus(endpoint, { requestId: id, logs: true });
      } catch (e) {
        throw new StreamUnavailable(e);
      }
      const onAbort = () => stream.abort();
      signal?.addEventListener("abort", onAbort, { once: true });
      // A half-open connection would leave us waiting forever: a silent stream is dropped for polling.
      let idle: ReturnType<typeof setTimeout> | undefined;
      const armIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => stream.abort(), streamIdleMs);
      };
      armIdle();
      // Each stream event carries only the log lines that are new since the last one.
      stream.on("data", (d) => {
        armIdle();
        handle(d, true);
      });
      try {
        await stream.done();
      } catch (e) {
        if (signal?.aborted) throw cancelledError();
        throw new StreamUnavailable(e);
      } finally {
        clearTimeout(idle);
        signal?.removeEventListener("abort", onAbort);
      }
      if (signal?.aborted) throw cancelledError();
      if (!completed)
        throw new StreamUnavailable(new Error("status stream ended or fell silent before the job completed"));
    };

    const poll = (): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        // The client notices an abort only at its next poll; answer the caller at once.
        const onAbort = () => reject(cancelledError());
        signal?.addEventListener("abort", onAbort, { once: true });
        fal.queue
          .subscribeToStatus(endpoint, {
            requestId: id,
            logs: true,
            mode: "polling",
            pollInterval,
            ...(signal ? { abortSignal: signal } : {}),
            onQueueUpdate: (u) => handle(u, false),
          })
          .then(() => resolve(), reject)
          .finally(() => signal?.removeEventListener("abort", onAbort));
      });

    let tryStream = opts.useStatusStream ?? true;
    for (;;) {
      if (signal?.aborted) throw cancelledError();
      try {
        if (tryStream) {
          tryStream = false;
          await followStream();
        } else {
          await poll();
        }
        return;
      } catch (e) {
        if (signal?.aborted) throw cancelledError();
        // A stream that cannot connect (e.g. 503, which the client does not retry) or breaks off
        // is not an error of the job: carry on by polling, at once.
        if (e instanceof StreamUnavailable) continue;
        const err = toInferenceError(e, ctx("status", endpoint, id));
        // `failures` is reset by every status that gets through, so a long job survives many blips.
        if ((await afterFailure(err, failures + 1, retryRun(signal))) === "again") failures += 1;
      }
    }
  }

  async function result(endpoint: EndpointId, id: RequestId, signal?: AbortSignal): Promise<unknown> {
    return withRetry(
      async (): Promise<unknown> =>
        (await fal.queue.result(endpoint, { requestId: id, ...(signal ? { abortSignal: signal } : {}) })).data,
      (e) => toInferenceError(e, ctx("result", endpoint, id)),
      retryRun(signal),
    );
  }

  async function cancel(endpoint: EndpointId, id: RequestId): Promise<"cancelled" | "already-completed" | "not-found"> {
    return withRetry(
      async () => {
        try {
          await fal.queue.cancel(endpoint, { requestId: id });
          return "cancelled" as const;
        } catch (e) {
          if (e instanceof ApiError) {
            const body = e.body as { status?: unknown } | undefined;
            if (e.status === 400 && body?.status === "ALREADY_COMPLETED") return "already-completed" as const;
            if (e.status === 404) return "not-found" as const;
          }
          throw e;
        }
      },
      (e) => toInferenceError(e, ctx("cancel", endpoint, id)),
      retryRun(),
    );
  }

  async function upload(blob: Blob): Promise<string> {
    return withRetry(
      () => fal.storage.upload(blob),
      (e) => toInferenceError(e, ctx("upload")),
      retryRun(),
    );
  }

  return { submit, watch, result, cancel, upload };
}

function isLogLine(v: unknown): v is { message: unknown; timestamp?: unknown; level?: unknown } {
  return !!v && typeof v === "object" && "message" in v;
}
function toLogLine(v: { message: unknown; timestamp?: unknown; level?: unknown }): LogLine {
  return {
    message: String(v.message),
    ...(typeof v.timestamp === "string" ? { timestamp: v.timestamp } : {}),
    ...(typeof v.level === "string" ? { level: v.level } : {}),
  };
}

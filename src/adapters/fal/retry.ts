import { InferenceError } from "../../engine/errors";

/**
 * Retries for calls that are safe to repeat (status, result, upload, cancel). A submit is
 * never passed through here: it may be billed.
 */
export interface RetryPolicy {
  /** Attempts in a row, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap on how long a Retry-After may make us wait. */
  maxRetryAfterMs: number;
  /** ± fraction of the delay, so many clients do not retry in step. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  jitter: 0.25,
};

/** Worth another try: fal was busy, broken for a moment, or unreachable. A 422 or moderation never is. */
export function isRetryable(e: InferenceError): boolean {
  return e.code === "rate-limited" || e.code === "server" || e.code === "network";
}

/** Exponential backoff with jitter; a Retry-After is a floor, not a suggestion. */
export function retryDelayMs(
  failure: number,
  policy: RetryPolicy,
  retryAfterSec?: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** failure);
  const jittered = Math.max(0, exp + exp * policy.jitter * (random() * 2 - 1));
  if (retryAfterSec === undefined) return jittered;
  return Math.min(policy.maxRetryAfterMs, Math.max(jittered, retryAfterSec * 1000));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function cancelledError(): InferenceError {
  return new InferenceError({ code: "cancelled", message: "Stopped before fal answered." });
}

/** Whether the platform knows it is offline, and a way to wait for it to come back. */
export interface Connectivity {
  isOnline(): boolean;
  whenOnline(signal?: AbortSignal): Promise<void>;
}

/**
 * The browser's view (navigator.onLine and the window's "online" event). Where there is none
 * (Node), we are always "online" and network errors simply count as failed attempts.
 */
export const platformConnectivity: Connectivity = {
  isOnline() {
    const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
    return nav?.onLine !== false;
  },
  whenOnline(signal) {
    const target = globalThis as unknown as Partial<EventTarget>;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelledError());
      if (typeof target.addEventListener !== "function" || platformConnectivity.isOnline()) return resolve();
      const done = () => {
        target.removeEventListener?.("online", done);
        signal?.removeEventListener("abort", stop);
        resolve();
      };
      const stop = () => {
        target.removeEventListener?.("online", done);
        reject(cancelledError());
      };
      target.addEventListener("online", done);
      signal?.addEventListener("abort", stop, { once: true });
    });
  },
};

export interface RetryRun {
  policy: RetryPolicy;
  connectivity: Connectivity;
  signal?: AbortSignal | undefined;
}

/**
 * What to do after a failure: throw it, or wait and go again. Being offline is not a failure
 * of the call: we wait for the network to come back without using up an attempt.
 */
export async function afterFailure(
  err: InferenceError,
  failures: number,
  run: RetryRun,
): Promise<"again" | "again-free"> {
  if (!isRetryable(err)) throw err;
  if (err.code === "network" && !run.connectivity.isOnline()) {
    await run.connectivity.whenOnline(run.signal);
    return "again-free";
  }
  if (failures >= run.policy.maxAttempts) throw err;
  await sleep(retryDelayMs(failures - 1, run.policy, err.retryAfterSec), run.signal);
  return "again";
}

export async function withRetry<T>(
  op: () => Promise<T>,
  toError: (e: unknown) => InferenceError,
  run: RetryRun,
): Promise<T> {
  let failures = 0;
  for (;;) {
    if (run.signal?.aborted) throw cancelledError();
    try {
      return await op();
    } catch (e) {
      if (run.signal?.aborted) throw cancelledError();
      const err = toError(e);
      if ((await afterFailure(err, failures + 1, run)) === "again") failures += 1;
    }
  }
}

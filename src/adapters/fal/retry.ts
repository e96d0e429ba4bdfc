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
export function retryDelayMs(failure: number, policy: RetryPolicy, retryAfterSec?: number, random: () => number = Math.random): number {
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

export async function withRetry<T>(
  op: () => Promise<T>,
  toError: (e: unknown) => InferenceError,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let failure = 0; ; failure++) {
    if (signal?.aborted) throw cancelledError();
    try {
      return await op();
    } catch (e) {
      if (signal?.aborted) throw cancelledError();
      const err = toError(e);
      if (!isRetryable(err) || failure + 1 >= policy.maxAttempts) throw err;
      await sleep(retryDelayMs(failure, policy, err.retryAfterSec), signal);
    }
  }
}

/**
 * Errors are values until the edge: the engine reports what went wrong as data, and
 * only the UI or CLI decides how to show it. Adapters throw `InferenceError` so the
 * engine can tell a charged failure from a free one without knowing about HTTP.
 */
export type ErrorCode =
  | "invalid-input" // refused before sending (our validation)
  | "validation" // fal answered 422
  | "auth" // 401/403: the proxy has no valid fal key
  | "not-found" // 404/410: endpoint gone or unknown request
  | "rate-limited" // 429
  | "server" // 5xx
  | "network" // no answer at all / offline
  | "no-proxy" // no fal proxy at the Proxy URL (a static host's 404/405/501 or page): nothing reached fal
  | "moderation" // content policy
  | "cancelled"
  | "submit-unknown" // the submit may or may not have reached fal
  | "bad-result" // fal answered but the result is unusable
  | "storage" // local storage (quota)
  | "upstream-failed" // skipped because an input failed
  | "internal";

export interface NodeError {
  code: ErrorCode;
  message: string;
  /** For 422s: the fal input field at fault. */
  field?: string;
  /** Whether fal may have billed for this attempt. */
  mayHaveBeenCharged: boolean;
  httpStatus?: number;
  /** For "bad-result": what fal sent, as kept in the job ledger (cut when its JSON is over 64 KB). */
  rawResult?: unknown;
}

export class InferenceError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly httpStatus: number | undefined;
  readonly mayHaveBeenCharged: boolean;
  /** Seconds to wait, from a Retry-After header. */
  readonly retryAfterSec: number | undefined;
  constructor(init: {
    code: ErrorCode;
    message: string;
    field?: string;
    httpStatus?: number;
    mayHaveBeenCharged?: boolean;
    retryAfterSec?: number;
  }) {
    super(init.message);
    this.name = "InferenceError";
    this.code = init.code;
    this.field = init.field;
    this.httpStatus = init.httpStatus;
    this.mayHaveBeenCharged = init.mayHaveBeenCharged ?? false;
    this.retryAfterSec = init.retryAfterSec;
  }
  toNodeError(): NodeError {
    return {
      code: this.code,
      message: this.message,
      field: this.field,
      mayHaveBeenCharged: this.mayHaveBeenCharged,
      httpStatus: this.httpStatus,
    };
  }
}

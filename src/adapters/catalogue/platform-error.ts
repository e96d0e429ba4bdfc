/**
 * The one error fal's Model and Pricing APIs give Reelflow, sorted by what the person can do about it:
 * - `no-proxy`: nothing that speaks the proxy protocol answers at the proxy URL (wrong URL, static host);
 * - `unauthorized`: no key, or fal refused it;
 * - `refused`: the proxy answers but does not forward these APIs (an older proxy, or one not built to);
 * - `unavailable`: fal (or the network to it) failed for now: 5xx, rate limits, timeouts;
 * - `bad-answer`: an answer that is not the JSON fal documents.
 */
export type PlatformErrorKind = "no-proxy" | "unauthorized" | "refused" | "unavailable" | "bad-answer";

export class FalPlatformError extends Error {
  readonly kind: PlatformErrorKind;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** fal itself answered 404 with its error record: what was asked for does not exist. */
  readonly falNotFound: boolean;
  constructor(kind: PlatformErrorKind, message: string, status?: number, falNotFound = false) {
    super(message);
    this.name = "FalPlatformError";
    this.kind = kind;
    this.status = status;
    this.falNotFound = falNotFound;
  }
}

export const isFalPlatformError = (e: unknown): e is FalPlatformError => e instanceof FalPlatformError;

import type { CatalogueSnapshot } from "../../nodes/catalogue/fal-api";
import { FalPlatformError, type PlatformErrorKind } from "./platform-error";
import { messageOf } from "../../domain/message-of";

/**
 * What the catalogue says about where its models come from, for the status line of the app and the CLI:
 * "using the bundled snapshot of 2026-12-06: fal's catalogue could not be reached (…)".
 */

/** "ok" without `checkedAt`: fal has not been asked yet. */
export type LiveState = "not-configured" | "ok" | "unreachable" | "unauthorized" | "refused";

export interface LiveStatus {
  state: LiveState;
  /** ISO time of the last answer or failure. */
  checkedAt?: string;
  message?: string;
}

export interface CatalogueStatus {
  snapshot: { date: string; origin: CatalogueSnapshot["origin"] | "none"; count: number; note: string };
  /** fal's Model API. */
  live: LiveStatus;
  /** fal's Pricing API (it may need a key the Model API does not). */
  prices: LiveStatus;
}

export function liveStateOf(kind: PlatformErrorKind): Exclude<LiveState, "ok" | "not-configured"> {
  switch (kind) {
    case "unauthorized":
      return "unauthorized";
    case "refused":
      return "refused";
    case "no-proxy":
    case "unavailable":
    case "bad-answer":
      return "unreachable";
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** A failed call as a status; anything that is not a platform error is a failure to reach fal. */
export function failedStatus(e: unknown, at: string): LiveStatus {
  if (e instanceof FalPlatformError) return { state: liveStateOf(e.kind), checkedAt: at, message: e.message };
  return { state: "unreachable", checkedAt: at, message: messageOf(e) };
}

/** Why fal's catalogue could not answer, as the end of a sentence; undefined when it answered or was never asked. */
export function liveFailure(live: LiveStatus): string | undefined {
  switch (live.state) {
    case "ok":
    case "not-configured":
      return undefined;
    case "unreachable":
      return `fal's catalogue could not be reached (${live.message ?? "no answer"})`;
    case "unauthorized":
      return `fal's catalogue refused the key (${live.message ?? "unauthorized"})`;
    case "refused":
      return live.message ?? "the proxy does not forward fal's catalogue";
    default: {
      const never: never = live.state;
      return never;
    }
  }
}

/** One sentence for the UI and the CLI, or undefined when the live catalogue answered. */
export function describeCatalogueStatus(status: CatalogueStatus): string | undefined {
  const snapshot =
    status.snapshot.origin === "none" ? "no bundled snapshot" : `the bundled snapshot of ${status.snapshot.date}`;
  if (status.live.state === "not-configured") return `using ${snapshot} (fal's live catalogue is not connected)`;
  const why = liveFailure(status.live);
  return why === undefined ? undefined : `using ${snapshot}: ${why}`;
}

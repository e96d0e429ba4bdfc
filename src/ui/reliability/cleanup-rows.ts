import type { CacheKey } from "../../domain/ids";
import type { CachedResult, Job } from "../../engine/ports";
import { durationOfResult } from "../../nodes/results";
import { findAdapter } from "../../nodes/registry";

/** One stored result as the cleanup view lists it. */
export interface CleanupRow {
  key: CacheKey;
  entry: CachedResult;
  /** Bytes kept in this browser for it (0: only the remote URL is kept). */
  bytes: number;
  createdAt: string;
  label: string;
  /** What making it again would cost today, from the model adapter's price; null when unknown. */
  regenerateUsd: number | null;
  /** How that figure was arrived at, in words. */
  regenerateBasis: string;
}

export type CleanupSort = "size" | "age";

/**
 * The rows of the cleanup view: every stored result with its size and the price of making it
 * again. The price comes from the adapter with the params the job was sent with (kept by the job
 * ledger); without them the price paid is shown, and a retired model says it cannot be remade.
 */
export function cleanupRows(
  stored: readonly { entry: CachedResult; mediaSize: number }[],
  jobs: ReadonlyMap<CacheKey, Pick<Job, "params">>,
  sort: CleanupSort,
): CleanupRow[] {
  const rows = stored.map(({ entry, mediaSize }): CleanupRow => {
    const adapter = findAdapter(entry.endpoint);
    const params = jobs.get(entry.key)?.params;
    let regenerateUsd: number | null = entry.costUsd;
    let regenerateBasis = entry.costUsd === null ? "price unknown" : "the price paid";
    if (adapter?.retired) {
      regenerateUsd = null;
      regenerateBasis = `cannot be made again: ${adapter.label} is retired${entry.costUsd === null ? "" : `; it cost $${entry.costUsd.toFixed(2)}`}`;
    } else if (adapter && params) {
      const price = adapter.price(params, { sourceDurationSec: durationOfResult(entry.result) });
      regenerateUsd = price.usd;
      regenerateBasis = price.usd === null ? "price unknown" : `${price.upperBound ? "up to, " : ""}${price.basis}`;
    }
    return {
      key: entry.key,
      entry,
      bytes: mediaSize,
      createdAt: entry.createdAt,
      label: adapter?.label ?? entry.endpoint,
      regenerateUsd,
      regenerateBasis,
    };
  });
  // Biggest first, or oldest first: the two orders in which people free space.
  return rows.sort((a, b) =>
    sort === "size"
      ? b.bytes - a.bytes || a.createdAt.localeCompare(b.createdAt)
      : a.createdAt.localeCompare(b.createdAt) || b.bytes - a.bytes,
  );
}

export function describeAge(createdAt: string, now: number): string {
  const ms = now - Date.parse(createdAt);
  if (!Number.isFinite(ms)) return "unknown age";
  const min = Math.floor(ms / 60_000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

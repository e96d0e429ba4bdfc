import type { FalModel, PriceFact } from "../../nodes/catalogue/fal-api";
import type { SnapshotIndex } from "./snapshot-index";
import type { StoredModel } from "./store";

/** fal's live answers are trusted for a day, then asked for again. */
export const DAY_MS = 24 * 60 * 60 * 1000;

export const isFresh = (fetchedAt: string, now: number): boolean => now - Date.parse(fetchedAt) < DAY_MS;

/** A model's document as Reelflow has it, and where from: the adapter's origin says it. */
export interface ModelRecord {
  model: FalModel;
  from: "snapshot" | "live";
  /** ISO time it was read (the snapshot's date for a snapshot record). */
  readAt: string;
}

export const liveRecord = (s: StoredModel): ModelRecord => ({ model: s.model, from: "live", readAt: s.fetchedAt });

/**
 * The records to use without asking fal, best first: the newer of a stored live one and the snapshot's (an old
 * live answer usually still beats an older bundled one). The other is kept as a fallback: a live answer whose
 * document fal could not make must not hide a snapshot document that works.
 */
export function localModels(live: StoredModel | undefined, snapshot: SnapshotIndex, endpoint: string): ModelRecord[] {
  const bundled = snapshot.model(endpoint);
  const fromSnapshot = bundled ? [{ model: bundled, from: "snapshot" as const, readAt: snapshot.date }] : [];
  if (!live) return fromSnapshot;
  const fromLive = [liveRecord(live)];
  const liveIsNewer = Date.parse(live.fetchedAt) >= Date.parse(snapshot.date);
  return liveIsNewer ? [...fromLive, ...fromSnapshot] : [...fromSnapshot, ...fromLive];
}

/** The newer of two price facts (a live one, when it is as new). */
export function newerPrice(live: PriceFact | undefined, bundled: PriceFact | undefined): PriceFact | undefined {
  if (!live || !bundled) return live ?? bundled;
  return Date.parse(live.fetchedAt) >= Date.parse(bundled.fetchedAt) ? live : bundled;
}

/** The date an adapter's origin shows (`YYYY-MM-DD`). */
export const dayOf = (iso: string): string => iso.slice(0, 10);

export const LIVE_PRICE_SOURCE = "fal pricing API";

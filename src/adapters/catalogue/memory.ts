import type { PriceFact } from "../../nodes/catalogue/fal-api";
import { DAY_MS } from "./records";
import type { StoredModel } from "./store";

/**
 * What one catalogue service knows beyond the bundled snapshot: fal's live answers (read from the store or just
 * fetched), when fal last answered about each endpoint (an answer that does not list it counts: fal was asked),
 * and when asking failed, so an endpoint is asked again after a day, or a few minutes after a failure, and not
 * on every plan.
 */
export class CatalogueMemory {
  readonly liveModels = new Map<string, StoredModel>();
  readonly livePrices = new Map<string, PriceFact>();
  /** Endpoints fal's live catalogue was asked for and did not list. */
  readonly removed = new Set<string>();
  private readonly modelAnsweredAt = new Map<string, number>();
  private readonly priceAnsweredAt = new Map<string, number>();
  private readonly failedAt = new Map<string, number>();
  /** Endpoints resolved at least once (from the snapshot and store, whatever fal said). */
  private readonly seen = new Set<string>();
  /** Changes whenever what the picker lists may have changed. */
  version = 0;

  constructor(private readonly retryAfterFailureMs: number) {}

  /** Keeps live models; an older record never replaces a newer one. */
  rememberModels(list: readonly StoredModel[]): void {
    for (const m of list) {
      const id = m.model.endpoint_id;
      const had = this.liveModels.get(id);
      if (had && had.fetchedAt > m.fetchedAt) continue;
      this.liveModels.set(id, m);
      this.modelAnsweredAt.set(id, Math.max(this.modelAnsweredAt.get(id) ?? 0, Date.parse(m.fetchedAt)));
      this.version++;
    }
  }

  rememberPrices(list: readonly PriceFact[]): void {
    for (const p of list) {
      const had = this.livePrices.get(p.endpoint_id);
      if (had && had.fetchedAt > p.fetchedAt) continue;
      this.livePrices.set(p.endpoint_id, p);
      const id = p.endpoint_id;
      this.priceAnsweredAt.set(id, Math.max(this.priceAnsweredAt.get(id) ?? 0, Date.parse(p.fetchedAt)));
      this.version++;
    }
  }

  modelsAnswered(ids: readonly string[], at: number): void {
    for (const id of ids) this.modelAnsweredAt.set(id, at);
  }

  pricesAnswered(ids: readonly string[], at: number): void {
    for (const id of ids) this.priceAnsweredAt.set(id, at);
  }

  failed(ids: readonly string[], at: number): void {
    for (const id of ids) this.failedAt.set(id, at);
  }

  markSeen(ids: readonly string[]): void {
    for (const id of ids) this.seen.add(id);
  }

  markRemoved(id: string): void {
    if (this.removed.has(id)) return;
    this.removed.add(id);
    this.version++;
  }

  isModelFresh(id: string, now: number): boolean {
    return now - (this.modelAnsweredAt.get(id) ?? Number.NEGATIVE_INFINITY) < DAY_MS;
  }

  isPriceFresh(id: string, now: number): boolean {
    return now - (this.priceAnsweredAt.get(id) ?? Number.NEGATIVE_INFINITY) < DAY_MS;
  }

  /**
   * Whether an endpoint needs no new look-up: resolved before, and fal asked less than a day ago (or asking
   * failed a moment ago, or there is no fal to ask). `curated`: only its price is looked up.
   */
  isSettled(id: string, curated: boolean, live: boolean, now: number): boolean {
    if (!this.seen.has(id)) return false;
    if (!live) return true;
    if (now - (this.failedAt.get(id) ?? Number.NEGATIVE_INFINITY) < this.retryAfterFailureMs) return true;
    return (curated || this.isModelFresh(id, now)) && this.isPriceFresh(id, now);
  }
}

import { isImageGenerationKind, type GenerationKind } from "../../domain/workflow";
import type { ModelCatalogue } from "../../engine/ports";
import type { CatalogueSnapshot, FalModel, PriceFact } from "../../nodes/catalogue/fal-api";
import {
  catalogueAdapter,
  catalogueAdapters,
  registerPriceFacts,
  unavailableReason,
} from "../../nodes/catalogue/known";
import { adapterFromFalModel } from "../../nodes/catalogue/schema-adapter";
import { allAdapters, curatedAdapter } from "../../nodes/registry";
import { failedStatus, type CatalogueStatus, type LiveStatus } from "./live-status";
import { CatalogueMemory } from "./memory";
import type { PlatformClient } from "./platform";
import { LIVE_PRICE_SOURCE } from "./records";
import { resolveBatch, type BatchContext, type BatchOptions, type DeriveAdapter } from "./resolve-batch";
import { createSearchIndex } from "./search-index";
import type { CatalogueEntry, CatalogueQuery } from "./search-entries";
import { emptySnapshotIndex, indexSnapshot, mergedSnapshotIndex, type SnapshotIndex } from "./snapshot-index";
import type { CatalogueStore } from "./store";
import { messageOf } from "../../domain/message-of";

/**
 * The model catalogue of the app and the CLI: the engine's `ModelCatalogue` port (make the models a workflow
 * names known before planning), the list behind the model picker and `reelflow models`, and the status line
 * that says where models come from. Curated adapters always win; then the live catalogue's answers younger
 * than a day, the bundled snapshot, and fal's Model and Pricing APIs (through `platform`) for the rest.
 */

export interface ModelCatalogueOptions {
  /** fal's Model and Pricing APIs; absent (demo mode, no proxy or key): the snapshot alone. */
  platform?: PlatformClient;
  store: CatalogueStore;
  /** The bundled snapshot: its video models, or the whole of it when `imageSnapshot` is absent. */
  snapshot: () => Promise<CatalogueSnapshot>;
  /**
   * The snapshot's image models, loaded only when they are needed (a picker of an image kind, an id not in the
   * parts loaded so far), so a user who only makes videos never downloads them.
   */
  imageSnapshot?: () => Promise<CatalogueSnapshot>;
  now?: () => number;
  derive?: DeriveAdapter;
  /** After a failed look-up, an endpoint is asked again after this long (default 5 min); `refresh` asks at once. */
  retryAfterFailureMs?: number;
}

export interface CatalogueService extends ModelCatalogue {
  /**
   * Loads the snapshot part of `kind` (every part without one) and the stored live answers, so `search` of that
   * kind and `status` have them.
   */
  ready(kind?: GenerationKind): Promise<void>;
  /**
   * Models for the picker: curated first, then snapshot and live ones; synchronous, for every keystroke. It
   * lists the snapshot parts loaded so far (`ready(kind)` first).
   */
  search(q?: CatalogueQuery): CatalogueEntry[];
  /** Searches fal's live catalogue (active models) by words and category; [] without a live catalogue. */
  searchLive(query: string, category?: string, signal?: AbortSignal): Promise<CatalogueEntry[]>;
  status(): CatalogueStatus;
  /**
   * Asks fal again now for these endpoints (default: every curated one and every one resolved so far), their
   * prices, and the documents of curated ones too (kept in the store to compare with the curated adapters).
   */
  refresh(endpoints?: readonly string[]): Promise<void>;
}

const DEFAULT_RETRY_AFTER_FAILURE_MS = 5 * 60 * 1000;

export function createModelCatalogue(opts: ModelCatalogueOptions): CatalogueService {
  const now = opts.now ?? Date.now;
  const platform = opts.platform;
  const memory = new CatalogueMemory(opts.retryAfterFailureMs ?? DEFAULT_RETRY_AFTER_FAILURE_MS);
  let live: LiveStatus = platform ? { state: "ok" } : { state: "not-configured" };
  let prices: LiveStatus = platform ? { state: "ok" } : { state: "not-configured" };
  let snapshot: SnapshotIndex | undefined;
  const inflight = new Map<string, Promise<void>>();
  const loading = once(() => loadAll(opts, memory).then((s) => void (snapshot = s)));
  /** The image part joins the index once; what it added (none without an image loader). */
  const loadingImages = once(async (): Promise<readonly FalModel[]> => {
    await loading();
    if (!opts.imageSnapshot) return [];
    const images = await indexedSnapshot(opts.imageSnapshot);
    snapshot = mergedSnapshotIndex(snapshot!, images);
    return images.models;
  });
  /** Not curated and in none of the parts loaded so far: the image part may know it. */
  const unseen = (id: string) => curatedAdapter(id) === undefined && snapshot?.model(id) === undefined;

  const context = (s: SnapshotIndex): BatchContext => ({
    platform,
    store: opts.store,
    snapshot: s,
    memory,
    derive: opts.derive ?? adapterFromFalModel,
    now,
    reportLive: (s) => void (live = s),
    reportPrices: (s) => void (prices = s),
  });

  /** One batch for the ids; every caller asking for one of them meanwhile waits for the same batch. */
  const startBatch = (ids: string[], batch: BatchOptions): Promise<void> => {
    const job = loading()
      .then(() => (ids.some(unseen) ? loadingImages() : undefined))
      .then(() => resolveBatch(context(snapshot!), ids, batch))
      .catch(() => undefined)
      .finally(() => {
        for (const id of ids) if (inflight.get(id) === job) inflight.delete(id);
      });
    for (const id of ids) inflight.set(id, job);
    return job;
  };

  const isSettled = (id: string) => {
    const curated = curatedAdapter(id) !== undefined;
    const known = curated || catalogueAdapter(id) !== undefined || unavailableReason(id) !== undefined;
    return known && memory.isSettled(id, curated, platform !== undefined, now());
  };

  const index = createSearchIndex(memory, () => snapshot);
  const readyVideo = once(async () => {
    await loading();
    await index.warm([...(snapshot?.models ?? []), ...[...memory.liveModels.values()].map((m) => m.model)]);
  });
  const readyAll = once(async () => {
    await readyVideo();
    await index.warm(await loadingImages());
  });
  const ready = (kind?: GenerationKind) =>
    kind !== undefined && !isImageGenerationKind(kind) ? readyVideo() : readyAll();
  const stamp = () => new Date(now()).toISOString();

  return {
    async ensure(endpoints, signal) {
      const waits = new Set<Promise<void>>();
      const fresh: string[] = [];
      for (const id of new Set<string>(endpoints)) {
        const pending = inflight.get(id);
        if (pending) waits.add(pending);
        else if (!isSettled(id)) fresh.push(id);
      }
      if (fresh.length > 0) waits.add(startBatch(fresh, { force: false }));
      await untilAborted(Promise.all(waits), signal);
    },
    ready,
    search: (q) => index.search(q),
    async searchLive(query, category, signal) {
      if (!platform) return [];
      await loading();
      const found = await searchFal(platform, { query, category }, signal).catch((e: unknown) => {
        live = failedStatus(e, stamp());
        throw e;
      });
      live = { state: "ok", checkedAt: stamp() };
      const facts = await pricesOf(platform, found, stamp(), signal).catch((e: unknown) => {
        prices = failedStatus(e, stamp());
        return [];
      });
      memory.rememberPrices(facts);
      registerPriceFacts(facts);
      void opts.store.putPrices(facts).catch(() => undefined);
      return index.liveRows(found, facts, stamp());
    },
    status: () => ({ snapshot: snapshotStatus(snapshot), live, prices }),
    async refresh(endpoints) {
      await loadingImages();
      const known = () => [...allAdapters(), ...catalogueAdapters()].map((a) => a.endpoint);
      await startBatch([...new Set<string>(endpoints ?? known())], { force: true, curatedDocuments: true });
    },
  };
}

async function loadAll(opts: ModelCatalogueOptions, memory: CatalogueMemory): Promise<SnapshotIndex> {
  const [snapshot, models, prices] = await Promise.all([
    indexedSnapshot(opts.snapshot),
    opts.store.allModels().catch(() => []),
    opts.store.allPrices().catch(() => []),
  ]);
  memory.rememberModels(models);
  memory.rememberPrices(prices);
  return snapshot;
}

/** A part of the snapshot indexed; one that cannot be loaded stands as an empty one saying why. */
function indexedSnapshot(load: () => Promise<CatalogueSnapshot>): Promise<SnapshotIndex> {
  return load().then(indexSnapshot, (e: unknown) => emptySnapshotIndex(messageOf(e)));
}

function snapshotStatus(s: SnapshotIndex | undefined): CatalogueStatus["snapshot"] {
  if (!s) return { date: "", origin: "none", count: 0, note: "not loaded yet" };
  return { date: s.date, origin: s.origin, count: s.count, note: s.note };
}

async function searchFal(
  platform: PlatformClient,
  q: { query: string; category?: string },
  signal?: AbortSignal,
): Promise<FalModel[]> {
  const page = await platform.models({ query: q.query, category: q.category, status: "active", limit: 50 }, signal);
  return page.models;
}

async function pricesOf(
  platform: PlatformClient,
  models: readonly FalModel[],
  fetchedAt: string,
  signal?: AbortSignal,
): Promise<PriceFact[]> {
  if (models.length === 0) return [];
  const rows = await platform.prices(
    models.map((m) => m.endpoint_id),
    signal,
  );
  return rows.map((p) => ({ ...p, source: LIVE_PRICE_SOURCE, fetchedAt }));
}

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The caller's own abort reason, kept as is (the DOM's default is an AbortError DOMException). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException("This operation was aborted", "AbortError");
}

export type { CatalogueEntry, CatalogueQuery } from "./search-entries";
export type { CatalogueStatus, LiveStatus } from "./live-status";

import type { ModelCatalogue } from "../../engine/ports";
import type { CatalogueSnapshot, FalModel, PriceFact } from "../../nodes/catalogue/fal-api";
import { catalogueAdapter, catalogueAdapters, catalogueVersion, priceFactOf, registerPriceFacts, unavailableReason } from "../../nodes/catalogue/known";
import { modelKindOf } from "../../nodes/catalogue/model-kind";
import { adapterFromFalModel } from "../../nodes/catalogue/schema-adapter";
import { allAdapters, curatedAdapter } from "../../nodes/registry";
import type { GenerationKind } from "../../domain/workflow";
import { failedStatus, type CatalogueStatus, type LiveStatus } from "./live-status";
import { CatalogueMemory } from "./memory";
import type { PlatformClient } from "./platform";
import { LIVE_PRICE_SOURCE, liveRecord, newerPrice, type ModelRecord } from "./records";
import { resolveBatch, type BatchContext, type DeriveAdapter } from "./resolve-batch";
import {
  curatedEntry,
  filterEntries,
  indexEntry,
  schemaEntry,
  type CatalogueEntry,
  type CatalogueQuery,
  type IndexedEntry,
  type SchemaModelFacts,
} from "./search-entries";
import { emptySnapshotIndex, indexSnapshot, type SnapshotIndex } from "./snapshot-index";
import type { CatalogueStore } from "./store";

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
  snapshot: () => Promise<CatalogueSnapshot>;
  now?: () => number;
  derive?: DeriveAdapter;
  /** After a failed look-up, an endpoint is asked again after this long (default 5 min); `refresh` asks at once. */
  retryAfterFailureMs?: number;
}

export interface CatalogueService extends ModelCatalogue {
  /** Loads the snapshot and the stored live answers, so `search` and `status` have them. */
  ready(): Promise<void>;
  /** Models for the picker: curated first, then snapshot and live ones; synchronous, for every keystroke. */
  search(q?: CatalogueQuery): CatalogueEntry[];
  /** Searches fal's live catalogue (active models) by words and category; [] without a live catalogue. */
  searchLive(query: string, category?: string, signal?: AbortSignal): Promise<CatalogueEntry[]>;
  status(): CatalogueStatus;
  /** Asks fal again now for these endpoints (default: every curated one and every one resolved so far). */
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
  const startBatch = (ids: string[], force: boolean): Promise<void> => {
    const job = loading()
      .then(() => resolveBatch(context(snapshot!), ids, force))
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

  const kinds = kindCache();
  const search = searchIndex(memory, () => snapshot, kinds.of);
  const ready = once(async () => {
    await loading();
    await kinds.warm([...(snapshot?.models ?? []), ...[...memory.liveModels.values()].map((m) => m.model)]);
  });

  return {
    async ensure(endpoints, signal) {
      const waits = new Set<Promise<void>>();
      const fresh: string[] = [];
      for (const id of new Set<string>(endpoints)) {
        const pending = inflight.get(id);
        if (pending) waits.add(pending);
        else if (!isSettled(id)) fresh.push(id);
      }
      if (fresh.length > 0) waits.add(startBatch(fresh, false));
      await untilAborted(Promise.all(waits), signal);
    },
    ready,
    search,
    async searchLive(query, category, signal) {
      if (!platform) return [];
      await loading();
      const found = await searchFal(platform, { query, category }, signal).catch((e: unknown) => {
        live = failedStatus(e, new Date(now()).toISOString());
        throw e;
      });
      live = { state: "ok", checkedAt: new Date(now()).toISOString() };
      const facts = await pricesOf(platform, found, now(), signal).catch((e: unknown) => {
        prices = failedStatus(e, new Date(now()).toISOString());
        return [];
      });
      memory.rememberPrices(facts);
      registerPriceFacts(facts);
      void opts.store.putPrices(facts).catch(() => undefined);
      return liveEntries(found, facts, now());
    },
    status: () => ({ snapshot: snapshotStatus(snapshot), live, prices }),
    async refresh(endpoints) {
      await loading();
      const ids = endpoints ?? [...allAdapters().map((a) => a.endpoint), ...catalogueAdapters().map((a) => a.endpoint)];
      await startBatch([...new Set<string>(ids)], true);
    },
  };
}

async function loadAll(opts: ModelCatalogueOptions, memory: CatalogueMemory): Promise<SnapshotIndex> {
  const [snapshot, models, prices] = await Promise.all([
    opts.snapshot().then(indexSnapshot, (e: unknown) => emptySnapshotIndex(e instanceof Error ? e.message : String(e))),
    opts.store.allModels().catch(() => []),
    opts.store.allPrices().catch(() => []),
  ]);
  memory.rememberModels(models);
  memory.rememberPrices(prices);
  return snapshot;
}

function snapshotStatus(s: SnapshotIndex | undefined): CatalogueStatus["snapshot"] {
  if (!s) return { date: "", origin: "none", count: 0, note: "not loaded yet" };
  return { date: s.date, origin: s.origin, count: s.count, note: s.note };
}

/**
 * `search` over an index rebuilt only when something it shows changed (a model registered, a live answer
 * stored); a keystroke filters the prepared rows.
 */
function searchIndex(
  memory: CatalogueMemory,
  snapshot: () => SnapshotIndex | undefined,
  kindOf: (m: FalModel) => GenerationKind | undefined,
) {
  let builtFor = "";
  let rows: IndexedEntry[] = [];
  const entries = entryCache();
  return (q: CatalogueQuery = {}): CatalogueEntry[] => {
    const s = snapshot();
    const key = `${catalogueVersion()}:${memory.version}:${s ? "s" : "-"}`;
    if (key !== builtFor) {
      rows = buildRows(entries, memory, s, kindOf).map(indexEntry);
      builtFor = key;
    }
    return filterEntries(rows, q);
  };
}

type EntryCache = ReturnType<typeof entryCache>;

/** A model's row is made again only when what it shows changed (its record, adapter, price, kind or removal). */
function entryCache() {
  const made = new Map<string, { facts: SchemaModelFacts; entry: CatalogueEntry | undefined }>();
  const same = (a: SchemaModelFacts, b: SchemaModelFacts) =>
    a.record.model === b.record.model &&
    a.record.readAt === b.record.readAt &&
    a.adapter === b.adapter &&
    a.price === b.price &&
    a.kind === b.kind &&
    a.removed === b.removed;
  return {
    entry(facts: SchemaModelFacts): CatalogueEntry | undefined {
      const id = facts.record.model.endpoint_id;
      const had = made.get(id);
      if (had && same(had.facts, facts)) return had.entry;
      const entry = schemaEntry(facts);
      made.set(id, { facts, entry });
      return entry;
    },
  };
}

/** "Wan 2.10" after "Wan 2.9". */
const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function buildRows(
  rows: EntryCache,
  memory: CatalogueMemory,
  snapshot: SnapshotIndex | undefined,
  kindOf: (m: FalModel) => GenerationKind | undefined,
): CatalogueEntry[] {
  const curated = allAdapters().map(curatedEntry);
  const ids = new Set([...(snapshot?.models ?? []).map((m) => m.endpoint_id), ...memory.liveModels.keys()]);
  const schema: CatalogueEntry[] = [];
  for (const id of ids) {
    if (curatedAdapter(id) !== undefined) continue;
    const chosen = chosenRecord(memory, snapshot, id);
    if (!chosen) continue;
    const price = priceFactOf(id) ?? newerPrice(memory.livePrices.get(id), snapshot?.price(id));
    const adapter = catalogueAdapter(id);
    const entry = rows.entry({ record: chosen, adapter, price, kind: kindOf(chosen.model), removed: memory.removed.has(id) });
    if (entry) schema.push(entry);
  }
  schema.sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.endpoint, b.endpoint));
  return [...curated, ...schema];
}

/** A live answer wins over the snapshot, however old: it is what fal said last. */
function chosenRecord(memory: CatalogueMemory, snapshot: SnapshotIndex | undefined, id: string): ModelRecord | undefined {
  const stored = memory.liveModels.get(id);
  if (stored) return liveRecord(stored);
  const bundled = snapshot?.model(id);
  return bundled && snapshot ? { model: bundled, from: "snapshot", readAt: snapshot.date } : undefined;
}

async function searchFal(platform: PlatformClient, q: { query: string; category?: string }, signal?: AbortSignal): Promise<FalModel[]> {
  const page = await platform.models({ query: q.query, category: q.category, status: "active", limit: 50 }, signal);
  return page.models;
}

async function pricesOf(platform: PlatformClient, models: readonly FalModel[], at: number, signal?: AbortSignal): Promise<PriceFact[]> {
  if (models.length === 0) return [];
  const rows = await platform.prices(models.map((m) => m.endpoint_id), signal);
  const fetchedAt = new Date(at).toISOString();
  return rows.map((p) => ({ ...p, source: LIVE_PRICE_SOURCE, fetchedAt }));
}

function liveEntries(models: readonly FalModel[], facts: readonly PriceFact[], at: number): CatalogueEntry[] {
  const priceOf = new Map(facts.map((f) => [f.endpoint_id, f]));
  const readAt = new Date(at).toISOString();
  return models.flatMap((model) => {
    const curated = curatedAdapter(model.endpoint_id);
    if (curated) return [curatedEntry(curated)];
    const found = modelKindOf(model);
    const entry = schemaEntry({
      record: { model, from: "live", readAt },
      adapter: catalogueAdapter(model.endpoint_id),
      price: priceOf.get(model.endpoint_id),
      kind: found.ok ? found.kind : undefined,
      removed: false,
    });
    return entry ? [entry] : [];
  });
}

/**
 * The node kind of each model, worked out from its schema once (about a quarter of a millisecond each: 500 of
 * them would be one long task, so `warm` does them in slices between which the page can paint).
 */
function kindCache() {
  const kinds = new WeakMap<FalModel, GenerationKind | undefined>();
  const of = (model: FalModel): GenerationKind | undefined => {
    if (!kinds.has(model)) {
      const found = modelKindOf(model);
      kinds.set(model, found.ok ? found.kind : undefined);
    }
    return kinds.get(model);
  };
  const warm = async (models: readonly FalModel[]) => {
    for (let i = 0; i < models.length; i += KINDS_PER_SLICE) {
      for (const m of models.slice(i, i + KINDS_PER_SLICE)) of(m);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { of, warm };
}

const KINDS_PER_SLICE = 40;

function once<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export type { CatalogueEntry, CatalogueQuery } from "./search-entries";
export type { CatalogueStatus, LiveStatus } from "./live-status";

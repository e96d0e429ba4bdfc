import type { FalModel, FalPrice, PriceFact } from "../../nodes/catalogue/fal-api";
import {
  catalogueAdapter,
  markUnavailable,
  registerCatalogueAdapters,
  registerPriceFacts,
} from "../../nodes/catalogue/known";
import { curatedAdapter } from "../../nodes/registry";
import type { ModelAdapter } from "../../nodes/types";
import { failedStatus, type LiveStatus } from "./live-status";
import type { CatalogueMemory } from "./memory";
import type { PlatformClient } from "./platform";
import { dayOf, LIVE_PRICE_SOURCE, liveRecord, localModels, newerPrice, type ModelRecord } from "./records";
import type { SnapshotIndex } from "./snapshot-index";
import type { CatalogueStore, StoredModel } from "./store";
import { messageOf } from "../../domain/message-of";

/**
 * One look-up of a set of endpoints: curated → snapshot → live. What the snapshot and the store hold is
 * registered first; then fal is asked (one batched call to each API) for the models and prices that are
 * missing or older than a day, and what it answers replaces them. Never throws: an endpoint that cannot be
 * had is marked unavailable with the reason.
 */

/** Derives an adapter from fal's record (src/nodes/catalogue/schema-adapter.ts `adapterFromFalModel`). */
export type DeriveAdapter = (
  model: FalModel,
  price: PriceFact | undefined,
  from: "snapshot" | "live",
  date: string,
) => { ok: true; adapter: ModelAdapter } | { ok: false; reason: string };

export interface BatchContext {
  platform: PlatformClient | undefined;
  store: CatalogueStore;
  snapshot: SnapshotIndex;
  memory: CatalogueMemory;
  derive: DeriveAdapter;
  now(): number;
  /** Reports how fal's Model API and Pricing API answered. */
  reportLive(status: LiveStatus): void;
  reportPrices(status: LiveStatus): void;
}

export interface BatchOptions {
  /** Ask fal even for what it answered less than a day ago (refresh). */
  force: boolean;
  /**
   * Also fetch and keep the documents of curated endpoints (never made into adapters: curated ones win), so a
   * curated adapter whose fields differ from fal's can be flagged. Only on an explicit refresh.
   */
  curatedDocuments?: boolean;
}

export async function resolveBatch(ctx: BatchContext, ids: readonly string[], opts: BatchOptions): Promise<void> {
  const { force } = opts;
  const schemaIds = ids.filter((id) => curatedAdapter(id) === undefined);
  await readStore(ctx, schemaIds, ids);
  const local = new Map<string, ModelRecord[]>();
  for (const id of schemaIds) {
    const records = localModels(ctx.memory.liveModels.get(id), ctx.snapshot, id);
    if (records.length > 0) local.set(id, records);
  }
  registerPriceFacts(ids.flatMap((id) => bestPrice(ctx, id) ?? []));
  for (const [id, records] of local) registerDerived(ctx, id, records);
  ctx.memory.markSeen(ids);
  if (!ctx.platform) {
    for (const id of schemaIds) if (!local.has(id)) markUnavailable(id, notConnected(id, ctx.snapshot));
    return;
  }
  const now = ctx.now();
  const documentsOf = opts.curatedDocuments ? ids : schemaIds;
  const askModels = documentsOf.filter((id) => force || !ctx.memory.isModelFresh(id, now));
  const askPrices = ids.filter((id) => force || !ctx.memory.isPriceFresh(id, now));
  await askLive(ctx, ctx.platform, { askModels, askPrices, local });
}

/** The store may hold answers another tab or CLI run fetched since this service started. */
async function readStore(ctx: BatchContext, schemaIds: readonly string[], ids: readonly string[]): Promise<void> {
  const [models, prices] = await Promise.all([
    schemaIds.length > 0 ? ctx.store.getModels(schemaIds).catch(() => []) : [],
    ctx.store.getPrices(ids).catch(() => []),
  ]);
  ctx.memory.rememberModels(models);
  ctx.memory.rememberPrices(prices);
}

/** A live price younger than a day, else the newer of an older live one and the snapshot's. */
function bestPrice(ctx: BatchContext, id: string): PriceFact | undefined {
  const live = ctx.memory.livePrices.get(id);
  if (live && ctx.memory.isPriceFresh(id, ctx.now())) return live;
  return newerPrice(live, ctx.snapshot.price(id));
}

/**
 * Registers the adapter of the first record that derives (replacing one from an older record); when none does,
 * the first one's reason is the endpoint's.
 */
function registerDerived(ctx: BatchContext, id: string, records: readonly ModelRecord[]): void {
  const price = bestPrice(ctx, id);
  let firstFailure: string | undefined;
  for (const record of records) {
    const result = safeDerive(ctx, record, price);
    if (result.ok) return registerCatalogueAdapters([result.adapter]);
    firstFailure ??= result.reason;
  }
  if (firstFailure !== undefined) markUnavailable(id, firstFailure);
}

function safeDerive(ctx: BatchContext, record: ModelRecord, price: PriceFact | undefined): ReturnType<DeriveAdapter> {
  try {
    return ctx.derive(record.model, price, record.from, dayOf(record.readAt));
  } catch (e) {
    const why = messageOf(e);
    return { ok: false, reason: `Reelflow could not read fal's schema of ${record.model.endpoint_id} (${why})` };
  }
}

interface LiveAsk {
  askModels: readonly string[];
  askPrices: readonly string[];
  local: ReadonlyMap<string, readonly ModelRecord[]>;
}

async function askLive(ctx: BatchContext, platform: PlatformClient, ask: LiveAsk): Promise<void> {
  if (ask.askModels.length === 0 && ask.askPrices.length === 0) return;
  const at = ctx.now();
  const [models, prices] = await Promise.allSettled([
    ask.askModels.length > 0 ? platform.models({ endpointIds: ask.askModels, expandOpenapi: true }) : undefined,
    ask.askPrices.length > 0 ? platform.prices(ask.askPrices) : undefined,
  ]);
  const repriced = ask.askPrices.length > 0 && takePrices(ctx, ask.askPrices, prices, at);
  if (ask.askModels.length > 0) {
    if (models.status === "fulfilled") takeModels(ctx, ask, models.value?.models ?? [], at);
    else modelsFailed(ctx, ask, models.reason, at);
  }
  // A new price changes the adapter of a model whose document was not asked for again.
  if (repriced) {
    for (const [id, records] of ask.local) if (!ask.askModels.includes(id)) registerDerived(ctx, id, records);
  }
}

/** Returns whether fal answered. */
function takePrices(
  ctx: BatchContext,
  asked: readonly string[],
  answer: PromiseSettledResult<FalPrice[] | undefined>,
  at: number,
): boolean {
  const when = new Date(at).toISOString();
  if (answer.status === "rejected") {
    ctx.memory.failed(asked, at);
    ctx.reportPrices(failedStatus(answer.reason, when));
    return false;
  }
  const facts: PriceFact[] = (answer.value ?? []).map((p) => ({ ...p, source: LIVE_PRICE_SOURCE, fetchedAt: when }));
  ctx.memory.rememberPrices(facts);
  ctx.memory.pricesAnswered(asked, at);
  registerPriceFacts(facts);
  void ctx.store.putPrices(facts).catch(() => undefined);
  ctx.reportPrices({ state: "ok", checkedAt: when });
  return true;
}

function takeModels(ctx: BatchContext, ask: LiveAsk, answered: readonly FalModel[], at: number): void {
  const when = new Date(at).toISOString();
  const wanted = new Set(ask.askModels);
  const stored: StoredModel[] = answered
    .filter((m) => wanted.has(m.endpoint_id))
    .map((model) => ({ model, fetchedAt: when }));
  ctx.memory.rememberModels(stored);
  ctx.memory.modelsAnswered(ask.askModels, at);
  void ctx.store.putModels(stored).catch(() => undefined);
  ctx.reportLive({ state: "ok", checkedAt: when });
  const isSchemaModel = (id: string) => curatedAdapter(id) === undefined;
  // A live document that does not derive leaves the adapter already registered (snapshot) in place.
  for (const s of stored) {
    if (isSchemaModel(s.model.endpoint_id)) registerDerived(ctx, s.model.endpoint_id, [liveRecord(s)]);
  }
  const listed = new Set(stored.map((s) => s.model.endpoint_id));
  for (const id of ask.askModels) {
    if (listed.has(id) || !isSchemaModel(id)) continue;
    // A model fal no longer lists keeps its snapshot adapter (old files still open) and shows as deprecated.
    if (ask.local.has(id)) ctx.memory.markRemoved(id);
    else markUnavailable(id, `fal's catalogue has no model ${id}: check the endpoint id on fal.ai/models`);
  }
}

function modelsFailed(ctx: BatchContext, ask: LiveAsk, error: unknown, at: number): void {
  const status = failedStatus(error, new Date(at).toISOString());
  ctx.memory.failed(ask.askModels, at);
  ctx.reportLive(status);
  for (const id of ask.askModels) {
    if (catalogueAdapter(id) !== undefined || curatedAdapter(id) !== undefined) continue;
    const why = status.message ?? "no answer";
    markUnavailable(id, `${notInSnapshot(id, ctx.snapshot)} and fal's catalogue could not be reached: ${why}`);
  }
}

const notInSnapshot = (id: string, snapshot: SnapshotIndex) =>
  snapshot.origin === "none"
    ? `${id} is not known here (no bundled snapshot)`
    : `${id} is not in the bundled snapshot (${snapshot.date})`;

const notConnected = (id: string, snapshot: SnapshotIndex) =>
  `${notInSnapshot(id, snapshot)} and fal's live catalogue is not connected here ` +
  "(use a fal proxy or a fal key to look it up)";

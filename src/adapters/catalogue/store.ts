import type { FalModel, PriceFact } from "../../nodes/catalogue/fal-api";

/**
 * Where live answers of fal's catalogue are kept between runs, each with the time it was fetched, so a model or
 * price younger than a day is not asked for again: IndexedDB in the app (./store-idb.ts), one JSON file in the
 * CLI's cache folder (./store-fs.ts), memory in tests and demo mode (below). Only live answers are stored; the
 * bundled snapshot is in the code. Prices are `PriceFact`s, which carry their own `fetchedAt`.
 */
export interface StoredModel {
  model: FalModel;
  /** ISO time the Model API answered it. */
  fetchedAt: string;
}

export interface CatalogueStore {
  getModels(endpointIds: readonly string[]): Promise<StoredModel[]>;
  /** Adds or replaces, by `model.endpoint_id`. */
  putModels(list: readonly StoredModel[]): Promise<void>;
  getPrices(endpointIds: readonly string[]): Promise<PriceFact[]>;
  /** Adds or replaces, by `endpoint_id`. */
  putPrices(list: readonly PriceFact[]): Promise<void>;
  allModels(): Promise<StoredModel[]>;
  allPrices(): Promise<PriceFact[]>;
}

/** A store that lives as long as the process (tests, demo mode, a CLI run without a cache folder). */
export function createMemoryCatalogueStore(): CatalogueStore {
  const models = new Map<string, StoredModel>();
  const prices = new Map<string, PriceFact>();
  const pick = <T>(map: Map<string, T>, ids: readonly string[]) =>
    ids.flatMap((id) => {
      const v = map.get(id);
      return v === undefined ? [] : [structuredClone(v)];
    });
  return {
    getModels: async (ids) => pick(models, ids),
    putModels: async (list) => {
      for (const m of list) models.set(m.model.endpoint_id, structuredClone(m));
    },
    getPrices: async (ids) => pick(prices, ids),
    putPrices: async (list) => {
      for (const p of list) prices.set(p.endpoint_id, structuredClone(p));
    },
    allModels: async () => pick(models, [...models.keys()]),
    allPrices: async () => pick(prices, [...prices.keys()]),
  };
}

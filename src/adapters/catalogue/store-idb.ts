import { Dexie, type EntityTable } from "dexie";
import type { FalModel, PriceFact } from "../../nodes/catalogue/fal-api";
import type { CatalogueStore, StoredModel } from "./store";

/**
 * The app's catalogue cache in its own IndexedDB database, "reelflow-catalogue": fal's live answers are a
 * cache that can be thrown away at any time, so they stay out of the app's main database (src/adapters/db)
 * and its versioned schema. Loaded with the catalogue code, on demand.
 */

export const CATALOGUE_DB_NAME = "reelflow-catalogue";

interface ModelRow {
  endpointId: string;
  model: FalModel;
  fetchedAt: string;
}

interface PriceRow {
  endpointId: string;
  fact: PriceFact;
}

export type CatalogueDb = Dexie & {
  models: EntityTable<ModelRow, "endpointId">;
  prices: EntityTable<PriceRow, "endpointId">;
};

/** Tests pass their own name and an IndexedDB implementation (fake-indexeddb). */
export function openCatalogueDb(
  name: string = CATALOGUE_DB_NAME,
  idb?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
): CatalogueDb {
  const db = (idb ? new Dexie(name, idb) : new Dexie(name)) as CatalogueDb;
  db.version(1).stores({ models: "endpointId", prices: "endpointId" });
  return db;
}

export function createIdbCatalogueStore(db: CatalogueDb = openCatalogueDb()): CatalogueStore {
  const present = <T>(rows: (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined);
  const toStored = (r: ModelRow): StoredModel => ({ model: r.model, fetchedAt: r.fetchedAt });
  return {
    getModels: async (ids) => present(await db.models.bulkGet([...ids])).map(toStored),
    putModels: async (list) => {
      const rows = list.map((m) => ({ endpointId: m.model.endpoint_id, model: m.model, fetchedAt: m.fetchedAt }));
      await db.models.bulkPut(rows);
    },
    getPrices: async (ids) => present(await db.prices.bulkGet([...ids])).map((r) => r.fact),
    putPrices: async (list) => {
      await db.prices.bulkPut(list.map((fact) => ({ endpointId: fact.endpoint_id, fact })));
    },
    allModels: async () => (await db.models.toArray()).map(toStored),
    allPrices: async () => (await db.prices.toArray()).map((r) => r.fact),
  };
}

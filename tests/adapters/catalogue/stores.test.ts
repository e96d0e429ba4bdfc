import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMemoryCatalogueStore, type CatalogueStore } from "../../../src/adapters/catalogue/store";
import { CATALOGUE_CACHE_FILE, createFsCatalogueStore } from "../../../src/adapters/catalogue/store-fs";
import {
  CATALOGUE_DB_NAME,
  createIdbCatalogueStore,
  openCatalogueDb,
  type CatalogueDb,
} from "../../../src/adapters/catalogue/store-idb";
import { falModel, LTX, priceFact, WAN } from "./fixtures";

// Each store keeps fal's live answers with the time they were fetched, and gives them back as they were.

const AT = "2026-12-10T12:00:00.000Z";
const LATER = "2026-12-11T12:00:00.000Z";

/** The same round trip for every store. */
function roundTrips(open: () => Promise<{ store: CatalogueStore; reopen: () => Promise<CatalogueStore> }>) {
  it("gives back models and prices as stored, with their times, by id", async () => {
    const { store, reopen } = await open();
    expect(await store.getModels([WAN])).toEqual([]);
    await store.putModels([
      { model: falModel(WAN, "Wan"), fetchedAt: AT },
      { model: falModel(LTX, "LTX"), fetchedAt: AT },
    ]);
    await store.putPrices([priceFact(WAN, 0.1, AT, "fal pricing API")]);
    const again = await reopen();
    expect(await again.getModels([LTX, "nobody/else"])).toEqual([{ model: falModel(LTX, "LTX"), fetchedAt: AT }]);
    expect(await again.getPrices([WAN, LTX])).toEqual([priceFact(WAN, 0.1, AT, "fal pricing API")]);
    expect((await again.allModels()).map((m) => m.model.endpoint_id).sort()).toEqual([LTX, WAN].sort());
    expect(await again.allPrices()).toHaveLength(1);
  });

  it("replaces a record by endpoint id", async () => {
    const { store, reopen } = await open();
    await store.putModels([{ model: falModel(WAN, "Wan"), fetchedAt: AT }]);
    await store.putModels([{ model: falModel(WAN, "Wan 2"), fetchedAt: LATER }]);
    await store.putPrices([priceFact(WAN, 0.1, AT)]);
    await store.putPrices([priceFact(WAN, 0.12, LATER)]);
    const again = await reopen();
    expect(await again.allModels()).toEqual([{ model: falModel(WAN, "Wan 2"), fetchedAt: LATER }]);
    expect(await again.allPrices()).toEqual([priceFact(WAN, 0.12, LATER)]);
  });
}

describe("memory store", () => {
  roundTrips(async () => {
    const store = createMemoryCatalogueStore();
    return { store, reopen: async () => store };
  });

  it("hands out copies, so a caller cannot change what is stored", async () => {
    const store = createMemoryCatalogueStore();
    await store.putModels([{ model: falModel(WAN, "Wan"), fetchedAt: AT }]);
    const [got] = await store.getModels([WAN]);
    got!.model.metadata!.display_name = "changed";
    expect((await store.getModels([WAN]))[0]!.model.metadata?.display_name).toBe("Wan");
  });
});

describe("IndexedDB store (its own database)", () => {
  let n = 0;
  const dbs: CatalogueDb[] = [];
  const open = (name: string) => {
    const db = openCatalogueDb(name, { indexedDB, IDBKeyRange });
    dbs.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  roundTrips(async () => {
    const name = `catalogue-test-${process.pid}-${++n}`;
    return { store: createIdbCatalogueStore(open(name)), reopen: async () => createIdbCatalogueStore(open(name)) };
  });

  it("is named reelflow-catalogue, apart from the app's database", async () => {
    expect(CATALOGUE_DB_NAME).toBe("reelflow-catalogue");
    const db = open(CATALOGUE_DB_NAME);
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(["models", "prices"]);
  });
});

describe("file store (CLI cache folder)", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "reelflow-catalogue-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  roundTrips(async () => ({ store: createFsCatalogueStore(dir), reopen: async () => createFsCatalogueStore(dir) }));

  it("keeps everything in one JSON file, catalogue.json", async () => {
    const store = createFsCatalogueStore(dir);
    await store.putModels([{ model: falModel(WAN, "Wan"), fetchedAt: AT }]);
    expect(store.path).toBe(join(dir, CATALOGUE_CACHE_FILE));
    const text = await readFile(join(dir, "catalogue.json"), "utf8");
    const file = JSON.parse(text) as { format: string; models: Record<string, unknown> };
    expect(file.format).toBe("reelflow/catalogue-cache");
    expect(Object.keys(file.models)).toEqual([WAN]);
  });

  it("two stores on one folder (two CLI runs) keep each other's writes", async () => {
    const a = createFsCatalogueStore(dir);
    const b = createFsCatalogueStore(dir);
    await a.putModels([{ model: falModel(WAN, "Wan"), fetchedAt: AT }]);
    await b.putModels([{ model: falModel(LTX, "LTX"), fetchedAt: AT }]);
    expect((await a.allModels()).map((m) => m.model.endpoint_id).sort()).toEqual([LTX, WAN].sort());
  });

  it("writes made at once by one store all land", async () => {
    const store = createFsCatalogueStore(dir);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.putPrices([priceFact(`test/model-${i}`, i / 10, AT)])),
    );
    expect(await store.allPrices()).toHaveLength(10);
  });

  it("treats a damaged file as empty and writes a good one over it", async () => {
    await writeFile(join(dir, "catalogue.json"), "{ not json");
    const store = createFsCatalogueStore(dir);
    expect(await store.allModels()).toEqual([]);
    await store.putModels([{ model: falModel(WAN, "Wan"), fetchedAt: AT }]);
    expect(await createFsCatalogueStore(dir).getModels([WAN])).toHaveLength(1);
  });
});

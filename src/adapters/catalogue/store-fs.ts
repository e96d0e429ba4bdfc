import { join } from "node:path";
import type { PriceFact } from "../../nodes/catalogue/fal-api";
import { readJsonIfExists, writeFileAtomic } from "../fs/atomic-write";
import type { CatalogueStore, StoredModel } from "./store";

/**
 * The CLI's catalogue cache: one JSON file, `<cache dir>/catalogue.json`, replaced atomically on every write
 * (a killed process leaves the old file or the new one). Each write reads the file again and merges, so two
 * CLI runs sharing a cache folder keep each other's models. It is a cache: a file that cannot be read is
 * treated as empty and written anew, since fal can always be asked again.
 */

export const CATALOGUE_CACHE_FILE = "catalogue.json";
const FORMAT = "reelflow/catalogue-cache";

interface CacheFile {
  format: typeof FORMAT;
  version: 1;
  models: Record<string, StoredModel>;
  prices: Record<string, PriceFact>;
}

export interface FsCatalogueStore extends CatalogueStore {
  readonly path: string;
}

export function createFsCatalogueStore(cacheDir: string): FsCatalogueStore {
  const path = join(cacheDir, CATALOGUE_CACHE_FILE);
  // Writes of this process go one after another, so a read-merge-write never drops another one's rows.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const next = chain.then(f, f);
    chain = next.catch(() => undefined);
    return next;
  };
  const read = () => readCacheFile(path);
  const update = (change: (file: CacheFile) => void) =>
    serial(async () => {
      const file = await read();
      change(file);
      await writeFileAtomic(path, JSON.stringify(file));
    });

  return {
    path,
    getModels: async (ids) => pick((await read()).models, ids),
    putModels: (list) =>
      update((file) => {
        for (const m of list) file.models[m.model.endpoint_id] = m;
      }),
    getPrices: async (ids) => pick((await read()).prices, ids),
    putPrices: (list) =>
      update((file) => {
        for (const p of list) file.prices[p.endpoint_id] = p;
      }),
    allModels: async () => Object.values((await read()).models),
    allPrices: async () => Object.values((await read()).prices),
  };
}

const pick = <T>(rows: Record<string, T>, ids: readonly string[]): T[] =>
  ids.flatMap((id) => (Object.hasOwn(rows, id) ? [rows[id] as T] : []));

async function readCacheFile(path: string): Promise<CacheFile> {
  const empty = (): CacheFile => ({ format: FORMAT, version: 1, models: {}, prices: {} });
  let parsed: unknown;
  try {
    parsed = await readJsonIfExists(path);
  } catch {
    return empty();
  }
  if (!isCacheFile(parsed)) return empty();
  return parsed;
}

function isCacheFile(v: unknown): v is CacheFile {
  if (typeof v !== "object" || v === null) return false;
  const f = v as Partial<CacheFile>;
  const isMap = (m: unknown) => typeof m === "object" && m !== null && !Array.isArray(m);
  return f.format === FORMAT && f.version === 1 && isMap(f.models) && isMap(f.prices);
}

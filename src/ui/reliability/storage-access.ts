import type { CacheKey } from "../../domain/ids";
import type { CachedResult, Job } from "../../engine/ports";
import { createDexieJobLedger, type DexieResultCache, type ReelflowDb } from "../../adapters/db";
import {
  estimateStorage,
  isStoragePersisted,
  requestPersistentStorage,
  type PersistOutcome,
  type StorageEstimate,
} from "../../adapters/db/storage";

/** What the Storage panel reads and does; bootstrap builds it from the Dexie cache and ledger. */
export interface StorageAccess {
  /** Paid results kept in this browser, with the bytes of their local video. */
  list(): Promise<{ entry: CachedResult; mediaSize: number }[]>;
  /** Params each job was sent with, by cache key (for the price of making it again). */
  jobs(): Promise<ReadonlyMap<CacheKey, Pick<Job, "params">>>;
  /** Deletes one result (and its video when nothing else uses it): only ever on the user's click. */
  remove(key: CacheKey): Promise<void>;
  estimate(): Promise<StorageEstimate | null>;
  persisted(): Promise<boolean | null>;
  requestPersist(): Promise<PersistOutcome>;
}

/** The real one: the paid Dexie cache and job ledger, and the browser's storage manager. */
export function createStorageAccess(db: ReelflowDb, paid: DexieResultCache): StorageAccess {
  const ledger = createDexieJobLedger(db, { namespace: "paid" });
  return {
    list: () => paid.list(),
    async jobs() {
      return new Map((await ledger.all()).map((j) => [j.key, j]));
    },
    remove: (key) => paid.remove(key),
    estimate: () => estimateStorage(),
    persisted: () => isStoragePersisted(),
    requestPersist: () => requestPersistentStorage(),
  };
}

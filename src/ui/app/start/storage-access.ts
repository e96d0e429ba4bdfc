import { createDexieJobLedger, type DexieResultCache, type ReelflowDb } from "../../../adapters/db";
import { estimateStorage, isStoragePersisted, requestPersistentStorage } from "../../../adapters/db/storage";
import type { StorageAccess } from "../../reliability/storage-access";

/** The Storage panel's access: the paid Dexie cache and job ledger, and the browser's storage manager. */
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

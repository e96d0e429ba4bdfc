import { Dexie } from "dexie";

/**
 * The database as earlier Reelflow versions shipped it, frozen here (not imported from
 * src/adapters/db/database.ts, which moves on): upgrade tests start from these.
 */
const VERSION_1 = {
  results: "[namespace+key], namespace, createdAt, mediaHash",
  blobs: "hash, createdAt",
  uploads: "[namespace+hash]",
  assets: "hash, createdAt",
  jobs: "[namespace+key], [namespace+state], state, updatedAt",
  workflows: "id, updatedAt, name",
  settings: "key",
};
/** Issue 8 (money): the spend ledger and per-workflow budgets. */
const VERSION_2 = { spend: "++id, time, workflowId", budgets: "workflowId" };
/** Issue 9 (takes). */
const VERSION_3 = {
  takes:
    "[namespace+workflowId+nodeId+key], [namespace+workflowId+nodeId], [namespace+workflowId], createdAt, thumbnailHash",
};

type Idb = { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };

/** An unopened Dexie database at schema `version` (1, 2 or 3) under `name`. */
export function oldReelflowDb(name: string, version: 1 | 2 | 3, idb?: Idb): Dexie {
  const db = idb ? new Dexie(name, idb) : new Dexie(name);
  db.version(1).stores(VERSION_1);
  if (version >= 2) db.version(2).stores(VERSION_2);
  if (version >= 3) db.version(3).stores(VERSION_3);
  return db;
}

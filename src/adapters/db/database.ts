import { Dexie, type EntityTable, type Table } from "dexie";
import type { CacheKey, ContentHash, NodeId, WorkflowId } from "../../domain/ids";
import type { SpendRecord } from "../../domain/spend";
import type { CacheNamespace } from "../../domain/settings";
import type { CachedResult, Job, KeptJobLog } from "../../engine/ports";
import type { Take } from "../../domain/take";
import { DB_NAME } from "./schema";

/**
 * The browser's one IndexedDB database, `reelflow`. Large binary data lives apart from the
 * records that mention it: `blobs` holds bytes by content hash, and results and assets refer
 * to them by `mediaHash` / `hash`, so one video is stored once however often it is referenced.
 */

export interface ResultRow extends CachedResult {
  /** Demo results are a world of their own: a demo entry is never served to a paid run (src/domain/settings.ts). */
  namespace: CacheNamespace;
}

export interface BlobRow {
  hash: ContentHash;
  blob: Blob;
  size: number;
  type: string;
  createdAt: string;
}

export interface UploadRow {
  namespace: CacheNamespace;
  hash: ContentHash;
  url: string;
  createdAt: string;
}

/** A file the user dropped in; its bytes are in `blobs` under the same hash. */
export interface AssetRow {
  hash: ContentHash;
  name: string;
  type: string;
  size: number;
  createdAt: string;
}

export interface JobRow extends Job {
  namespace: CacheNamespace;
}

export interface WorkflowRow {
  id: WorkflowId;
  name: string;
  /** The workflow file text (serializeWorkflow): kept verbatim so unknown fields survive. */
  doc: string;
  createdAt: string;
  updatedAt: string;
  /** Set when moved to the trash; null while in use. */
  deletedAt: string | null;
  /**
   * True for a workflow not yet edited or run (an example just opened, a new empty one, the first visit's): it is
   * the open document (a reload shows it) but not one of the person's workflows, so lists leave it out, and opening
   * another workflow deletes it. Any save (an edit) or a run drops the flag. Not indexed: no schema version step
   * (rows without it are kept ones).
   */
  draft?: boolean;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** One submitted job of a paid run, written when it ended (see ./spend-ledger.ts). */
export interface SpendRow extends SpendRecord {
  /** Auto-increment: rows keep the order they were written in. */
  id?: number;
  /** Repository id of the workflow that ran it (the record's `workflow` is its name, which may change). */
  workflowId: WorkflowId | null;
}

/** A spending cap for one workflow, kept in this browser (see ./budgets.ts). */
export interface BudgetRow {
  workflowId: WorkflowId;
  usd: number;
  updatedAt: string;
}

/**
 * A take of a generation node (see src/domain/take.ts), kept per mode: a demo take names a result
 * in the demo cache and must never stand for a paid one, so the namespace is part of its key.
 */
export interface TakeRow extends Take {
  namespace: CacheNamespace;
  /** Its thumbnail image, kept in `blobs` by content hash; null until one was made. */
  thumbnailHash: ContentHash | null;
}

/**
 * fal's log of one job, kept with its result under the same [namespace+key] (see ./job-logs.ts), so the Logs
 * panel shows it after a reload. Bounded: the newest lines only, see JOB_LOG_LIMITS.
 */
export interface JobLogRow extends KeptJobLog {
  namespace: CacheNamespace;
}

export type ReelflowDb = Dexie & {
  results: Table<ResultRow, [CacheNamespace, CacheKey]>;
  blobs: EntityTable<BlobRow, "hash">;
  uploads: Table<UploadRow, [CacheNamespace, ContentHash]>;
  assets: EntityTable<AssetRow, "hash">;
  jobs: Table<JobRow, [CacheNamespace, CacheKey]>;
  workflows: EntityTable<WorkflowRow, "id">;
  settings: EntityTable<SettingRow, "key">;
  spend: EntityTable<SpendRow, "id">;
  budgets: EntityTable<BudgetRow, "workflowId">;
  takes: Table<TakeRow, [CacheNamespace, WorkflowId, NodeId, CacheKey]>;
  logs: Table<JobLogRow, [CacheNamespace, CacheKey]>;
};

export { DB_NAME } from "./schema";

/**
 * The database's schema, declared once: each entry one schema version in Dexie's syntax, per store its primary key
 * first, then its indexes (`++id` counts up, `[a+b]` is compound). Dexie opens the database from this list
 * (`openReelflowDb`); the start reader, which reads it before Dexie is loaded, checks its store and index names
 * against it (./schema.ts). A schema change is a new entry at the end, never an edit of one (a stored database
 * upgrades entry by entry).
 */
export const DB_VERSIONS = [
  {
    version: 1,
    stores: {
      results: "[namespace+key], namespace, createdAt, mediaHash",
      blobs: "hash, createdAt",
      uploads: "[namespace+hash]",
      assets: "hash, createdAt",
      jobs: "[namespace+key], [namespace+state], state, updatedAt",
      workflows: "id, updatedAt, name",
      settings: "key",
    },
  },
  // Issue 8, money: the spend ledger and per-workflow budgets. Additive only.
  { version: 2, stores: { spend: "++id, time, workflowId", budgets: "workflowId" } },
  // Issue 9, takes: every result a node produced, per mode, workflow and node. Additive only.
  {
    version: 3,
    stores: {
      takes:
        "[namespace+workflowId+nodeId+key], [namespace+workflowId+nodeId], [namespace+workflowId], createdAt, thumbnailHash",
    },
  },
  // Issue 16, logs after a reload: each job's log, by the key of its result. Additive only.
  { version: 4, stores: { logs: "[namespace+key], endedAt" } },
] as const;

/**
 * Opens (creating or upgrading) the database. Tests pass their own name so each starts empty,
 * and may hand in an IndexedDB implementation (fake-indexeddb) instead of the global one.
 * Its stores and indexes are `DB_VERSIONS` above.
 */
export function openReelflowDb(
  name: string = DB_NAME,
  idb?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
): ReelflowDb {
  const db = (idb ? new Dexie(name, idb) : new Dexie(name)) as ReelflowDb;
  for (const { version, stores } of DB_VERSIONS) db.version(version).stores(stores);
  return db;
}

/** Dexie wraps IndexedDB errors; a full disk shows up under either name. */
export function isQuotaError(e: unknown): boolean {
  for (let err: unknown = e, depth = 0; err && depth < 4; depth++) {
    const name = (err as { name?: unknown }).name;
    if (name === "QuotaExceededError" || name === "QuotaExceeded") return true;
    err = (err as { inner?: unknown }).inner;
  }
  return false;
}

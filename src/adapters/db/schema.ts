/**
 * The browser's one IndexedDB database, `reelflow`, declared once. Each entry is one schema version in Dexie's
 * syntax: per store, its primary key first, then its indexes (`++id` counts up, `[a+b]` is compound). Dexie opens
 * the database from this list (./database.ts: schema version n is IndexedDB version n × 10); the start reader
 * (./start-reader.ts: plain IndexedDB through `idb`, before Dexie is loaded) names stores and indexes through
 * `StoreName` and `IndexName`, which the compiler reads from this same list, and never asks for a version: it reads
 * the database as it is. Only strings here, so the first-load script carries it at no cost.
 * A schema change is a new entry at the end, never an edit of one (a stored database upgrades entry by entry).
 */
export const DB_NAME = "reelflow";

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

type Declarations = (typeof DB_VERSIONS)[number]["stores"];
/** Every store any version declares. */
export type StoreName = Declarations extends infer D ? (D extends D ? keyof D : never) : never;
type Declaration<S extends StoreName> = Extract<Declarations, Record<S, string>>[S];
type Fields<D extends string> = D extends `${infer Head}, ${infer Tail}` ? Head | Fields<Tail> : D;
/** The indexes of a store: every field of its declaration after the primary key. */
export type IndexName<S extends StoreName> =
  Declaration<S> extends `${string}, ${infer Indexes}` ? Fields<Indexes> : never;

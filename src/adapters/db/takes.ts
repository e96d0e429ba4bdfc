import { liveQuery } from "dexie";
import type { CacheKey, ContentHash, NodeId, WorkflowId } from "../../domain/ids";
import type { Take } from "../../domain/take";
import { sha256Hex } from "../../engine/hash";
import { getBlob, putBlob } from "./blobs";
import { byAge, storedTakeOf } from "./take-row";
import type { CacheNamespace, ReelflowDb, TakeRow } from "./database";

/** A take as stored: the record plus the hash of its thumbnail image (null until one was made). */
export type StoredTake = Take & { thumbnailHash: ContentHash | null };

/** Names one take: takes are stored per (workflow, node, key). */
export interface TakeAddress {
  workflowId: WorkflowId;
  nodeId: NodeId;
  key: CacheKey;
}

export interface DexieTakeStore {
  readonly namespace: CacheNamespace;
  /**
   * Files a take once: when (workflow, node, key) is already there the stored one is kept unchanged
   * (its time, cost and thumbnail are those of the first time it was seen) and `added` is false.
   */
  record(take: Take): Promise<{ added: boolean; take: StoredTake }>;
  /** The takes of one node, oldest first (so a take's index in the strip never changes). */
  list(workflowId: WorkflowId, nodeId: NodeId): Promise<StoredTake[]>;
  /** Every take of a workflow, oldest first (lineage, export). */
  listWorkflow(workflowId: WorkflowId): Promise<StoredTake[]>;
  /**
   * Calls `next` with every take of the workflow (oldest first) now and again after each change
   * to them, in this tab or another (Dexie live query). Returns the function that stops it.
   */
  watchWorkflow(
    workflowId: WorkflowId,
    next: (takes: StoredTake[]) => void,
    onError?: (e: unknown) => void,
  ): () => void;
  get(ref: TakeAddress): Promise<StoredTake | undefined>;
  /**
   * Keeps the take's thumbnail; a take that already has one keeps it (a thumbnail is made once).
   * Returns the hash of the thumbnail the take has afterwards, or null when the take is unknown.
   */
  setThumbnail(ref: TakeAddress, image: Blob): Promise<ContentHash | null>;
  thumbnail(ref: TakeAddress): Promise<Blob | undefined>;
  /** Forgets the takes of a workflow (when it is purged); thumbnails nothing else uses go too. */
  removeWorkflow(workflowId: WorkflowId): Promise<void>;
}

/** Takes on IndexedDB (version 3 table `takes`), one store per cache namespace like the result cache. */
export function createDexieTakeStore(db: ReelflowDb, opts: { namespace: CacheNamespace }): DexieTakeStore {
  const { namespace } = opts;
  const id = (r: TakeAddress): [CacheNamespace, WorkflowId, NodeId, CacheKey] => [
    namespace,
    r.workflowId,
    r.nodeId,
    r.key,
  ];
  const listWorkflow = async (workflowId: WorkflowId): Promise<StoredTake[]> => {
    const rows = await db.takes.where("[namespace+workflowId]").equals([namespace, workflowId]).toArray();
    return rows.map(storedTakeOf).sort(byAge);
  };

  return {
    namespace,

    async record(take) {
      return db.transaction("rw", db.takes, async () => {
        const old = await db.takes.get(id(take));
        if (old) return { added: false, take: storedTakeOf(old) };
        const row: TakeRow = { ...take, namespace, thumbnailHash: null };
        await db.takes.add(row);
        return { added: true, take: storedTakeOf(row) };
      });
    },

    async list(workflowId, nodeId) {
      const rows = await db.takes
        .where("[namespace+workflowId+nodeId]")
        .equals([namespace, workflowId, nodeId])
        .toArray();
      return rows.map(storedTakeOf).sort(byAge);
    },

    listWorkflow,

    watchWorkflow(workflowId, next, onError) {
      const sub = liveQuery(() => listWorkflow(workflowId)).subscribe({ next, error: (e: unknown) => onError?.(e) });
      return () => sub.unsubscribe();
    },

    async get(ref) {
      const row = await db.takes.get(id(ref));
      return row ? storedTakeOf(row) : undefined;
    },

    async setThumbnail(ref, image) {
      const hash = await sha256Hex(image);
      return db.transaction("rw", db.takes, db.blobs, async () => {
        const row = await db.takes.get(id(ref));
        if (!row) return null;
        if (row.thumbnailHash && (await db.blobs.get(row.thumbnailHash))) return row.thumbnailHash;
        await putBlob(db, hash, image);
        await db.takes.update(id(ref), { thumbnailHash: hash });
        return hash;
      });
    },

    async thumbnail(ref) {
      const row = await db.takes.get(id(ref));
      return row?.thumbnailHash ? getBlob(db, row.thumbnailHash) : undefined;
    },

    async removeWorkflow(workflowId) {
      await db.transaction("rw", db.takes, db.blobs, db.results, db.assets, async () => {
        const rows = await db.takes.where("[namespace+workflowId]").equals([namespace, workflowId]).toArray();
        await db.takes.bulkDelete(
          rows.map(
            (r) => [r.namespace, r.workflowId, r.nodeId, r.key] as [CacheNamespace, WorkflowId, NodeId, CacheKey],
          ),
        );
        const hashes = new Set(rows.map((r) => r.thumbnailHash).filter((h): h is ContentHash => !!h));
        for (const hash of hashes) {
          const used =
            (await db.takes.where("thumbnailHash").equals(hash).count()) > 0 ||
            (await db.results.where("mediaHash").equals(hash).count()) > 0 ||
            (await db.assets.get(hash)) !== undefined;
          if (!used) await db.blobs.delete(hash);
        }
      });
    },
  };
}

import { liveQuery } from "dexie";
import type { CacheKey, ContentHash, NodeId, WorkflowId } from "../../domain/ids";
import type { StoredTake, TakeAddress, TakeStore } from "../../domain/take";
import { sha256Hex } from "../../engine/hash";
import { getBlob, putBlob } from "./blobs";
import { byAge, storedTakeOf } from "./take-row";
import type { CacheNamespace } from "../../domain/settings";
import type { ReelflowDb, TakeRow } from "./database";

// What a take store does is the domain's (src/domain/take.ts): this is the one on IndexedDB.
/** The take store on IndexedDB (no more than the domain's). */
export type DexieTakeStore = TakeStore;

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

import type { ContentHash } from "../../domain/ids";
import { sha256Hex } from "../../engine/hash";
import type { AssetStore } from "../../engine/ports";
import type { AssetRow, ReelflowDb } from "./database";
import { getBlob, putBlob } from "./blobs";

export interface DexieAssetStore extends AssetStore {
  /** Keeps a file the user dropped, pasted or picked; returns its content hash (the node's `data.asset`). */
  add(file: Blob, name?: string): Promise<ContentHash>;
  info(hash: ContentHash): Promise<AssetRow | undefined>;
}

/** Images and videos the user supplied, kept by content hash: the same file twice is stored once. */
export function createDexieAssetStore(db: ReelflowDb): DexieAssetStore {
  return {
    async add(file, name) {
      const hash = await sha256Hex(file);
      const fileName = name ?? ((file as { name?: unknown }).name as string | undefined) ?? hash.slice(0, 12);
      await db.transaction("rw", db.assets, db.blobs, async () => {
        await putBlob(db, hash, file);
        if (!(await db.assets.get(hash)))
          await db.assets.put({
            hash,
            name: fileName,
            type: file.type,
            size: file.size,
            createdAt: new Date().toISOString(),
          });
      });
      return hash;
    },
    get: (hash) => getBlob(db, hash),
    info: (hash) => db.assets.get(hash),
  };
}

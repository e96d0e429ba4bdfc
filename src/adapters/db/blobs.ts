import type { ContentHash } from "../../domain/ids";
import type { ReelflowDb } from "./database";

/** Stores bytes under their content hash once; a second writer of the same bytes is a no-op. */
export async function putBlob(db: ReelflowDb, hash: ContentHash, blob: Blob): Promise<void> {
  if (await db.blobs.get(hash)) return;
  await db.blobs.put({ hash, blob, size: blob.size, type: blob.type, createdAt: new Date().toISOString() });
}

export async function getBlob(db: ReelflowDb, hash: ContentHash): Promise<Blob | undefined> {
  return (await db.blobs.get(hash))?.blob;
}

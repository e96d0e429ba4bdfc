import type { CacheKey } from "../../domain/ids";
import type { PersistOutcome, StorageEstimate } from "../../domain/storage";
import type { CachedResult, Job } from "../../engine/ports";

/** What the Storage panel reads and does; the start-up builds it from the paid cache and ledger. */
export interface StorageAccess {
  /** Paid results kept in this browser, with the bytes of their local video. */
  list(): Promise<{ entry: CachedResult; mediaSize: number }[]>;
  /** Params each job was sent with, by cache key (for the price of making it again). */
  jobs(): Promise<ReadonlyMap<CacheKey, Pick<Job, "params">>>;
  /** Deletes one result, its job log, and its video when nothing else uses it: only ever on the user's click. */
  remove(key: CacheKey): Promise<void>;
  estimate(): Promise<StorageEstimate | null>;
  persisted(): Promise<boolean | null>;
  requestPersist(): Promise<PersistOutcome>;
}

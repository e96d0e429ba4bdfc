/** What the browser says about its storage (the Storage panel; read by src/adapters/db/storage.ts). */
export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
  /** 0..1 */
  usedFraction: number;
}

/** The answer to asking the browser not to evict this site's data under pressure. */
export type PersistOutcome = "granted" | "denied" | "unsupported";

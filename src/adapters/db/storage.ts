import type { PersistOutcome, StorageEstimate } from "../../domain/storage";

/**
 * The browser's storage manager, wrapped so the app degrades where it is missing (older
 * browsers, some private modes, Node in tests): every helper answers instead of throwing.
 */
interface StorageManagerLike {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

const storageManager = (nav: unknown): StorageManagerLike | undefined =>
  (nav as { storage?: StorageManagerLike } | undefined)?.storage;

const defaultNavigator = () => (globalThis as { navigator?: unknown }).navigator;

/** Asks the browser not to evict our data under pressure (paid videos live here). */
export async function requestPersistentStorage(nav: unknown = defaultNavigator()): Promise<PersistOutcome> {
  const sm = storageManager(nav);
  if (!sm?.persist) return "unsupported";
  try {
    if (sm.persisted && (await sm.persisted())) return "granted";
    return (await sm.persist()) ? "granted" : "denied";
  } catch {
    return "denied";
  }
}

export async function isStoragePersisted(nav: unknown = defaultNavigator()): Promise<boolean | null> {
  const sm = storageManager(nav);
  if (!sm?.persisted) return null;
  try {
    return await sm.persisted();
  } catch {
    return null;
  }
}

/** Usage and quota for the storage view; null when the browser does not say. */
export async function estimateStorage(nav: unknown = defaultNavigator()): Promise<StorageEstimate | null> {
  const sm = storageManager(nav);
  if (!sm?.estimate) return null;
  try {
    const { usage, quota } = await sm.estimate();
    if (typeof usage !== "number" || typeof quota !== "number" || quota <= 0) return null;
    return { usageBytes: usage, quotaBytes: quota, usedFraction: Math.min(1, usage / quota) };
  } catch {
    return null;
  }
}

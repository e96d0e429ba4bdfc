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

export type PersistOutcome = "granted" | "denied" | "unsupported";

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

export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
  /** 0..1 */
  usedFraction: number;
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

/** "12.3 MB" */
export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

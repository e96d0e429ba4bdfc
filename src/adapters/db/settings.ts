import { DEFAULT_SETTINGS, type AppSettings } from "../../domain/settings";
import type { ReelflowDb } from "./database";

// The settings themselves are the domain's (src/domain/settings.ts); this file stores them, one row each.

/** Each setting read back is checked; a wrong or missing value falls back to its default. */
const valid: { [K in keyof AppSettings]: (v: unknown) => boolean } = {
  proxyUrl: (v) => typeof v === "string" && v.trim() !== "",
  mode: (v) => v === "fal" || v === "demo",
  theme: (v) => v === "system" || v === "light" || v === "dark",
  concurrency: (v) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 16,
  defaultModels: (v) =>
    typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string"),
  lastWorkflowId: (v) => v === null || typeof v === "string",
  setupDone: (v) => typeof v === "boolean",
  globalBudgetUsd: (v) => v === null || (typeof v === "number" && Number.isFinite(v) && v >= 0),
  globalBudgetPeriod: (v) => v === "month" || v === "all",
  paletteOpen: (v) => v === null || typeof v === "boolean",
  minimapOpen: (v) => v === null || typeof v === "boolean",
};

/** The settings table's keys, one row each. */
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[];

/**
 * Settings from the rows read for SETTING_KEYS (same order; absent rows undefined): each value
 * is checked, a wrong or missing one falls back to its default. Shared with the start reader.
 */
export function settingsFromRows(rows: readonly ({ value: unknown } | undefined)[]): AppSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  rows.forEach((row, i) => {
    const key = SETTING_KEYS[i];
    if (key && row && valid[key](row.value)) out[key] = row.value;
  });
  return out as unknown as AppSettings;
}

export interface SettingsRepository {
  get(): Promise<AppSettings>;
  /** Changes some settings; refuses an invalid value with a message naming the setting. */
  update(patch: Partial<AppSettings>): Promise<AppSettings>;
  reset(): Promise<AppSettings>;
}

/** One row per setting, so two tabs changing different settings never overwrite each other. */
export function createSettingsRepository(db: ReelflowDb): SettingsRepository {
  async function get(): Promise<AppSettings> {
    return settingsFromRows(await db.settings.bulkGet(SETTING_KEYS));
  }

  return {
    get,
    async update(patch) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof AppSettings, unknown][];
      for (const [key, value] of entries) {
        if (!(key in valid)) throw new Error(`Unknown setting "${key}".`);
        if (!valid[key](value)) throw new Error(`Setting "${key}" cannot be ${JSON.stringify(value)}.`);
      }
      await db.settings.bulkPut(entries.map(([key, value]) => ({ key, value })));
      return get();
    },
    async reset() {
      await db.settings.clear();
      return get();
    },
  };
}

import { createStore } from "zustand/vanilla";
import { DEFAULT_SETTINGS, type AppSettings } from "../../domain/settings";
import { messageOf } from "../../domain/message-of";

export type { AppSettings, RunMode } from "../../domain/settings";
export const DEFAULT_PROXY_URL = DEFAULT_SETTINGS.proxyUrl;

export interface SettingsState extends AppSettings {
  /** Changes settings now and keeps them on this device; a refused value is reported, not thrown. */
  update(patch: Partial<AppSettings>): Promise<void>;
}

/** `persist` is the settings repository (IndexedDB); the store itself does no I/O. */
export const createSettingsStore = (
  initial: AppSettings,
  persist: (patch: Partial<AppSettings>) => Promise<AppSettings>,
  onError: (message: string) => void,
) =>
  createStore<SettingsState>()((set) => ({
    ...initial,
    async update(patch) {
      set(patch);
      try {
        set(await persist(patch));
      } catch (e) {
        onError(messageOf(e));
      }
    },
  }));
export type SettingsStore = ReturnType<typeof createSettingsStore>;

import type { GenerationKind } from "../../domain/workflow";
import type { ModelCatalogue } from "../../engine/ports";
import { findAdapter } from "../../nodes/registry";
import { lazy } from "../app/start/lazy";
import type { SettingsStore } from "../settings/settings-store";
import type { ModelEntry } from "./model-list";

/**
 * The app's model catalogue, loaded on demand: this file is on the start path, so it only decides when
 * to load; the service, the bundled snapshot, its IndexedDB cache and the schema reader come with
 * `load` (src/ui/app/start/catalogue.ts, a dynamic import) the first time a workflow names a model the process does not know
 * yet, the model picker opens, or Settings asks which catalogue is in use. A workflow of curated models never
 * loads it.
 */
export interface CatalogueAccess extends ModelCatalogue {
  /** The catalogue of the mode and proxy URL of this moment (its code is fetched the first time). */
  current(): Promise<LoadedCatalogue>;
  /** Whether the catalogue code is here (describing it then costs no download). */
  loaded(): boolean;
}

/** What the catalogue code (src/ui/app/start/catalogue.ts) builds for one mode and proxy URL. */
export interface LoadedCatalogue extends ModelCatalogue {
  /** Models of a kind the catalogue lists now (curated, snapshot, cached live answers). */
  catalogue(kind: GenerationKind): Promise<readonly ModelEntry[]>;
  /** fal's live search; [] without a live catalogue (Demo mode). */
  searchLive(kind: GenerationKind, query: string, signal?: AbortSignal): Promise<readonly ModelEntry[]>;
  /** Which catalogue is in use, in words (the bundled snapshot's date, the live catalogue's state). */
  describe(): Promise<string>;
  /** Asks fal again now about every curated model and every one resolved so far. */
  refresh(): Promise<void>;
}

export interface CatalogueWiring {
  /** One catalogue per mode and proxy URL (`proxyUrl` null: Demo mode, the snapshot alone). */
  catalogueFor(proxyUrl: string | null): LoadedCatalogue;
}

/** Known now without any I/O: a curated model, or a catalogue model already registered in this process. */
export const knownNow = (endpoint: string): boolean => findAdapter(endpoint) !== undefined;

/** The catalogue, its code loaded (once; a failed load is tried again next time) when it is first needed. */
export function catalogueOnDemand(settings: SettingsStore, load: () => Promise<CatalogueWiring>): CatalogueAccess {
  const wiring = lazy(load);
  const current = async () => {
    const { mode, proxyUrl } = settings.getState();
    return (await wiring.start()).catalogueFor(mode === "demo" ? null : proxyUrl);
  };
  return {
    current,
    loaded: () => wiring.now() !== null,
    async ensure(endpoints, signal) {
      const unknown = endpoints.filter((e) => !knownNow(e));
      if (unknown.length > 0) await (await current()).ensure(unknown, signal);
    },
  };
}

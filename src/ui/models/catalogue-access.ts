import type { EndpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import type { ModelCatalogue } from "../../engine/ports";
import { catalogueAdapter } from "../../nodes/catalogue/known";
import { curatedAdapter } from "../../nodes/registry";
import type { ModelEntry } from "./model-list";
import type { SettingsStore } from "../settings/settings-store";
import { lookupNow, type ModelSource } from "./model-source";

/**
 * The app's model catalogue, loaded on demand: this file is on the start path, so it only decides when
 * to load; the service, the bundled snapshot, its IndexedDB cache and the schema reader come with
 * ./catalogue-wiring.ts (dynamic import) the first time a workflow names a model the process does not know
 * yet, the model picker opens, or Settings asks which catalogue is in use. A workflow of curated models never
 * loads it.
 */
export interface CatalogueAccess extends ModelCatalogue {
  /** What the model picker lists and resolves, in the mode of this moment (no live search in Demo mode). */
  source(): ModelSource;
  /** Which catalogue is in use, in words (the bundled snapshot's date, the live catalogue's state). */
  describe(): Promise<string>;
  /** Asks fal again now (Settings' "Check fal now"); then `describe` says how it went. */
  refresh(): Promise<void>;
}

/** What ./catalogue-wiring.ts builds for one mode and proxy URL. */
export interface LoadedCatalogue extends ModelCatalogue {
  catalogue(kind: GenerationKind, signal?: AbortSignal): Promise<readonly ModelEntry[]>;
  /** Absent without a live catalogue (Demo mode). */
  searchLive?(kind: GenerationKind, query: string, signal?: AbortSignal): Promise<readonly ModelEntry[]>;
  describe(): Promise<string>;
  /** Asks fal again now about every curated model and every one resolved so far. */
  refresh(): Promise<void>;
}

export interface CatalogueWiring {
  /** One catalogue per mode and proxy URL (`proxyUrl` null: Demo mode, the snapshot alone). */
  catalogueFor(proxyUrl: string | null): LoadedCatalogue;
}

/** Known now without any I/O: a curated model, or a catalogue model already registered in this process. */
const knownNow = (endpoint: string) => curatedAdapter(endpoint) !== undefined || catalogueAdapter(endpoint) !== undefined;

export function catalogueOnDemand(settings: SettingsStore, load: () => Promise<CatalogueWiring> = loadWiring): CatalogueAccess {
  let wiring: Promise<CatalogueWiring> | null = null;
  const wired = () =>
    (wiring ??= load().catch((e: unknown) => {
      wiring = null;
      throw e;
    }));
  /** The catalogue of the mode and proxy URL of this moment. */
  const current = async () => {
    const { mode, proxyUrl } = settings.getState();
    return (await wired()).catalogueFor(mode === "demo" ? null : proxyUrl);
  };

  const base: ModelSource = {
    catalogue: async (kind, signal) => (await current()).catalogue(kind, signal),
    async resolve(endpoint, signal) {
      if (!knownNow(endpoint)) await (await current()).ensure([endpoint as EndpointId], signal);
      return lookupNow(endpoint);
    },
  };
  const searchLive: ModelSource["searchLive"] = async (kind, query, signal) => {
    const c = await current();
    return c.searchLive ? c.searchLive(kind, query, signal) : [];
  };

  return {
    source: () => (settings.getState().mode === "demo" ? base : { ...base, searchLive }),
    async ensure(endpoints, signal) {
      const unknown = endpoints.filter((e) => !knownNow(e));
      if (unknown.length === 0) return;
      await (await current()).ensure(unknown, signal);
    },
    describe: async () => (await current()).describe(),
    refresh: async () => (await current()).refresh(),
  };
}

const loadWiring = async (): Promise<CatalogueWiring> => (await import("./catalogue-wiring")).createCatalogueWiring();

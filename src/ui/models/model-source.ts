import type { EndpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import { catalogueAdapters, unavailableReason } from "../../nodes/catalogue/known";
import { findAdapter, type AdapterLookup } from "../../nodes/registry";
import { knownNow, type CatalogueAccess } from "./catalogue-access";
import { entryOf, type ModelEntry } from "./model-list";

/**
 * Where the picker gets models besides the curated ones: the app's model catalogue (bundled snapshot,
 * fal's live catalogue through the proxy), or, without one (tests, a catalogue that failed to load), the
 * catalogue models this process already knows.
 */
export interface ModelSource {
  /** Catalogue models of a kind known now (snapshot and cached live ones); curated ones may be among them. */
  catalogue(kind: GenerationKind, signal?: AbortSignal): Promise<readonly ModelEntry[]>;
  /** fal's own search for `query`; absent when no live catalogue can be reached (Demo mode, no proxy). */
  searchLive?(kind: GenerationKind, query: string, signal?: AbortSignal): Promise<readonly ModelEntry[]>;
  /** Makes an endpoint known (snapshot, then fal) and answers its adapter, or why it cannot be used. */
  resolve(endpoint: string, signal?: AbortSignal): Promise<AdapterLookup>;
}

/** The adapter of an endpoint the registry knows now, or the reason it was marked unavailable. */
export function lookupNow(endpoint: string): AdapterLookup {
  const adapter = findAdapter(endpoint);
  if (adapter) return { ok: true, adapter };
  return { ok: false, reason: unavailableReason(endpoint) ?? `fal's catalogue has no model "${endpoint}"` };
}

/** A source with no catalogue service: the process's catalogue table only. */
export const registrySource: ModelSource = {
  catalogue: async (kind) => catalogueAdapters(kind).map(entryOf),
  resolve: async (endpoint) => lookupNow(endpoint),
};

/** The app's catalogue as the picker's source; `live`: fal's live search too (fal mode). */
export function catalogueSource(access: CatalogueAccess, live: boolean): ModelSource {
  const source: ModelSource = {
    catalogue: async (kind) => (await access.current()).catalogue(kind),
    async resolve(endpoint, signal) {
      if (!knownNow(endpoint)) await access.ensure([endpoint as EndpointId], signal);
      return lookupNow(endpoint);
    },
  };
  if (live) source.searchLive = async (kind, query, signal) => (await access.current()).searchLive(kind, query, signal);
  return source;
}

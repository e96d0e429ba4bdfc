import type { GenerationKind } from "../../domain/workflow";
import type { ModelAdapter } from "../types";
import type { PriceFact } from "./fal-api";

/**
 * The catalogue models this process knows, as adapters derived from fal's OpenAPI documents (bundled snapshot
 * or live catalogue). One table per process, filled by the async resolve step before a plan
 * (src/adapters/catalogue) and read synchronously by the registry's `findAdapter`. Curated adapters are never
 * stored here: the registry asks them first, so they always win. Listeners let the UI re-render when models
 * arrive; `version` changes with every change, for `useSyncExternalStore`.
 */
const adapters = new Map<string, ModelAdapter>();
const unavailable = new Map<string, string>();
/** Live (or snapshot) unit prices by endpoint, curated endpoints included: they keep curated tables honest. */
const prices = new Map<string, PriceFact>();
const listeners = new Set<() => void>();
let version = 0;

const changed = () => {
  version += 1;
  for (const l of listeners) l();
};

/** Adds or replaces catalogue adapters (a live document replaces a snapshot one); clears their "unavailable" notes. */
export function registerCatalogueAdapters(list: readonly ModelAdapter[]): void {
  if (list.length === 0) return;
  for (const a of list) {
    adapters.set(a.endpoint, a);
    unavailable.delete(a.endpoint);
  }
  changed();
}

/** Remembers why an endpoint cannot be used (not in fal's catalogue, no schema, catalogue unreachable). */
export function markUnavailable(endpoint: string, reason: string): void {
  if (adapters.has(endpoint) || unavailable.get(endpoint) === reason) return;
  unavailable.set(endpoint, reason);
  changed();
}

export const catalogueAdapter = (endpoint: string): ModelAdapter | undefined => adapters.get(endpoint);
export const unavailableReason = (endpoint: string): string | undefined => unavailable.get(endpoint);

/** Records unit prices; a newer fact for an endpoint replaces an older one. */
export function registerPriceFacts(list: readonly PriceFact[]): void {
  let any = false;
  for (const p of list) {
    const had = prices.get(p.endpoint_id);
    if (had && had.fetchedAt > p.fetchedAt) continue;
    prices.set(p.endpoint_id, p);
    any = true;
  }
  if (any) changed();
}

export const priceFactOf = (endpoint: string): PriceFact | undefined => prices.get(endpoint);

/** Catalogue models of a kind, in the order they were registered. */
export const catalogueAdapters = (kind?: GenerationKind): ModelAdapter[] =>
  [...adapters.values()].filter((a) => kind === undefined || a.kind === kind);

export const catalogueVersion = (): number => version;

export function onCatalogueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tests only: forget everything. */
export function resetCatalogueForTests(): void {
  adapters.clear();
  unavailable.clear();
  prices.clear();
  changed();
}

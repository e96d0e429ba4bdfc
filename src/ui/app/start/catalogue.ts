import { liveFailure, type CatalogueStatus } from "../../../adapters/catalogue/live-status";
import { createFalPlatformClient } from "../../../adapters/catalogue/platform";
import { LIVE_PRICE_SOURCE } from "../../../adapters/catalogue/records";
import { createModelCatalogue, type CatalogueEntry, type CatalogueService } from "../../../adapters/catalogue/service";
import { loadImageSnapshot, loadVideoSnapshot } from "../../../adapters/catalogue/snapshot";
import type { CatalogueStore } from "../../../adapters/catalogue/store";
import { createIdbCatalogueStore } from "../../../adapters/catalogue/store-idb";
import type { GenerationKind } from "../../../domain/workflow";
import { curatedDrift } from "../../../nodes/catalogue/curated-drift";
import { catalogueAdapter, priceFactOf } from "../../../nodes/catalogue/known";
import { allAdapters, curatedAdapter } from "../../../nodes/registry";
import { videoActionFromId } from "../../../nodes/video-action";
import type { CatalogueWiring, LoadedCatalogue } from "../../models/catalogue-access";
import { actionWords, entryOf, type ModelEntry } from "../../models/model-list";
import type { ViewStores } from "../../view-stores";

/**
 * The app's catalogue code, loaded on demand by src/ui/models/catalogue-access.ts: one catalogue service per mode and proxy
 * URL (fal's Model and Pricing APIs through the user's proxy; in Demo mode none, the bundled snapshot alone),
 * sharing one IndexedDB cache of fal's answers ("reelflow-catalogue").
 */
export function createCatalogueWiring(
  warnings: ViewStores["modelWarnings"],
  store: CatalogueStore = createIdbCatalogueStore(),
): CatalogueWiring {
  const made = new Map<string, LoadedCatalogue>();
  return {
    catalogueFor(proxyUrl) {
      const key = proxyUrl ?? "";
      let catalogue = made.get(key);
      if (!catalogue) {
        const platform = proxyUrl ? createFalPlatformClient({ proxyUrl: absoluteUrl(proxyUrl) }) : undefined;
        // The snapshot's image part is fetched only when an image node needs it (its picker, one of its models).
        const options = { platform, store, snapshot: loadVideoSnapshot, imageSnapshot: loadImageSnapshot };
        catalogue = loaded(createModelCatalogue(options), store, warnings);
        made.set(key, catalogue);
      }
      return catalogue;
    },
  };
}

const CATEGORY_OF_KIND: Readonly<Record<GenerationKind, string>> = {
  "text-to-video": "text-to-video",
  "image-to-video": "image-to-video",
  remix: "video-to-video",
  "text-to-image": "text-to-image",
  "image-edit": "image-to-image",
};

function loaded(
  service: CatalogueService,
  store: CatalogueStore,
  warnings: ViewStores["modelWarnings"],
): LoadedCatalogue {
  return {
    ensure: (endpoints, signal) => service.ensure(endpoints, signal),
    async catalogue(kind) {
      await service.ready(kind);
      return service.search({ kind }).map(pickerEntry);
    },
    async searchLive(kind, query, signal) {
      const found = await service.searchLive(query, CATEGORY_OF_KIND[kind], signal);
      return found.filter((e) => e.kind === kind).map(pickerEntry);
    },
    async describe() {
      await service.ready();
      return describeStatus(service.status());
    },
    async refresh() {
      await service.refresh();
      await publishCuratedDrift(store, warnings);
    },
  };
}

/** A row of the service's search as the picker shows it (a curated one exactly as the node's model button does). */
export function pickerEntry(e: CatalogueEntry): ModelEntry {
  const curated = curatedAdapter(e.endpoint);
  if (curated) return entryOf(curated);
  const adapter = catalogueAdapter(e.endpoint);
  if (adapter) return { ...entryOf(adapter), retired: e.deprecated || adapter.retired !== undefined };
  const mark = e.origin.kind === "curated" ? "curated" : `fal schema ${e.origin.date}`;
  // Not built yet: what a remix model does is read from its id and name, as its adapter will read it.
  const action = e.kind === "remix" ? videoActionFromId(e.endpoint, e.name) : undefined;
  return {
    endpoint: e.endpoint,
    kind: e.kind,
    label: e.name,
    curated: false,
    mark,
    retired: e.deprecated,
    price: priceWords(e),
    basis: e.priceBasis,
    haystack: `${e.name} ${e.endpoint} ${e.category} ${mark}${actionWords(action)}`.toLowerCase(),
    ...(action ? { action } : {}),
  };
}

/**
 * A row's price before its adapter is made: a range when the rate depends on the resolution (the adapter
 * prices the default one once picked), else per second, per video, or unknown with fal's unit.
 */
function priceWords(e: CatalogueEntry): string {
  const range = /^(\$[\d.]+–\$[\d.]+\/s)/.exec(e.priceBasis)?.[1];
  if (range) return range;
  if (e.pricePerSecondUsd !== null) return `$${Math.round(e.pricePerSecondUsd * 10_000) / 10_000}/s`;
  return shortBasis(e.priceBasis);
}

/** "$0.50 per video (fal pricing API, 2026-12-05)" → "$0.50 per video"; "price unknown (unit units)" stays. */
function shortBasis(basis: string): string {
  if (basis.startsWith("price unknown")) return /^price unknown \(unit [^)]+\)/.exec(basis)?.[0] ?? "price unknown";
  return basis.replace(/\s*\(.*\)\s*$/, "");
}

/** "Model catalogue: …" for Settings: which snapshot, and whether fal's live catalogue answers. */
export function describeStatus(status: CatalogueStatus): string {
  const { snapshot, live, prices } = status;
  const bundled =
    snapshot.origin === "none"
      ? "no bundled snapshot"
      : `the bundled snapshot of ${snapshot.date} (${snapshot.count} models${snapshot.origin === "public-material" ? ", assembled from public material" : ""})`;
  if (live.state === "not-configured")
    return `Model catalogue: ${bundled}; fal's live catalogue is not asked in Demo mode.`;
  const failure = liveFailure(live);
  if (failure) return `Model catalogue: ${bundled}, because ${failure}.`;
  const asked = live.checkedAt
    ? `last answered ${live.checkedAt.slice(0, 16).replace("T", " ")} UTC`
    : "asked when a model is needed";
  const priceWhy = liveFailure(prices);
  return `Model catalogue: fal's live catalogue through your proxy (${asked}), over ${bundled}.${priceWhy ? ` Live prices: ${priceWhy}.` : ""}`;
}

/**
 * Where fal's live facts about curated models (their price rate; their schema when one was stored) disagree
 * with the hand-written adapters: shown as a warning on the model button of nodes running them.
 */
export async function publishCuratedDrift(store: CatalogueStore, warnings: ViewStores["modelWarnings"]): Promise<void> {
  const curated = allAdapters();
  const ids = curated.map((a) => a.endpoint as string);
  const models = (await store.getModels(ids).catch(() => [])).map((s) => s.model);
  const prices = ids.flatMap((id) => {
    const fact = priceFactOf(id);
    return fact && fact.source === LIVE_PRICE_SOURCE ? [fact] : [];
  });
  const notes: Record<string, string> = {};
  for (const f of curatedDrift({ models, prices }, curated)) {
    notes[f.endpoint] = notes[f.endpoint]
      ? `${notes[f.endpoint]}; ${f.message}`
      : `fal's live description differs: ${f.message}`;
  }
  warnings.setState(notes, true);
}

/** A relative proxy URL ("/api/fal/proxy") resolved against the page, as fetch from a worker or the CLI would need. */
function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.href).toString();
  } catch {
    return url;
  }
}

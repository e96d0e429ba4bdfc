import type { GenerationKind } from "../../domain/workflow";
import type { FalModel, PriceFact } from "../../nodes/catalogue/fal-api";
import { catalogueAdapter, catalogueVersion, priceFactOf } from "../../nodes/catalogue/known";
import { modelKindOf } from "../../nodes/catalogue/model-kind";
import { allAdapters, curatedAdapter } from "../../nodes/registry";
import type { CatalogueMemory } from "./memory";
import { liveRecord, newerPrice, type ModelRecord } from "./records";
import {
  curatedEntry,
  filterEntries,
  indexEntry,
  schemaEntry,
  type CatalogueEntry,
  type CatalogueQuery,
  type IndexedEntry,
  type SchemaModelFacts,
} from "./search-entries";
import type { SnapshotIndex } from "./snapshot-index";

/**
 * The catalogue's rows for the picker, prepared once and remade only when something they show changed (a model
 * registered, a price recorded, a live answer kept), so a keystroke only filters. A model's node kind is worked
 * out from its schema once (about a quarter of a millisecond each: 500 of them would be one long task, so
 * `warm` does them in slices between which the page can paint).
 */
export interface SearchIndex {
  search(q?: CatalogueQuery): CatalogueEntry[];
  warm(models: readonly FalModel[]): Promise<void>;
  /** Rows for models fal's live search answered (not kept in the index). */
  liveRows(models: readonly FalModel[], facts: readonly PriceFact[], readAt: string): CatalogueEntry[];
}

const KINDS_PER_SLICE = 40;

/** "Wan 2.10" after "Wan 2.9". */
const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function createSearchIndex(memory: CatalogueMemory, snapshot: () => SnapshotIndex | undefined): SearchIndex {
  const kinds = kindCache();
  const rows = rowCache();
  let builtFor = "";
  let indexed: IndexedEntry[] = [];

  const rebuild = (s: SnapshotIndex | undefined): IndexedEntry[] => {
    const schema: CatalogueEntry[] = [];
    for (const id of endpointsOf(memory, s)) {
      const record = chosenRecord(memory, s, id);
      if (!record || curatedAdapter(id) !== undefined) continue;
      const price = priceFactOf(id) ?? newerPrice(memory.livePrices.get(id), s?.price(id));
      const adapter = catalogueAdapter(id);
      const row = rows.of({ record, adapter, price, kind: kinds.of(record.model), removed: memory.removed.has(id) });
      if (row) schema.push(row);
    }
    schema.sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.endpoint, b.endpoint));
    return [...allAdapters().map(curatedEntry), ...schema].map(indexEntry);
  };

  return {
    search(q = {}) {
      const s = snapshot();
      // The count changes when a part of the snapshot joins (the image part, after the video part).
      const key = `${catalogueVersion()}:${memory.version}:${s ? s.count : "none"}`;
      if (key !== builtFor) {
        indexed = rebuild(s);
        builtFor = key;
      }
      return filterEntries(indexed, q);
    },
    warm: kinds.warm,
    liveRows(models, facts, readAt) {
      const priceOf = new Map(facts.map((f) => [f.endpoint_id, f]));
      return models.flatMap((model) => {
        const curated = curatedAdapter(model.endpoint_id);
        if (curated) return [curatedEntry(curated)];
        const row = schemaEntry({
          record: { model, from: "live", readAt },
          adapter: catalogueAdapter(model.endpoint_id),
          price: priceOf.get(model.endpoint_id),
          kind: kinds.of(model),
          removed: false,
        });
        return row ? [row] : [];
      });
    },
  };
}

const endpointsOf = (memory: CatalogueMemory, s: SnapshotIndex | undefined) =>
  new Set([...(s?.models ?? []).map((m) => m.endpoint_id), ...memory.liveModels.keys()]);

/** A live answer wins over the snapshot, however old: it is what fal said last. */
function chosenRecord(memory: CatalogueMemory, s: SnapshotIndex | undefined, id: string): ModelRecord | undefined {
  const stored = memory.liveModels.get(id);
  if (stored) return liveRecord(stored);
  const bundled = s?.model(id);
  return bundled && s ? { model: bundled, from: "snapshot", readAt: s.date } : undefined;
}

/** A model's row is made again only when what it shows changed (its record, adapter, price, kind or removal). */
function rowCache() {
  const made = new Map<string, { facts: SchemaModelFacts; row: CatalogueEntry | undefined }>();
  const same = (a: SchemaModelFacts, b: SchemaModelFacts) =>
    a.record.model === b.record.model &&
    a.record.readAt === b.record.readAt &&
    a.adapter === b.adapter &&
    a.price === b.price &&
    a.kind === b.kind &&
    a.removed === b.removed;
  return {
    of(facts: SchemaModelFacts): CatalogueEntry | undefined {
      const id = facts.record.model.endpoint_id;
      const had = made.get(id);
      if (had && same(had.facts, facts)) return had.row;
      const row = schemaEntry(facts);
      made.set(id, { facts, row });
      return row;
    },
  };
}

function kindCache() {
  const kinds = new WeakMap<FalModel, GenerationKind | undefined>();
  const of = (model: FalModel): GenerationKind | undefined => {
    if (!kinds.has(model)) {
      const found = modelKindOf(model);
      kinds.set(model, found.ok ? found.kind : undefined);
    }
    return kinds.get(model);
  };
  const warm = async (models: readonly FalModel[]) => {
    for (let i = 0; i < models.length; i += KINDS_PER_SLICE) {
      for (const m of models.slice(i, i + KINDS_PER_SLICE)) of(m);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { of, warm };
}

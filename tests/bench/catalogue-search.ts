import { createModelCatalogue, type CatalogueEntry } from "../../src/adapters/catalogue/service";
import { loadSnapshot } from "../../src/adapters/catalogue/snapshot";
import { createMemoryCatalogueStore } from "../../src/adapters/catalogue/store";
import type { GenerationKind } from "../../src/domain/workflow";
import type { CatalogueSnapshot, FalModel, PriceFact } from "../../src/nodes/catalogue/fal-api";
import { modelKindOf } from "../../src/nodes/catalogue/model-kind";
import { adaptersFor } from "../../src/nodes/registry";
import { pickerEntry } from "../../src/ui/app/start/catalogue";
import { entryOf, filterEntries, mergeEntries, type ModelEntry } from "../../src/ui/models/model-list";
import { MAX_ROWS } from "../../src/ui/models/use-picker-models";

/**
 * Benchmark 7 (issue 15): "search over 500 models answers within one frame per keystroke". The bundled snapshot
 * holds 378 models, so each is registered again under new ids (`<id>/copy-<n>`, "<name> (copy n)", same schema and
 * price) until the searched kind alone has at least `modelsOfKind` of them. Then a query is typed one key at a time
 * (with a typo and a backspace) and each keystroke is timed three ways:
 * - the catalogue service's `search({ kind, query })` (what `reelflow models` and a fresh picker list ask);
 * - the picker's own work per keystroke: `filterEntries` over its rows (made once when it opens from the service's
 *   list and the curated adapters), keeping MAX_ROWS and counting the rest (src/ui/models/use-picker-models.ts);
 * - the baseline a user would compare with: a plain `names.filter((n) => n.toLowerCase().includes(query))`.
 * React drawing the ≤ 50 rows is not in these figures (no DOM here).
 */
export interface KeystrokeRows {
  query: string;
  /** Endpoints the service answered, in its order. */
  service: string[];
  /** Endpoints the picker shows (at most MAX_ROWS) and how many more it counted. */
  picker: { rows: string[]; more: number };
}

export interface Timing {
  medianMs: number;
  worstMs: number;
}

export interface SearchFigures {
  kind: GenerationKind;
  /** Models the catalogue lists (every kind), and of the searched kind (the picker's list). */
  models: number;
  modelsOfKind: number;
  copies: number;
  keystrokes: number;
  rounds: number;
  /** The first `search` after the catalogue is ready makes every row once (what opening the picker costs). */
  firstSearchMs: number;
  /** Making the picker's rows from the service's list (once per opening). */
  pickerRowsMs: number;
  service: Timing;
  picker: Timing;
  baseline: Timing;
  /** The unfiltered lists, to check the rows against. */
  all: { service: CatalogueEntry[]; picker: ModelEntry[] };
  /** What the last round answered per keystroke. */
  rows: KeystrokeRows[];
}

/** "k", "kl", … "kling o3 pri", a backspace, "kling o3 pro": a user looking for Kling O3 Pro, with a typo. */
export function typedQueries(word = "kling o3 pri", fixed = "kling o3 pro"): string[] {
  const typing = Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));
  return [...typing, word.slice(0, -1), fixed];
}

export async function benchCatalogueSearch(opts: {
  modelsOfKind: number;
  rounds: number;
  kind?: GenerationKind;
  queries?: string[];
}): Promise<SearchFigures> {
  const kind = opts.kind ?? "text-to-video";
  const queries = opts.queries ?? typedQueries();
  const bundled = await loadSnapshot();
  const ofKind = bundled.models.filter((m) => kindOf(m) === kind).length;
  const copies = Math.max(1, Math.ceil(opts.modelsOfKind / Math.max(1, ofKind)));
  const snapshot = copied(bundled, copies);
  const service = createModelCatalogue({ store: createMemoryCatalogueStore(), snapshot: async () => snapshot });
  await service.ready();

  const t0 = performance.now();
  const all = service.search();
  const firstSearchMs = performance.now() - t0;
  const t1 = performance.now();
  const list = mergeEntries(adaptersFor(kind).map(entryOf), service.search({ kind }).map(pickerEntry));
  const pickerRowsMs = performance.now() - t1;
  const names = list.map((e) => e.label);

  const times = { service: [] as number[], picker: [] as number[], baseline: [] as number[] };
  const timed = <T>(into: number[], work: () => T): T => {
    const start = performance.now();
    const out = work();
    into.push(performance.now() - start);
    return out;
  };
  let rows: KeystrokeRows[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    rows = queries.map((query) => {
      const found = timed(times.service, () => service.search({ kind, query }));
      const shown = timed(times.picker, () => filterEntries(list, query, MAX_ROWS));
      const q = query.toLowerCase();
      timed(times.baseline, () => names.filter((n) => n.toLowerCase().includes(q)));
      return {
        query,
        service: found.map((e) => e.endpoint),
        picker: { rows: shown.rows.map((e) => e.endpoint), more: shown.more },
      };
    });
  }
  return {
    kind,
    models: all.length,
    modelsOfKind: list.length,
    copies,
    keystrokes: queries.length,
    rounds: opts.rounds,
    firstSearchMs,
    pickerRowsMs,
    service: timing(times.service),
    picker: timing(times.picker),
    baseline: timing(times.baseline),
    all: { service: service.search({ kind }), picker: list },
    rows,
  };
}

function kindOf(model: FalModel): GenerationKind | undefined {
  const found = modelKindOf(model);
  return found.ok ? found.kind : undefined;
}

/** The snapshot with each model and price also registered `copies - 1` more times under new ids. */
export function copied(snapshot: CatalogueSnapshot, copies: number): CatalogueSnapshot {
  const models: FalModel[] = [...snapshot.models];
  const prices: PriceFact[] = [...snapshot.prices];
  const priceOf = new Map(snapshot.prices.map((p) => [p.endpoint_id, p]));
  for (let n = 2; n <= copies; n++) {
    for (const model of snapshot.models) {
      const id = `${model.endpoint_id}/copy-${n}`;
      models.push(renamed(model, id, n));
      const price = priceOf.get(model.endpoint_id);
      if (price) prices.push({ ...price, endpoint_id: id });
    }
  }
  return { ...snapshot, models, prices };
}

/** The same model under another id: its document's paths name the new id, its display name says which copy. */
function renamed(model: FalModel, id: string, n: number): FalModel {
  const text = JSON.stringify(model).split(`/${model.endpoint_id}`).join(`/${id}`);
  const copy = JSON.parse(text) as FalModel;
  const name = model.metadata?.display_name ?? model.endpoint_id;
  return { ...copy, endpoint_id: id, metadata: { ...copy.metadata, display_name: `${name} (copy ${n})` } };
}

function timing(ms: readonly number[]): Timing {
  const sorted = [...ms].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, worstMs: sorted.at(-1) ?? 0 };
}

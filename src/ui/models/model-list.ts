import type { EndpointId } from "../../domain/ids";
import type { GenerationKind } from "../../domain/workflow";
import { priceFactOf } from "../../nodes/catalogue/known";
import type { ModelAdapter } from "../../nodes/types";
import { VIDEO_ACTIONS, type VideoAction } from "../../nodes/video-action";
import { markOf, perSecondText, priceAtDefaults } from "./model-facts";

/**
 * The picker's rows: each model once, curated first, with the words it shows already made and a
 * lowercase string to match queries against, so a keystroke over hundreds of models only compares
 * strings (no price is computed and no string is lowered while typing).
 */
export interface ModelEntry {
  endpoint: EndpointId;
  kind: GenerationKind;
  label: string;
  curated: boolean;
  /** "curated" or "fal schema <date>". */
  mark: string;
  retired: boolean;
  /** Remix models: what the model does with the clip (its words are in the row and its haystack). */
  action?: VideoAction;
  /** Price per second at the model's defaults, or "price unknown (…)". */
  price: string;
  /** Label, endpoint, family, variant and mark, lowercased. */
  haystack: string;
  /** Where the price comes from, in words (the row's title). */
  basis?: string;
  /** Its adapter when the registry already has one (curated models always); else it is resolved when picked. */
  adapter?: ModelAdapter;
}

export function entryOf(adapter: ModelAdapter): ModelEntry {
  const mark = markOf(adapter);
  return {
    endpoint: adapter.endpoint,
    kind: adapter.kind,
    label: adapter.label,
    curated: mark === "curated",
    mark,
    retired: adapter.retired !== undefined,
    price: priceWords(adapter),
    basis: priceAtDefaults(adapter)?.basis,
    haystack:
      `${adapter.label} ${adapter.endpoint} ${adapter.family} ${adapter.variant} ${mark}${actionWords(adapter.action)}`.toLowerCase(),
    adapter,
    ...(adapter.action ? { action: adapter.action } : {}),
  };
}

/** " extend continues the clip": what a row's action adds to its haystack, so "extend" finds every extend model. */
export const actionWords = (action: VideoAction | undefined): string =>
  action ? ` ${VIDEO_ACTIONS[action].name} ${VIDEO_ACTIONS[action].verb}` : "";

/** The price per second at the model's defaults; an unknown one names fal's unit when one is known. */
function priceWords(adapter: ModelAdapter): string {
  const words = perSecondText(adapter);
  const unit = words === "price unknown" ? priceFactOf(adapter.endpoint)?.unit : undefined;
  return unit ? `price unknown (unit ${unit})` : words;
}

/**
 * Curated models, then the catalogue's, then live search finds, each endpoint once (the first wins, so a
 * curated adapter hides a catalogue one of the same endpoint). Within each group current models come
 * before retired ones; otherwise the order given is kept.
 */
export function mergeEntries(...groups: readonly (readonly ModelEntry[])[]): ModelEntry[] {
  const seen = new Set<string>();
  const out: ModelEntry[] = [];
  for (const group of groups) {
    const fresh = group.filter((e) => !seen.has(e.endpoint) && (seen.add(e.endpoint), true));
    out.push(...fresh.filter((e) => !e.retired), ...fresh.filter((e) => e.retired));
  }
  return out;
}

export interface Filtered {
  rows: ModelEntry[];
  /** Matches beyond `limit`, not shown ("N more: refine the search"). */
  more: number;
}

/** Entries whose haystack holds every word of the query, the first `limit` of them. */
export function filterEntries(entries: readonly ModelEntry[], query: string, limit = 50): Filtered {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const rows: ModelEntry[] = [];
  let more = 0;
  for (const e of entries) {
    if (!words.every((w) => e.haystack.includes(w))) continue;
    if (rows.length < limit) rows.push(e);
    else more += 1;
  }
  return { rows, more };
}

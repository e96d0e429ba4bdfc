import { useEffect, useMemo, useState } from "react";
import type { GenerationKind } from "../../domain/workflow";
import { adaptersFor } from "../../nodes/registry";
import { entryOf, filterEntries, mergeEntries, type Filtered, type ModelEntry } from "./model-list";
import type { ModelSource } from "./model-source";
import { messageOf } from "../../domain/message-of";

/** How long typing must pause before fal's live search is asked (one request per pause, not per key). */
export const LIVE_SEARCH_PAUSE_MS = 300;
/** Rows drawn at most: more would cost frames while typing; the rest are counted ("N more"). */
export const MAX_ROWS = 50;

export type Loading = { state: "loading" } | { state: "ready" } | { state: "failed"; message: string };

export interface PickerModels extends Filtered {
  /** The catalogue's models of this kind (the curated ones are there at once). */
  catalogue: Loading;
  /** fal's live search for the query now: absent when there is none (no query, or no live catalogue). */
  live?: Loading;
}

const ofKind = (kind: GenerationKind, list: readonly ModelEntry[]) => list.filter((e) => e.kind === kind);

/**
 * The rows the picker shows for `query`: curated models of the kind, then the catalogue's (loaded once
 * when the picker opens), filtered here per keystroke; then what fal's live search found for the query
 * and the list does not already hold, asked after a pause in typing.
 */
export function usePickerModels(kind: GenerationKind, source: ModelSource, query: string): PickerModels {
  const curated = useMemo(() => adaptersFor(kind).map(entryOf), [kind]);
  const [catalogue, setCatalogue] = useState<{ entries: ModelEntry[]; loading: Loading }>({
    entries: [],
    loading: { state: "loading" },
  });
  useEffect(() => {
    const abort = new AbortController();
    source.catalogue(kind, abort.signal).then(
      (list) => !abort.signal.aborted && setCatalogue({ entries: ofKind(kind, list), loading: { state: "ready" } }),
      (e: unknown) =>
        !abort.signal.aborted && setCatalogue({ entries: [], loading: { state: "failed", message: messageOf(e) } }),
    );
    return () => abort.abort();
  }, [kind, source]);

  const local = useMemo(() => mergeEntries(curated, catalogue.entries), [curated, catalogue.entries]);
  const live = useLiveSearch(kind, source, query);
  return useMemo(() => {
    const found = filterEntries(local, query, MAX_ROWS);
    if (!live) return { ...found, catalogue: catalogue.loading };
    const known = new Set(local.map((e) => e.endpoint));
    const extra = live.entries.filter((e) => !known.has(e.endpoint));
    const room = Math.max(0, MAX_ROWS - found.rows.length);
    return {
      rows: [...found.rows, ...extra.slice(0, room)],
      more: found.more + Math.max(0, extra.length - room),
      catalogue: catalogue.loading,
      live: live.loading,
    };
  }, [local, query, live, catalogue.loading]);
}

/** fal's live search for the query, after a pause in typing; undefined without a query or a live catalogue. */
function useLiveSearch(
  kind: GenerationKind,
  source: ModelSource,
  query: string,
): { entries: ModelEntry[]; loading: Loading } | undefined {
  const [result, setResult] = useState<{ query: string; entries: ModelEntry[]; loading: Loading } | null>(null);
  const q = query.trim();
  const search = source.searchLive;
  useEffect(() => {
    if (!search || !q) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setResult({ query: q, entries: [], loading: { state: "loading" } });
      search(kind, q, abort.signal).then(
        (list) =>
          !abort.signal.aborted && setResult({ query: q, entries: ofKind(kind, list), loading: { state: "ready" } }),
        (e: unknown) =>
          !abort.signal.aborted &&
          setResult({ query: q, entries: [], loading: { state: "failed", message: messageOf(e) } }),
      );
    }, LIVE_SEARCH_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [kind, search, q]);
  if (!search || !q) return undefined;
  return result?.query === q ? result : { entries: [], loading: { state: "loading" } };
}

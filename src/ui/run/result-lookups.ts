import type { CacheKey } from "../../domain/ids";
import type { CachedResult, ResultCache } from "../../engine/ports";
import type { Lookups } from "./plan-view";

/**
 * The run controller's memory of what the cache holds, by key: a hit never goes away, a miss is asked again
 * after a run (`forgetMisses`) or a mode switch (`forgetAll`).
 */
export interface ResultLookups {
  /** What is known now (the map itself: a lookup under way still writes into the one it started with). */
  current(): Lookups;
  /** Asks the cache about the keys not known yet. */
  lookUp(keys: readonly CacheKey[]): Promise<void>;
  /** A result a run made or served. */
  record(result: CachedResult): void;
  forgetMisses(): void;
  forgetAll(): void;
}

export function createResultLookups(cache: () => Promise<ResultCache>, known?: Lookups): ResultLookups {
  let lookups = new Map<CacheKey, CachedResult | null>(known);
  return {
    current: () => lookups,
    async lookUp(keys) {
      const todo = keys.filter((k) => !lookups.has(k));
      if (todo.length === 0) return;
      const source = await cache();
      // A forgetAll while these keys are asked leaves their answers in the forgotten map, not in the new one.
      await lookUpInto(lookups, source, todo);
    },
    record: (result) => void lookups.set(result.key, result),
    forgetMisses() {
      for (const [k, v] of lookups) if (v === null) lookups.delete(k);
    },
    forgetAll() {
      lookups = new Map();
    },
  };
}

/** All keys in one read when the cache can; else one lookup per key, which records each failure on its own. */
async function lookUpInto(
  memo: Map<CacheKey, CachedResult | null>,
  cache: ResultCache,
  todo: readonly CacheKey[],
): Promise<void> {
  if (cache.getMany) {
    try {
      const found = await cache.getMany(todo);
      todo.forEach((k, i) => memo.set(k, found[i] ?? null));
      return;
    } catch {
      // Fall through to one lookup per key.
    }
  }
  await Promise.all(
    todo.map(async (k) => {
      try {
        memo.set(k, (await cache.get(k)) ?? null);
      } catch {
        memo.set(k, null);
      }
    }),
  );
}

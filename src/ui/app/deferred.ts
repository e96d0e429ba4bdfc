type AsyncKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * Stand-ins for the async methods `keys` of an object that is still loading (a Dexie repository,
 * the run controller): each call waits for `load()` and then calls the real method, so a call
 * made in the first instant after start is kept, not dropped.
 */
export function deferredMethods<T, K extends AsyncKeys<T>>(load: () => Promise<T>, keys: readonly K[]): Pick<T, K> {
  const out: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    out[key] = async (...args: unknown[]) => {
      const target = await load();
      return (target[key] as (...a: unknown[]) => unknown).apply(target, args);
    };
  }
  return out as Pick<T, K>;
}

/**
 * A part that loads later: `start()` begins loading (once; again after a failure) and resolves to it;
 * `ready()` waits for it without starting it (reads made while the first screen renders must not
 * pull it in before the first paint).
 */
export interface Later<T> {
  start(): Promise<T>;
  ready(): Promise<T>;
  /** The loaded part, or null while it is loading. */
  now(): T | null;
}

export function later<T>(load: () => Promise<T>): Later<T> {
  let loading: Promise<T> | null = null;
  let loaded: T | null = null;
  let waiters: ((p: Promise<T>) => void)[] = [];
  const start = () => {
    if (!loading) {
      const p = load().then(
        (v) => (loaded = v),
        (e: unknown) => {
          loading = null;
          throw e;
        },
      );
      loading = p;
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve(p);
    }
    return loading;
  };
  return {
    start,
    ready: () => loading ?? new Promise<T>((resolve) => waiters.push(resolve)),
    now: () => loaded,
  };
}

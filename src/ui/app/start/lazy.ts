type AsyncKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * A part of the app that loads later (the storage and run code after the first paint, the money service, the fal
 * client): start-up's one way to load something later.
 * - `start()` begins loading, once, and resolves to the part. A failed load is forgotten: the next `start()` tries
 *   again (a chunk that did not download, a database that was busy).
 * - `wait()` waits for the part without starting it: reads made while the first screen renders must not pull it in
 *   before the first paint.
 * - `calls(keys)` stands in for the part's async methods: a call made before the part is here starts it, waits,
 *   and is then made, so nothing done in the first instant is dropped.
 */
export interface Lazy<T> {
  start(): Promise<T>;
  wait(): Promise<T>;
  /** The part once loaded, else null. */
  now(): T | null;
  calls<K extends AsyncKeys<T>>(keys: readonly K[]): Pick<T, K>;
}

/** `failed`: what a failed load rejects with (the part's own kind of error); the error itself by default. */
export function lazy<T>(load: () => Promise<T>, failed: (e: unknown) => unknown = (e) => e): Lazy<T> {
  let loading: Promise<T> | null = null;
  let loaded: T | null = null;
  const waiters: ((p: Promise<T>) => void)[] = [];
  const start = (): Promise<T> => {
    if (loading) return loading;
    const p = load().then(
      (part) => (loaded = part),
      (e: unknown) => {
        loading = null;
        throw failed(e);
      },
    );
    loading = p;
    for (const resolve of waiters.splice(0)) resolve(p);
    return p;
  };
  const calls = <K extends AsyncKeys<T>>(keys: readonly K[]): Pick<T, K> => {
    const out: Partial<Record<K, unknown>> = {};
    for (const key of keys)
      out[key] = async (...args: unknown[]) => {
        const part = await start();
        return (part[key] as (...a: unknown[]) => unknown).apply(part, args);
      };
    return out as Pick<T, K>;
  };
  return {
    start,
    wait: () => loading ?? new Promise<T>((resolve) => waiters.push(resolve)),
    now: () => loaded,
    calls,
  };
}

import type { ResultCache } from "../../engine/ports";

/**
 * Demo mode runs the real executor against the simulated InferenceClient, with results in the
 * cache's own "demo" namespace. Inside that namespace every entry is simulated, so the flag says
 * nothing the namespace does not; the executor, though, never serves a flagged hit (a demo take
 * must not pass for a made video). This view therefore hands hits to the engine without the flag,
 * and stores every result as simulated and free ($0).
 */
export function demoCacheView(inner: ResultCache): ResultCache {
  return {
    async get(key) {
      const hit = await inner.get(key);
      if (!hit) return undefined;
      const { simulated: _s, ...rest } = hit;
      return rest;
    },
    put: (entry) => inner.put({ ...entry, costUsd: 0, simulated: true }),
    getUpload: (hash) => inner.getUpload(hash),
    putUpload: (hash, url) => inner.putUpload(hash, url),
  };
}

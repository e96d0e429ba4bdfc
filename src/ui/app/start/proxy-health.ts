import { createStore } from "zustand/vanilla";
import type { ProxyHealthService, ProxyHealthState } from "../../settings/proxy-health-store";
import { lazy } from "./lazy";

/**
 * The app's proxy checks (one GET each): Settings shows the latest, a fal run checks again before sending. Its
 * state is here at once (for Settings to subscribe to); the checking code and the check itself load on the first
 * check, off the first screen. Before any check there is no latest answer, so no capabilities either.
 */
export function createAppProxyHealth(): ProxyHealthService {
  const state = createStore<ProxyHealthState>()(() => ({ latest: null, checking: null }));
  const service = lazy(async () =>
    (await import("../../settings/proxy-health-store")).createProxyHealthService(
      async (url) => (await import("../../../adapters/proxy-check/check-proxy")).checkProxy(url),
      state,
    ),
  );
  return {
    state,
    check: async (url) => (await service.start()).check(url),
    capabilities: (url) => service.now()?.capabilities(url) ?? [],
  };
}

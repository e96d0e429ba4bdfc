// The latest proxy check for the whole app: Settings shows it, a fal run checks again before sending, and the fal
// client reads what the proxy can do (its capabilities, e.g. "submit-id") from it. One per app, made at start-up
// (src/ui/app/start/proxy-health.ts) and handed to the views in the Services context (`proxyHealth`).
import { createStore, type StoreApi } from "zustand/vanilla";
import { capabilitiesOf, unreachableProxy, type ProxyHealth } from "../../domain/proxy-health";
import { messageOf } from "../../domain/message-of";

export interface ProxyHealthState {
  /** The result of the check that ended last (of the URL asked last); null before any. */
  latest: ProxyHealth | null;
  /** The absolute URL being checked now, if any. */
  checking: string | null;
}

export const createProxyHealthState = (): StoreApi<ProxyHealthState> =>
  createStore<ProxyHealthState>()(() => ({ latest: null, checking: null }));

export interface ProxyHealthService {
  state: StoreApi<ProxyHealthState>;
  /**
   * Checks the proxy at `absoluteUrl` now and makes the answer the latest, unless another URL was asked for
   * meanwhile. A check of the same URL already on its way is shared, not sent twice.
   */
  check(absoluteUrl: string): Promise<ProxyHealth>;
  /** What the proxy at `absoluteUrl` said it can do, from its latest check; none when it was not the one checked. */
  capabilities(absoluteUrl: string): readonly string[];
}

/** `state`: where the answers go (made here by default; the app makes it at start, before this code loads). */
export function createProxyHealthService(
  checkProxy: (absoluteUrl: string) => Promise<ProxyHealth>,
  state: StoreApi<ProxyHealthState> = createProxyHealthState(),
): ProxyHealthService {
  const inFlight = new Map<string, Promise<ProxyHealth>>();
  let asked = "";

  function check(url: string): Promise<ProxyHealth> {
    asked = url;
    state.setState({ checking: url });
    const running = inFlight.get(url);
    if (running) return running;
    const done = checkProxy(url)
      // The check itself never throws; its code failing to load means no answer either.
      .catch((e: unknown) => unreachableProxy(url, messageOf(e)))
      .then((health) => {
        inFlight.delete(url);
        // An answer for a URL the user has since replaced must not stand for the new one.
        if (asked === url) state.setState({ latest: health, checking: null });
        return health;
      });
    inFlight.set(url, done);
    return done;
  }

  return {
    state,
    check,
    capabilities(url) {
      const latest = state.getState().latest;
      return latest && latest.url === url ? capabilitiesOf(latest) : [];
    },
  };
}

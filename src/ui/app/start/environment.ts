import {
  createDexieJobLedger,
  createDexieResultCache,
  type DexieResultCache,
  type ReelflowDb,
} from "../../../adapters/db";
import { createDexieAssetStore } from "../../../adapters/db/asset-store";
import { demoCacheView } from "../../../adapters/demo/demo-cache";
import { SUBMIT_ID_CAPABILITY } from "../../../domain/submit-id";
import { InferenceError } from "../../../engine/errors";
import type { EnginePorts, InferenceClient } from "../../../engine/ports";
import type { RunEnvironment } from "../../run/run-controller";
import type { SettingsStore } from "../../settings/settings-store";
import type { ProxyHealthService } from "../../settings/proxy-health-store";
import { messageOf } from "../../../domain/message-of";
import { lazy } from "./lazy";

export interface AppCaches {
  paid: DexieResultCache;
  demo: DexieResultCache;
  /** The cache of the current mode (for showing results). */
  current(): DexieResultCache;
}

export function createCaches(db: ReelflowDb, settings: SettingsStore): AppCaches {
  const paid = createDexieResultCache(db, { namespace: "paid" });
  const demo = createDexieResultCache(db, { namespace: "demo" });
  return { paid, demo, current: () => (settings.getState().mode === "demo" ? demo : paid) };
}

/**
 * Ports per run, by mode. The demo client and the fal client are loaded on demand (dynamic import),
 * so neither weighs on the first load; the fal client is built again when the proxy URL changes.
 */
export function createRunEnvironment(
  db: ReelflowDb,
  settings: SettingsStore,
  caches: AppCaches,
  demoDelayMs: number,
  proxyHealth: ProxyHealthService,
): RunEnvironment {
  const assets = createDexieAssetStore(db);
  const ledgers = {
    paid: createDexieJobLedger(db, { namespace: "paid" }),
    demo: createDexieJobLedger(db, { namespace: "demo" }),
  };
  let demoClient: InferenceClient | null = null;
  let falClient: { proxyUrl: string; client: InferenceClient } | null = null;

  async function client(mode: "demo" | "fal", proxyUrl: string): Promise<InferenceClient> {
    if (mode === "demo") {
      if (!demoClient) {
        const { createBrowserDemoClient } = await import("../../../adapters/demo/index");
        demoClient = createBrowserDemoClient(demoDelayMs);
      }
      return demoClient;
    }
    if (!falClient || falClient.proxyUrl !== proxyUrl) {
      const { createFalInferenceClient } = await import("../../../adapters/fal/client");
      const absolute = absoluteProxyUrl(proxyUrl);
      // Each submit carries its job's id only to a proxy whose latest check said "submit-id" (issue 20); a run
      // checks the proxy before it sends anything, so that answer is fresh.
      const sendSubmitId = () => proxyHealth.capabilities(absolute).includes(SUBMIT_ID_CAPABILITY);
      falClient = { proxyUrl, client: createFalInferenceClient({ proxyUrl: absolute, sendSubmitId }) };
    }
    return falClient.client;
  }

  return {
    simulated: () => settings.getState().mode === "demo",
    concurrency: settings.getState().concurrency,
    async checkProxy() {
      const { proxyUrl } = settings.getState();
      return {
        health: await proxyHealth.check(absoluteProxyUrl(proxyUrl)),
        place: { proxyUrl, pageUrl: window.location.href },
      };
    },
    async cache() {
      return caches.current();
    },
    async ports(): Promise<EnginePorts> {
      const { mode, proxyUrl } = settings.getState();
      const demo = mode === "demo";
      return {
        // The mode and proxy of this moment, as before; only the loading waits for the first call.
        client: loadedOnFirstCall(() => client(mode, proxyUrl)),
        cache: demo ? demoCacheView(caches.demo) : caches.paid,
        ledger: demo ? ledgers.demo : ledgers.paid,
        assets,
      };
    },
  };
}

/**
 * Ports are also asked for their cache and ledger alone (the bill, the start-up look for unfinished
 * jobs), which must not fetch the fal client (23 kB gzip): it loads at the first call of a run or a
 * resume. A client that could not load has sent nothing, so that failure is a free network error.
 */
export function loadedOnFirstCall(load: () => Promise<InferenceClient>): InferenceClient {
  const notLoaded = (e: unknown) =>
    new InferenceError({
      code: "network",
      message: `The video client could not be loaded: ${messageOf(e)}`,
      mayHaveBeenCharged: false,
    });
  return lazy(load, notLoaded).calls(["submit", "watch", "result", "cancel", "upload"]);
}

/** A relative proxy URL ("/api/fal/proxy", "api/fal/proxy") resolved against the page, as fal's client needs. */
export function absoluteProxyUrl(url: string): string {
  try {
    return new URL(url, window.location.href).toString();
  } catch {
    return url;
  }
}

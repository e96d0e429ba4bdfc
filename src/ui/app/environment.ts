import { createDexieJobLedger, createDexieResultCache, type DexieResultCache, type ReelflowDb } from "../../adapters/db";
import { createDexieAssetStore } from "../../adapters/db/asset-store";
import { demoCacheView } from "../../adapters/demo/demo-cache";
import type { EnginePorts, InferenceClient } from "../../engine/ports";
import type { RunEnvironment } from "../run/run-controller";
import type { SettingsStore } from "../settings/settings-store";

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
export function createRunEnvironment(db: ReelflowDb, settings: SettingsStore, caches: AppCaches, demoDelayMs: number): RunEnvironment {
  const assets = createDexieAssetStore(db);
  const ledgers = { paid: createDexieJobLedger(db, { namespace: "paid" }), demo: createDexieJobLedger(db, { namespace: "demo" }) };
  let demoClient: InferenceClient | null = null;
  let falClient: { proxyUrl: string; client: InferenceClient } | null = null;

  async function client(): Promise<InferenceClient> {
    const { mode, proxyUrl } = settings.getState();
    if (mode === "demo") {
      if (!demoClient) {
        const { createBrowserDemoClient } = await import("../../adapters/demo/index");
        demoClient = createBrowserDemoClient(demoDelayMs);
      }
      return demoClient;
    }
    if (!falClient || falClient.proxyUrl !== proxyUrl) {
      const { createFalInferenceClient } = await import("../../adapters/fal/client");
      falClient = { proxyUrl, client: createFalInferenceClient({ proxyUrl: absoluteProxyUrl(proxyUrl) }) };
    }
    return falClient.client;
  }

  return {
    simulated: () => settings.getState().mode === "demo",
    concurrency: settings.getState().concurrency,
    async cache() {
      return caches.current();
    },
    async ports(): Promise<EnginePorts> {
      const demo = settings.getState().mode === "demo";
      return {
        client: await client(),
        cache: demo ? demoCacheView(caches.demo) : caches.paid,
        ledger: demo ? ledgers.demo : ledgers.paid,
        assets,
      };
    },
  };
}

/** A relative proxy URL ("/api/fal/proxy", "api/fal/proxy") resolved against the page, as fal's client needs. */
export function absoluteProxyUrl(url: string): string {
  try {
    return new URL(url, window.location.href).toString();
  } catch {
    return url;
  }
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeCatalogueStatus } from "../../../src/adapters/catalogue/live-status";
import { createFalPlatformClient, type PlatformClient } from "../../../src/adapters/catalogue/platform";
import { createModelCatalogue, type ModelCatalogueOptions } from "../../../src/adapters/catalogue/service";
import { createMemoryCatalogueStore, type CatalogueStore } from "../../../src/adapters/catalogue/store";
import { endpointId } from "../../../src/domain/ids";
import { priceFactOf, resetCatalogueForTests, unavailableReason } from "../../../src/nodes/catalogue/known";
import { findAdapter } from "../../../src/nodes/registry";
import { falModel, falPrice, LTX, MINIMAX, modelWithoutDocument, priceFact, snapshotOf, WAN } from "./fixtures";
import { startPlatformServer, type PlatformServer } from "./platform-server";

// The catalogue service against a real HTTP server playing fal's Model and Pricing APIs through the proxy.

const SORA = "fal-ai/sora-2/text-to-video";
const HOUR = 60 * 60 * 1000;
const T0 = Date.parse("2026-12-10T12:00:00.000Z");

let server: PlatformServer;
let clock: number;
let store: CatalogueStore;

beforeEach(async () => {
  resetCatalogueForTests();
  clock = T0;
  store = createMemoryCatalogueStore();
  server = await startPlatformServer({
    models: [
      falModel(WAN, "Wan 2.7 Text to Video"),
      falModel(LTX, "LTX 2.3"),
      falModel(MINIMAX, "MiniMax H3", "image-to-video"),
    ],
    prices: [falPrice(WAN, 0.12), falPrice(LTX, 0.06), falPrice(MINIMAX, 0.05), falPrice(SORA, 0.11)],
  });
});
afterEach(async () => {
  await server.close();
  resetCatalogueForTests();
});

/** The snapshot knows Wan (at $0.10/s) but not LTX or MiniMax. */
const snapshot = snapshotOf([falModel(WAN, "Wan 2.7 (snapshot)")], [priceFact(WAN, 0.1, "2026-12-01T00:00:00.000Z")]);

function catalogue(extra: Partial<ModelCatalogueOptions> = {}) {
  return createModelCatalogue({
    platform: createFalPlatformClient({ proxyUrl: server.proxyUrl }),
    store,
    snapshot: async () => snapshot,
    now: () => clock,
    ...extra,
  });
}

const askedFor = (api: "models" | "pricing") =>
  server.callsOf(api).flatMap((r) => r.target.searchParams.getAll("endpoint_id"));
const at = (ms: number) => new Date(ms).toISOString();
const livePrice = (id: string, usd: number, fetchedAt: string) => ({
  ...falPrice(id, usd),
  source: "fal pricing API",
  fetchedAt,
});
const priceAtDefaults = (id: string) => findAdapter(id)!.price({ duration: "5" }, {}).usd;

describe("ensure", () => {
  it("never asks the Model API for a curated endpoint, but records its live price", async () => {
    await catalogue().ensure([endpointId(SORA)]);
    expect(server.callsOf("models")).toHaveLength(0);
    expect(askedFor("pricing")).toEqual([SORA]);
    expect(priceFactOf(SORA)).toMatchObject(livePrice(SORA, 0.11, at(T0)));
    expect(findAdapter(SORA)?.origin).toBeUndefined();
  });

  it("a live answer replaces the snapshot's model and price, and is stored with its time", async () => {
    await catalogue().ensure([endpointId(WAN)]);
    const adapter = findAdapter(WAN);
    expect(adapter?.origin).toEqual({ kind: "schema", from: "live", date: "2026-12-10" });
    expect(priceAtDefaults(WAN)).toBeCloseTo(0.6);
    expect(askedFor("models")).toEqual([WAN]);
    expect(server.callsOf("models")[0]!.target.searchParams.get("expand")).toBe("openapi-3.0");
    expect(await store.getModels([WAN])).toEqual([{ model: server.models.get(WAN), fetchedAt: at(T0) }]);
    expect(await store.getPrices([WAN])).toEqual([livePrice(WAN, 0.12, at(T0))]);
  });

  it("fetches models missing from the snapshot in one call with their prices", async () => {
    await catalogue().ensure([endpointId(LTX), endpointId(MINIMAX)]);
    expect(server.callsOf("models")).toHaveLength(1);
    expect(server.callsOf("pricing")).toHaveLength(1);
    expect(findAdapter(MINIMAX)?.kind).toBe("image-to-video");
    expect(findAdapter(LTX)?.origin).toMatchObject({ from: "live" });
    expect(priceAtDefaults(LTX)).toBeCloseTo(0.3);
  });

  it("uses a stored live record younger than a day without asking fal, and asks again once it is older", async () => {
    const fetchedAt = new Date(T0 - 23 * HOUR).toISOString();
    await store.putModels([{ model: falModel(WAN, "Wan (stored)"), fetchedAt }]);
    await store.putPrices([{ ...falPrice(WAN, 0.2), source: "fal pricing API", fetchedAt }]);
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(server.requests).toHaveLength(0);
    expect(findAdapter(WAN)?.origin).toEqual({ kind: "schema", from: "live", date: "2026-12-09" });
    expect(priceAtDefaults(WAN)).toBeCloseTo(1.0);

    clock += 2 * HOUR;
    await service.ensure([endpointId(WAN)]);
    expect(askedFor("models")).toEqual([WAN]);
    expect(askedFor("pricing")).toEqual([WAN]);
    expect(findAdapter(WAN)?.origin).toEqual({ kind: "schema", from: "live", date: "2026-12-10" });
    expect(priceAtDefaults(WAN)).toBeCloseTo(0.6);
  });

  it("refreshes a price older than a day even when the model is fresh", async () => {
    await store.putModels([{ model: falModel(WAN, "Wan"), fetchedAt: new Date(T0 - HOUR).toISOString() }]);
    await store.putPrices([livePrice(WAN, 0.2, at(T0 - 25 * HOUR))]);
    await catalogue().ensure([endpointId(WAN)]);
    expect(server.callsOf("models")).toHaveLength(0);
    expect(askedFor("pricing")).toEqual([WAN]);
    expect(priceFactOf(WAN)?.unit_price).toBe(0.12);
    expect(priceAtDefaults(WAN)).toBeCloseTo(0.6);
  });

  it("does not ask again for what it resolved (each plan calls ensure)", async () => {
    const service = catalogue();
    await service.ensure([endpointId(WAN), endpointId(SORA)]);
    await service.ensure([endpointId(WAN), endpointId(SORA)]);
    clock += 23 * HOUR;
    await service.ensure([endpointId(WAN)]);
    expect(server.requests).toHaveLength(2);
  });

  it("concurrent look-ups of one endpoint share one request", async () => {
    server.behaviour.delayMs = 100;
    const service = catalogue();
    await Promise.all([
      service.ensure([endpointId(LTX)]),
      service.ensure([endpointId(LTX)]),
      service.ensure([endpointId(LTX), endpointId(MINIMAX)]),
    ]);
    expect(askedFor("models").sort()).toEqual([LTX, MINIMAX].sort());
    expect(askedFor("pricing").filter((id) => id === LTX)).toHaveLength(1);
    expect(findAdapter(LTX)).toBeDefined();
    expect(findAdapter(MINIMAX)).toBeDefined();
  });

  it("an id fal does not know is unavailable with a reason, not an error", async () => {
    await catalogue().ensure([endpointId("nobody/no-such-model")]);
    expect(findAdapter("nobody/no-such-model")).toBeUndefined();
    expect(unavailableReason("nobody/no-such-model")).toBe(
      "fal's catalogue has no model nobody/no-such-model: check the endpoint id on fal.ai/models",
    );
  });

  it("a model whose schema cannot be read is unavailable with the reason", async () => {
    server.models.set("test/broken", modelWithoutDocument("test/broken", "Broken"));
    await catalogue().ensure([endpointId("test/broken")]);
    expect(findAdapter("test/broken")).toBeUndefined();
    expect(unavailableReason("test/broken")).toMatch(/no OpenAPI document for test\/broken: schema generation failed/);
  });

  it("a stored live record whose document fal could not make does not hide the snapshot's working one", async () => {
    await store.putModels([{ model: modelWithoutDocument(WAN, "Wan"), fetchedAt: new Date(T0 - HOUR).toISOString() }]);
    await catalogue().ensure([endpointId(WAN)]);
    expect(findAdapter(WAN)?.origin).toEqual({ kind: "schema", from: "snapshot", date: "2026-12-06" });
  });

  it("a model fal no longer lists keeps its snapshot adapter and shows as deprecated", async () => {
    server.models.delete(WAN);
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(findAdapter(WAN)?.origin).toMatchObject({ from: "snapshot" });
    expect(service.search({ query: "wan" })).toEqual([expect.objectContaining({ endpoint: WAN, deprecated: true })]);
  });

  it("never throws when the store fails", async () => {
    const broken: CatalogueStore = {
      getModels: () => Promise.reject(new Error("disk")),
      putModels: () => Promise.reject(new Error("disk")),
      getPrices: () => Promise.reject(new Error("disk")),
      putPrices: () => Promise.reject(new Error("disk")),
      allModels: () => Promise.reject(new Error("disk")),
      allPrices: () => Promise.reject(new Error("disk")),
    };
    await catalogue({ store: broken }).ensure([endpointId(LTX)]);
    expect(findAdapter(LTX)).toBeDefined();
  });

  it("rejects with the abort reason when the caller gives up, and the look-up still completes", async () => {
    server.behaviour.delayMs = 150;
    const service = catalogue();
    const controller = new AbortController();
    const pending = service.ensure([endpointId(LTX)], controller.signal);
    controller.abort(new DOMException("stop", "AbortError"));
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    await service.ensure([endpointId(LTX)]);
    expect(findAdapter(LTX)).toBeDefined();
    expect(server.callsOf("models")).toHaveLength(1);
  });
});

describe("catalogue down → snapshot used, and said", () => {
  const unreachable = () => createFalPlatformClient({ proxyUrl: "http://127.0.0.1:9/api/fal/proxy", timeoutMs: 2000 });

  it("uses the snapshot's model and price and the status says why", async () => {
    const service = catalogue({ platform: unreachable() });
    await service.ensure([endpointId(WAN)]);
    expect(findAdapter(WAN)?.origin).toEqual({ kind: "schema", from: "snapshot", date: "2026-12-06" });
    expect(priceAtDefaults(WAN)).toBeCloseTo(0.5);
    const status = service.status();
    expect(status.snapshot).toMatchObject({ date: "2026-12-06", origin: "public-material", count: 1 });
    expect(status.live).toMatchObject({ state: "unreachable", checkedAt: new Date(T0).toISOString() });
    expect(describeCatalogueStatus(status)).toMatch(
      new RegExp(
        "^using the bundled snapshot of 2026-12-06: fal's catalogue could not be reached " +
          "\\(no proxy answers at http://127\\.0\\.0\\.1:9/api/fal/proxy",
      ),
    );
  });

  it("an endpoint the snapshot lacks is unavailable, saying both", async () => {
    await catalogue({ platform: unreachable() }).ensure([endpointId(LTX)]);
    expect(unavailableReason(LTX)).toMatch(
      new RegExp(
        "^lightricks/ltx-2\\.3/text-to-video is not in the bundled snapshot \\(2026-12-06\\) " +
          "and fal's catalogue could not be reached: no proxy answers at",
      ),
    );
  });

  it("a refusing proxy is said as such", async () => {
    server.behaviour.answer = { canned: { status: 403, body: JSON.stringify({ error: "target_not_allowed" }) } };
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(service.status().live).toMatchObject({
      state: "refused",
      message: expect.stringContaining("update it or allow"),
    });
    expect(findAdapter(WAN)?.origin).toMatchObject({ from: "snapshot" });
  });

  it("asks again a few minutes after a failure, not on every plan", async () => {
    const platform: PlatformClient = createFalPlatformClient({ proxyUrl: server.proxyUrl });
    server.behaviour.answer = { canned: { status: 503, body: "{}" }, times: 2 };
    const service = catalogue({ platform, retryAfterFailureMs: 60_000 });
    await service.ensure([endpointId(LTX)]);
    expect(service.status().live.state).toBe("unreachable");
    await service.ensure([endpointId(LTX)]);
    expect(server.requests).toHaveLength(2);
    clock += 61_000;
    await service.ensure([endpointId(LTX)]);
    expect(findAdapter(LTX)?.origin).toMatchObject({ from: "live" });
    expect(service.status().live).toMatchObject({ state: "ok" });
    expect(unavailableReason(LTX)).toBeUndefined();
  });

  it("without a live catalogue: the snapshot alone, and missing models say how to look them up", async () => {
    const service = catalogue({ platform: undefined });
    await service.ensure([endpointId(WAN), endpointId(LTX)]);
    expect(service.status().live.state).toBe("not-configured");
    expect(findAdapter(WAN)?.origin).toMatchObject({ from: "snapshot" });
    expect(unavailableReason(LTX)).toMatch(
      /not in the bundled snapshot \(2026-12-06\) and fal's live catalogue is not connected/,
    );
    expect(describeCatalogueStatus(service.status())).toBe(
      "using the bundled snapshot of 2026-12-06 (fal's live catalogue is not connected)",
    );
  });

  it("prices unreadable (a key without pricing rights) keep the snapshot's price and say so apart", async () => {
    const refusal = { error: { type: "authorization_error", message: "admin key required" } };
    server.behaviour.answer = { api: "pricing", canned: { status: 403, body: JSON.stringify(refusal) } };
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(findAdapter(WAN)?.origin).toMatchObject({ from: "live" });
    expect(priceFactOf(WAN)).toMatchObject({ unit_price: 0.1, source: "fal model page" });
    expect(service.status()).toMatchObject({ live: { state: "ok" }, prices: { state: "unauthorized" } });
  });
});

describe("refresh and live search", () => {
  it("refresh asks fal again at once for what is known", async () => {
    const service = catalogue();
    await service.ensure([endpointId(LTX)]);
    server.prices.set(LTX, falPrice(LTX, 0.08));
    await service.refresh([LTX]);
    expect(server.callsOf("models")).toHaveLength(2);
    expect(priceFactOf(LTX)?.unit_price).toBe(0.08);
  });

  it("refresh also keeps the documents of curated endpoints (to compare), never making adapters of them", async () => {
    server.models.set(SORA, falModel(SORA, "Sora 2 (fal)"));
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    await service.refresh();
    expect(askedFor("models")).toContain(SORA);
    expect(askedFor("models").filter((id) => id === WAN)).toHaveLength(2);
    expect(await store.getModels([SORA])).toEqual([{ model: server.models.get(SORA), fetchedAt: at(T0) }]);
    expect(findAdapter(SORA)?.origin).toBeUndefined();
    expect(unavailableReason("fal-ai/veo3.1")).toBeUndefined();
    // A plain look-up still never asks for a curated document.
    clock += 25 * HOUR;
    await service.ensure([endpointId(SORA)]);
    expect(askedFor("models").filter((id) => id === SORA)).toHaveLength(1);
  });

  it("searchLive asks fal's search for active models and prices them", async () => {
    const service = catalogue();
    const found = await service.searchLive("h3", "image-to-video");
    expect(found).toEqual([
      expect.objectContaining({ endpoint: MINIMAX, kind: "image-to-video", curated: false, pricePerSecondUsd: 0.05 }),
    ]);
    const q = server.callsOf("models")[0]!.target.searchParams;
    expect([q.get("q"), q.get("category"), q.get("status")]).toEqual(["h3", "image-to-video", "active"]);
    expect(priceFactOf(MINIMAX)?.unit_price).toBe(0.05);
    expect(await catalogue({ platform: undefined }).searchLive("h3")).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeCatalogueStatus } from "../../../src/adapters/catalogue/live-status";
import { createFalPlatformClient } from "../../../src/adapters/catalogue/platform";
import { createModelCatalogue } from "../../../src/adapters/catalogue/service";
import { createMemoryCatalogueStore } from "../../../src/adapters/catalogue/store";
import { endpointId } from "../../../src/domain/ids";
import type { FalModel } from "../../../src/nodes/catalogue/fal-api";
import { priceFactOf, resetCatalogueForTests, unavailableReason } from "../../../src/nodes/catalogue/known";
import { findAdapter } from "../../../src/nodes/registry";
import { wan27TextToVideo } from "../../fake-fal/catalogue/wan27";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { priceFact, snapshotOf } from "./fixtures";

// The catalogue service through the fake fal acting as the proxy: its Model and Pricing APIs, and its failures.

const WAN = "fal-ai/wan/v2.7/text-to-video";
const WAN_REF = "fal-ai/wan/v2.7/reference-to-video";
const MINIMAX = "minimax/h3/image-to-video";
const LTX_EXTEND = "fal-ai/ltx-2.3/extend-video";
const FLUX = "fal-ai/flux/dev";
const SORA = "fal-ai/sora-2/text-to-video";

let fake: FakeFal;
beforeEach(async () => {
  resetCatalogueForTests();
  fake = await startFakeFal();
});
afterEach(async () => {
  await fake.close();
  resetCatalogueForTests();
});

/** The snapshot has Wan 2.7 at an older price of $0.08/s. */
const snapshot = snapshotOf([wan27TextToVideo.model as FalModel], [priceFact(WAN, 0.08, "2026-11-01T00:00:00.000Z")]);

const catalogue = () =>
  createModelCatalogue({
    platform: createFalPlatformClient({ proxyUrl: fake.url }),
    store: createMemoryCatalogueStore(),
    snapshot: async () => snapshot,
  });

describe("catalogue service through the fake fal", () => {
  it("resolves uncurated models of three kinds in one call to each API, and says why others cannot run", async () => {
    const ids = [WAN, MINIMAX, LTX_EXTEND, WAN_REF, FLUX, "nobody/no-such-model", SORA].map(endpointId);
    await catalogue().ensure(ids);
    expect(fake.requestsOf("models")).toHaveLength(1);
    expect(fake.requestsOf("pricing")).toHaveLength(1);
    expect(findAdapter(WAN)).toMatchObject({ kind: "text-to-video", origin: { kind: "schema", from: "live" } });
    expect(findAdapter(MINIMAX)?.kind).toBe("image-to-video");
    expect(findAdapter(LTX_EXTEND)?.kind).toBe("remix");
    expect(priceFactOf(WAN)).toMatchObject({ unit_price: 0.1, source: "fal pricing API" });
    expect(priceFactOf(SORA)?.source).toBe("fal pricing API");
    expect(unavailableReason(WAN_REF)).toMatch(/OpenAPI/);
    // FLUX.1 [dev] has a curated adapter since image nodes came (issue 19): it is not looked up, never unavailable.
    expect(findAdapter(FLUX)?.kind).toBe("text-to-image");
    expect(findAdapter(FLUX)?.origin).toBeUndefined();
    expect(unavailableReason(FLUX)).toBeUndefined();
    expect(unavailableReason("nobody/no-such-model")).toMatch(/^fal's catalogue has no model nobody\/no-such-model/);
  });

  it("catalogue down (503): the snapshot's model and price are used, and the status says so", async () => {
    fake.set({ catalogueDown: true });
    const service = catalogue();
    await service.ensure([endpointId(WAN), endpointId(MINIMAX)]);
    expect(findAdapter(WAN)?.origin).toEqual({ kind: "schema", from: "snapshot", date: "2026-12-06" });
    expect(priceFactOf(WAN)?.unit_price).toBe(0.08);
    expect(unavailableReason(MINIMAX)).toMatch(
      new RegExp(
        "^minimax/h3/image-to-video is not in the bundled snapshot \\(2026-12-06\\) " +
          "and fal's catalogue could not be reached: .*HTTP 503",
      ),
    );
    expect(describeCatalogueStatus(service.status())).toMatch(
      /^using the bundled snapshot of 2026-12-06: fal's catalogue could not be reached \(.*HTTP 503/,
    );
  });

  it("catalogue connection cut: unreachable, not 'no proxy'", async () => {
    fake.set({ catalogueDown: "drop" });
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(service.status().live).toMatchObject({
      state: "unreachable",
      message: expect.stringContaining("broke off"),
    });
    expect(findAdapter(WAN)?.origin).toMatchObject({ from: "snapshot" });
  });

  it("a proxy without a key: unauthorized, said", async () => {
    fake.set({ noKey: true });
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(service.status().live.state).toBe("unauthorized");
    expect(describeCatalogueStatus(service.status())).toMatch(
      /^using the bundled snapshot of 2026-12-06: fal's catalogue refused the key/,
    );
  });

  it("prices refused (403) while models answer: live models, snapshot prices, said apart", async () => {
    fake.set({ pricingStatus: 403 });
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    expect(findAdapter(WAN)?.origin).toMatchObject({ from: "live" });
    expect(priceFactOf(WAN)?.unit_price).toBe(0.08);
    expect(service.status()).toMatchObject({ live: { state: "ok" }, prices: { state: "unauthorized" } });
  });

  it("searchLive finds active models by words and category", async () => {
    const found = await catalogue().searchLive("wan", "text-to-video");
    expect(found.map((r) => r.endpoint)).toContain(WAN);
    expect(found.every((r) => r.kind === "text-to-video")).toBe(true);
    expect(found.find((r) => r.endpoint === WAN)).toMatchObject({ pricePerSecondUsd: 0.1, curated: false });
  });
});

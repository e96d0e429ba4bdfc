import { performance } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createModelCatalogue } from "../../../src/adapters/catalogue/service";
import { createMemoryCatalogueStore, type CatalogueStore } from "../../../src/adapters/catalogue/store";
import { endpointId } from "../../../src/domain/ids";
import { resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import { allAdapters } from "../../../src/nodes/registry";
import { falModel, HAPPY, LTX, MINIMAX, priceFact, snapshotOf, WAN } from "./fixtures";

// The model picker's list: curated first, then snapshot and live models, filtered on every keystroke.

const T0 = Date.parse("2026-12-10T12:00:00.000Z");
const OLD_VEO = "fal-ai/old-veo/text-to-video";

const snapshot = snapshotOf(
  [
    falModel(WAN, "Wan 2.7 Text to Video"),
    falModel(LTX, "LTX 2.3"),
    falModel(MINIMAX, "MiniMax H3 Image to Video", "image-to-video"),
    falModel(HAPPY, "Happy Horse Video Edit", "video-to-video"),
    falModel(OLD_VEO, "Old Veo", "text-to-video", "deprecated"),
    // A curated endpoint in the snapshot is listed once, as curated.
    falModel("fal-ai/sora-2/text-to-video", "Sora 2 (snapshot)"),
  ],
  [
    priceFact(WAN, 0.1, "2026-12-01T00:00:00.000Z"),
    { ...priceFact(LTX, 0.5, "2026-12-01T00:00:00.000Z"), unit: "videos" },
  ],
);

let store: CatalogueStore;
beforeEach(() => {
  resetCatalogueForTests();
  store = createMemoryCatalogueStore();
});
afterEach(() => resetCatalogueForTests());

const catalogue = () => createModelCatalogue({ store, snapshot: async () => snapshot, now: () => T0 });

describe("search", () => {
  it("lists curated models first, in the registry's order, then the others by name", async () => {
    const service = catalogue();
    await service.ready();
    const rows = service.search();
    const curated = allAdapters().map((a) => a.endpoint);
    expect(rows.slice(0, curated.length).map((r) => r.endpoint)).toEqual(curated);
    expect(rows.slice(0, curated.length).every((r) => r.curated && r.origin.kind === "curated")).toBe(true);
    expect(rows.slice(curated.length).map((r) => r.name)).toEqual([
      "Happy Horse Video Edit",
      "LTX 2.3",
      "MiniMax H3 Image to Video",
      "Old Veo",
      "Wan 2.7 Text to Video",
    ]);
    expect(rows.filter((r) => r.endpoint === "fal-ai/sora-2/text-to-video")).toHaveLength(1);
  });

  it("before ready() it lists the curated models alone", () => {
    expect(
      catalogue()
        .search()
        .every((r) => r.curated),
    ).toBe(true);
  });

  it("filters by kind, category and every word of the query, ignoring case", async () => {
    const service = catalogue();
    await service.ready();
    const endpoints = (q: Parameters<typeof service.search>[0]) => service.search(q).map((r) => r.endpoint);
    expect(endpoints({ query: "WAN 2.7" })).toEqual([WAN]);
    expect(endpoints({ query: "lightricks" })).toEqual([LTX]);
    expect(endpoints({ query: "h3 video" })).toEqual([MINIMAX]);
    expect(endpoints({ query: "wan horse" })).toEqual([]);
    const i2v = service.search({ kind: "image-to-video" });
    expect(i2v.every((r) => r.kind === "image-to-video")).toBe(true);
    expect(i2v.filter((r) => !r.curated).map((r) => r.endpoint)).toEqual([MINIMAX]);
    const edits = service.search({ category: "video-to-video" }).filter((r) => !r.curated);
    expect(edits.map((r) => r.endpoint)).toEqual([HAPPY]);
    expect(service.search({ kind: "remix" }).some((r) => r.endpoint === HAPPY)).toBe(true);
  });

  it("says each model's price per second and its basis, never $0 for an unknown one", async () => {
    const service = catalogue();
    await service.ready();
    const row = (id: string) => service.search().find((r) => r.endpoint === id)!;
    expect(row(WAN)).toMatchObject({
      pricePerSecondUsd: 0.1,
      priceBasis: "$0.10/s (fal model page, 2026-12-01)",
      origin: { kind: "schema", from: "snapshot", date: "2026-12-06" },
      deprecated: false,
    });
    expect(row(LTX)).toMatchObject({
      pricePerSecondUsd: null,
      priceBasis: "$0.50 per video (fal model page, 2026-12-01)",
    });
    expect(row(MINIMAX)).toMatchObject({ pricePerSecondUsd: null, priceBasis: "price unknown" });
    expect(row(OLD_VEO).deprecated).toBe(true);
    const sora = row("fal-ai/sora-2/text-to-video");
    expect(sora.curated).toBe(true);
    expect(sora.pricePerSecondUsd).toBeGreaterThan(0);
  });

  it("a stored live model replaces the snapshot's row", async () => {
    await store.putModels([{ model: falModel(WAN, "Wan 2.7 (live)"), fetchedAt: "2026-12-09T08:00:00.000Z" }]);
    const service = catalogue();
    await service.ready();
    expect(service.search({ query: "wan" })).toEqual([
      expect.objectContaining({
        endpoint: WAN,
        name: "Wan 2.7 (live)",
        origin: { kind: "schema", from: "live", date: "2026-12-09" },
      }),
    ]);
  });

  it("shows a resolved model's own price at its defaults", async () => {
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    const row = service.search({ query: "wan" })[0]!;
    expect(row.pricePerSecondUsd).toBeCloseTo(0.1);
    expect(row.priceBasis).toContain("$0.10/s");
  });

  it("filters 500 models well within a frame", async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      falModel(`vendor-${i % 37}/model-${i}/text-to-video`, `Model ${i} Turbo ${i % 7}`),
    );
    const big = createModelCatalogue({ store, snapshot: async () => snapshotOf(many, []), now: () => T0 });
    await big.ready();
    expect(big.search().length).toBeGreaterThanOrEqual(500);
    const queries = ["m", "mo", "mod", "mode", "model", "model 4", "model 42", "turbo 3", "vendor-1", "zzz"];
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const query of queries) {
        const start = performance.now();
        big.search({ query, kind: "text-to-video" });
        times.push(performance.now() - start);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    expect(median).toBeLessThan(2);
    expect(big.search({ query: "MODEL-421/" }).map((r) => r.endpoint)).toEqual(["vendor-14/model-421/text-to-video"]);
    const hits = big.search({ query: "model 42" });
    expect(hits.length).toBe(15);
    expect(hits.every((r) => r.name.includes("Model") && `${r.endpoint} ${r.name}`.includes("42"))).toBe(true);
  });
});

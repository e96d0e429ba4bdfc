import { beforeEach, afterEach, describe, expect, it } from "vitest";
import { createModelCatalogue } from "../../../src/adapters/catalogue/service";
import { createMemoryCatalogueStore } from "../../../src/adapters/catalogue/store";
import { endpointId } from "../../../src/domain/ids";
import type { CatalogueSnapshot } from "../../../src/nodes/catalogue/fal-api";
import { resetCatalogueForTests, unavailableReason } from "../../../src/nodes/catalogue/known";
import { findAdapter } from "../../../src/nodes/registry";
import { falModel, priceFact, snapshotOf, WAN } from "./fixtures";

// The bundled snapshot comes in two parts (video models, image models), each loaded on its own: a user who only
// makes videos never loads the image part. Counted here through the two loaders the service is given.

const IMAGE = "acme/pixel/text-to-image";
const UNKNOWN = "nobody/made-this/text-to-video";

const video = snapshotOf([falModel(WAN, "Wan 2.7")], [priceFact(WAN, 0.1, "2026-12-01T00:00:00.000Z")]);
const image = snapshotOf([falModel(IMAGE, "Acme Pixel", "text-to-image")], []);

let loads: { video: number; image: number };

function catalogue() {
  const counted = (part: keyof typeof loads, s: CatalogueSnapshot) => async () => {
    loads[part] += 1;
    return s;
  };
  return createModelCatalogue({
    store: createMemoryCatalogueStore(),
    snapshot: counted("video", video),
    imageSnapshot: counted("image", image),
  });
}

beforeEach(() => {
  resetCatalogueForTests();
  loads = { video: 0, image: 0 };
});
afterEach(() => resetCatalogueForTests());

const endpoints = (rows: readonly { endpoint: string }[]) => rows.map((r) => r.endpoint);

describe("the snapshot's two parts", () => {
  it("video work (ensure of a video id, a video kind's picker) loads the video part alone", async () => {
    const service = catalogue();
    await service.ensure([endpointId(WAN)]);
    await service.ready("text-to-video");
    expect(endpoints(service.search({ kind: "text-to-video" }))).toContain(WAN);
    await service.ready("remix");
    expect(findAdapter(WAN)?.kind).toBe("text-to-video");
    expect(loads).toEqual({ video: 1, image: 0 });
    expect(service.status().snapshot.count).toBe(1);
  });

  it("an image kind's picker loads the image part, once", async () => {
    const service = catalogue();
    await service.ready("text-to-video");
    expect(endpoints(service.search({ kind: "text-to-image" }))).not.toContain(IMAGE);
    await service.ready("text-to-image");
    expect(endpoints(service.search({ kind: "text-to-image" }))).toContain(IMAGE);
    await service.ready("image-edit");
    await service.ensure([endpointId(IMAGE)]);
    expect(findAdapter(IMAGE)?.kind).toBe("text-to-image");
    expect(loads).toEqual({ video: 1, image: 1 });
    expect(service.status().snapshot.count).toBe(2);
  });

  it("an id not in the video part is looked up in the image part (loaded once for both ids)", async () => {
    const service = catalogue();
    await Promise.all([service.ensure([endpointId(IMAGE)]), service.ensure([endpointId(UNKNOWN)])]);
    expect(findAdapter(IMAGE)?.kind).toBe("text-to-image");
    // In neither part: the snapshot's answer, as before the split (no live catalogue here).
    expect(unavailableReason(UNKNOWN)).toContain("is not in the bundled snapshot (2026-12-06)");
    expect(loads).toEqual({ video: 1, image: 1 });
  });

  it("ready() for every kind (the CLI's listing, Settings) loads both parts", async () => {
    const service = catalogue();
    await service.ready();
    expect(endpoints(service.search())).toEqual(expect.arrayContaining([WAN, IMAGE]));
    expect(loads).toEqual({ video: 1, image: 1 });
  });

  it("a single loader (no image part given) is the whole snapshot", async () => {
    const service = createModelCatalogue({
      store: createMemoryCatalogueStore(),
      snapshot: async () => snapshotOf([...video.models, ...image.models], video.prices),
    });
    await service.ready("text-to-image");
    expect(endpoints(service.search({ kind: "text-to-image" }))).toContain(IMAGE);
    await service.ensure([endpointId(UNKNOWN)]);
    expect(unavailableReason(UNKNOWN)).toContain("is not in the bundled snapshot");
  });
});

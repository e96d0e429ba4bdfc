import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CatalogueSnapshot, FalModel, PriceFact } from "../../src/nodes/catalogue/fal-api";
import { curatedDrift, type CuratedDriftFinding } from "../../src/nodes/catalogue/curated-drift";
import { falQuotedRate } from "../../src/nodes/models/quoted-rates";
import { allAdapters } from "../../src/nodes/registry";
import { driftFixture, inputSchemaOf } from "./models/drift-fixture";

/**
 * Curated adapters are hand-checked overrides of fal's own description; this keeps them honest against it
 * (issue 15, item 3): against the bundled snapshot (src/adapters/catalogue/fal-video-models.snapshot.json),
 * or against a small hand-written fixture until that file exists.
 */
const SNAPSHOT = join(
  import.meta.dirname,
  "..",
  "..",
  "src",
  "adapters",
  "catalogue",
  "fal-video-models.snapshot.json",
);
const haveSnapshot = existsSync(SNAPSHOT);
const catalogue = (): CatalogueSnapshot =>
  haveSnapshot ? (JSON.parse(readFileSync(SNAPSHOT, "utf8")) as CatalogueSnapshot) : driftFixture();

/**
 * The findings the bundled snapshot is expected to give, each explained. The first snapshot (origin
 * "public-material") takes its schemas from fal-js 1.10.1's endpoint types, where Veo 3.1's input is an alias
 * of Veo 3's (`Veo31Input = veo3Input`), which knows no 4k. fal-js at commit 381105e (the curated adapters'
 * source) and fal's price text (4k $0.40 / $0.60 per s, Fast $0.30 / $0.35) list 4k, so the adapters keep
 * offering it. A snapshot made from fal's own answer (`npm run catalog:update`) settles it: update this list.
 */
const VEO_4K_BEFORE_FAL_JS_KNEW_IT = [
  "fal-ai/veo3.1/fast",
  "fal-ai/veo3.1",
  "fal-ai/veo3.1/fast/image-to-video",
  "fal-ai/veo3.1/image-to-video",
].map((endpoint): CuratedDriftFinding => ({
  endpoint,
  field: "resolution",
  message: `Reelflow sends resolution "4k", but fal's schema lists only "720p", "1080p"`,
}));

describe("curated adapters against the bundled catalogue", () => {
  const snap = catalogue();

  it(`differ from fal's schemas and prices only where known and explained (${haveSnapshot ? "snapshot" : "fixture"})`, () => {
    const known = haveSnapshot && snap.origin === "public-material" ? VEO_4K_BEFORE_FAL_JS_KNEW_IT : [];
    expect(curatedDrift(snap)).toEqual(known);
  });

  it("are compared at all: curated endpoints with a schema and with a price are in it", () => {
    const curated = new Set<string>(allAdapters().map((a) => a.endpoint));
    const withSchema = snap.models.filter((m) => curated.has(m.endpoint_id));
    const withPrice = snap.prices.filter((p) => curated.has(p.endpoint_id));
    expect(withSchema.length).toBeGreaterThanOrEqual(3);
    expect(withPrice.length).toBeGreaterThanOrEqual(4);
  });
});

describe("curatedDrift flags each kind of difference", () => {
  const VEO = "fal-ai/veo3.1/fast";
  const KLING = "fal-ai/kling-video/o3/standard/text-to-video";
  const model = (snap: CatalogueSnapshot, endpoint: string): FalModel => {
    const m = snap.models.find((x) => x.endpoint_id === endpoint);
    if (!m) throw new Error(`fixture lacks ${endpoint}`);
    return m;
  };
  const driftOf = (change: (snap: CatalogueSnapshot) => void) => {
    const snap = driftFixture();
    change(snap);
    return curatedDrift(snap);
  };

  it("the fixture itself agrees with the adapters", () => {
    expect(curatedDrift(driftFixture())).toEqual([]);
  });

  it("a field the adapter sends that fal's schema lacks", () => {
    const found = driftOf((s) => delete inputSchemaOf(model(s, VEO)).properties.safety_tolerance);
    expect(found).toEqual([
      {
        endpoint: VEO,
        field: "safety_tolerance",
        message: `Reelflow sends "safety_tolerance", which fal's schema for ${VEO} does not have`,
      },
    ]);
  });

  it("an enum option fal does not list, and a value of the wrong type, in fal's form as sent", () => {
    const fewer = driftOf((s) => {
      inputSchemaOf(model(s, KLING)).properties.duration = { type: "string", enum: ["5", "10"], default: "5" };
    });
    expect(fewer.map((f) => f.message)).toContain(`Reelflow sends duration "3", but fal's schema lists only "5", "10"`);
    expect(fewer.every((f) => f.endpoint === KLING && f.field === "duration")).toBe(true);
    expect(fewer).toHaveLength(11); // 3 to 15 offered, all but "5" and "10" refused
    const asNumber = driftOf((s) => {
      inputSchemaOf(model(s, KLING)).properties.duration = {
        anyOf: [{ type: "integer" }, { type: "null" }],
        default: 5,
      };
    });
    expect(asNumber[0]).toEqual({
      endpoint: KLING,
      field: "duration",
      message: `Reelflow sends duration "5" by default, but fal's schema wants integer`,
    });
  });

  it("a bound fal sets that the adapter's range passes", () => {
    const found = driftOf((s) => {
      inputSchemaOf(model(s, VEO)).properties.seed = {
        anyOf: [{ type: "integer", minimum: 0, maximum: 999 }, { type: "null" }],
      };
    });
    expect(found).toEqual([
      { endpoint: VEO, field: "seed", message: "Reelflow offers seed up to 2147483647; fal's maximum is 999" },
    ]);
  });

  it("a field fal requires that the adapter never sends", () => {
    const found = driftOf((s) => {
      const input = inputSchemaOf(model(s, VEO));
      input.properties.style = { type: "string" };
      input.required.push("style");
    });
    expect(found).toEqual([
      { endpoint: VEO, field: "style", message: `fal requires "style", which Reelflow never sends` },
    ]);
  });

  it("a document fal could not make is said, not skipped", () => {
    const found = driftOf((s) => {
      model(s, VEO).openapi = { error: { code: "schema_unavailable", message: "could not build the schema" } };
    });
    expect(found).toEqual([
      { endpoint: VEO, message: `fal gave no OpenAPI document for ${VEO}: could not build the schema` },
    ]);
  });

  it("a curated tier that differs from fal's one rate (audio on at 720p/1080p), or from a resolution tier", () => {
    const found = driftOf((s) => {
      const veo = s.prices.find((p) => p.endpoint_id === VEO);
      if (veo)
        Object.assign(veo, {
          unit_price: 0.2,
          tiers: { "720p": 0.2, "1080p": 0.2, "4k": 0.35 },
          source: "fal pricing API",
          fetchedAt: "2026-12-06T08:00:00Z",
        });
    });
    expect(found).toEqual([
      {
        endpoint: VEO,
        message:
          "fal's rate is $0.2 per second (fal pricing API, 2026-12-06); Reelflow's table has $0.15 (720p/1080p, audio on)",
      },
      {
        endpoint: VEO,
        message:
          "fal's 720p rate is $0.2 (fal pricing API, 2026-12-06); Reelflow's table has $0.15 (720p/1080p, audio on)",
      },
      {
        endpoint: VEO,
        message:
          "fal's 1080p rate is $0.2 (fal pricing API, 2026-12-06); Reelflow's table has $0.15 (720p/1080p, audio on)",
      },
    ]);
  });

  it("an edit's rate that matches neither published figure, and a unit the table is not in", () => {
    const found = driftOf((s) => {
      const edit = s.prices.find((p) => p.endpoint_id === "fal-ai/kling-video/o3/pro/video-to-video/edit");
      if (edit) edit.unit_price = 0.2;
      const seedance = s.prices.find((p) => p.endpoint_id === "bytedance/seedance-2.0/text-to-video");
      if (seedance) seedance.unit = "seconds";
    });
    expect(found).toEqual([
      {
        endpoint: "fal-ai/kling-video/o3/pro/video-to-video/edit",
        message:
          "fal's rate is $0.2 per second (fixture: published price, 2026-12-05); Reelflow's table has $0.336 or $0.168 (per second of the source video)",
      },
      {
        endpoint: "bytedance/seedance-2.0/text-to-video",
        message:
          "fal prices it in USD per seconds (fixture: published price, 2026-12-05); Reelflow's table is in USD per units",
      },
    ]);
  });

  it("checks only the adapters it is given, so the app can check one model against its live answer", () => {
    const snap = driftFixture();
    const veo = allAdapters().filter((a) => a.endpoint === VEO);
    delete inputSchemaOf(model(snap, KLING)).properties.aspect_ratio;
    expect(curatedDrift(snap, veo)).toEqual([]);
    expect(curatedDrift({ models: [model(snap, KLING)] }).map((f) => f.field)).toEqual(["aspect_ratio"]);
  });
});

describe("curatedDrift on the curated image models (per image)", () => {
  const FLUX = "fal-ai/flux/dev";
  const NB = "fal-ai/nano-banana/edit";
  const NB2 = "fal-ai/nano-banana-2";
  const live = (endpoint: string, unit_price: number, extra: Partial<PriceFact> = {}): PriceFact => ({
    endpoint_id: endpoint,
    unit_price,
    unit: "image",
    currency: "USD",
    source: "fal pricing API",
    fetchedAt: "2026-12-06T08:00:00Z",
    ...extra,
  });

  it("has a quoted rate for every curated image model", () => {
    const images = allAdapters().filter((a) => a.kind === "text-to-image" || a.kind === "image-edit");
    expect(images.length).toBeGreaterThanOrEqual(7);
    for (const a of images) expect(falQuotedRate(a.endpoint), a.endpoint).toMatchObject({ unit: "image" });
  });

  it("agrees with fal's rate per image (either spelling of the unit), and reports a different one", () => {
    expect(curatedDrift({ prices: [live(FLUX, 0.025), live(NB, 0.039), live(NB2, 0.08, { unit: "images" })] })).toEqual(
      [],
    );
    expect(curatedDrift({ prices: [live(FLUX, 0.03), live(NB, 0.045)] })).toEqual([
      {
        endpoint: FLUX,
        message: "fal's rate is $0.03 per image (fal pricing API, 2026-12-06); Reelflow's table has $0.025 (per image)",
      },
      {
        endpoint: NB,
        message:
          "fal's rate is $0.045 per image (fal pricing API, 2026-12-06); Reelflow's table has $0.039 (per image)",
      },
    ]);
  });

  it("compares Nano Banana's size tiers, and says when fal prices per megapixel instead (in the adapters' order)", () => {
    const tiers = { "0.5K": 0.06, "1K": 0.08, "2K": 0.12, "4K": 0.2 };
    expect(curatedDrift({ prices: [live(NB2, 0.08, { tiers }), live(FLUX, 0.025, { unit: "megapixels" })] })).toEqual([
      {
        endpoint: FLUX,
        message:
          "fal prices it in USD per megapixels (fal pricing API, 2026-12-06); Reelflow's table is in USD per image",
      },
      {
        endpoint: NB2,
        message: "fal's 4K rate is $0.2 (fal pricing API, 2026-12-06); Reelflow's table has $0.16 (per image)",
      },
    ]);
  });
});

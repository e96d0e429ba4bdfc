import { endpointId } from "../../../src/domain/ids";
import { registerCatalogueAdapters, resetCatalogueForTests } from "../../../src/nodes/catalogue/known";
import { sora2TextToVideo } from "../../../src/nodes/models/sora2";
import type { ModelAdapter } from "../../../src/nodes/types";

/**
 * Every curated model has a price now, so tests of the "price unknown" path (bill, budgets, the question
 * before Run) use a catalogue text-to-video model whose unit fal prices in cannot be turned into dollars:
 * Sora 2's params and body under another endpoint, priced `usd: null` as a schema-driven adapter prices
 * an unknown unit. Register it before planning; `forgetUnpricedModel` clears the catalogue table.
 */
export const UNPRICED_T2V = "test-owner/unpriced/text-to-video";

export const unpricedModel: ModelAdapter = {
  ...sora2TextToVideo,
  endpoint: endpointId(UNPRICED_T2V),
  family: "Unpriced",
  variant: "",
  label: "Unpriced Video",
  retired: undefined,
  price: () => ({ usd: null, upperBound: false, basis: "price unknown (unit units)" }),
  origin: { kind: "schema", from: "snapshot", date: "2026-12-05" },
};

export const registerUnpricedModel = (): void => registerCatalogueAdapters([unpricedModel]);
export const forgetUnpricedModel = (): void => resetCatalogueForTests();

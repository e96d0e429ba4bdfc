import { catalogueEntry, type FakeCatalogueEntry } from "../fake-fal/catalogue/index";
import { choice, text, videoOut } from "../fake-fal/catalogue/openapi";

/** Only in the fake's live catalogue, without a row in its Pricing API: a model of unknown price. */
export const UNPRICED = "reelflow-test/unpriced/text-to-video";

/** Add it with `fake.addModel(unpricedModel)` after each `fake.reset()`. */
export const unpricedModel: FakeCatalogueEntry = catalogueEntry({
  endpointId: UNPRICED,
  displayName: "Unpriced Test Video",
  category: "text-to-video",
  description: "A text-to-video model fal lists without a price.",
  date: "2026-11-01T00:00:00Z",
  document: {
    input: {
      title: "UnpricedTextToVideoInput",
      properties: { prompt: text("The prompt."), duration: choice([4, 8], "Seconds of video.", { default: 4 }) },
      required: ["prompt"],
    },
    output: {
      title: "UnpricedTextToVideoOutput",
      properties: { video: videoOut("File", "The video.") },
      required: ["video"],
    },
  },
});

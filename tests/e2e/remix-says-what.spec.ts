// Issue 16, item 5: a Remix model says what it does with the clip (Kling O3 Edit restyles it, Veo 3.1 Extend
// continues it), on the node, in its prompt field and in the model picker, for curated models and for fal's
// catalogue models (read from their endpoint ids); the palette's Remix starts on an edit model.
import { addFromPalette, closeExamples, expect, openInDemo, test } from "./fixtures";

test("Remix: the palette's node edits; choosing an extend model says the prompt describes what happens next", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  const remix = await addFromPalette(page, "Remix", "remix");
  const modelButton = remix.getByRole("button", { name: /^Model / });
  await expect(modelButton).toHaveAttribute("data-endpoint", /\/video-to-video\/edit$/);
  await expect(remix.getByTestId("model-action")).toHaveText(
    "Edit: restyles the clip; the prompt describes the change",
  );
  await expect(remix.getByLabel("Prompt", { exact: true })).toHaveAttribute("placeholder", /change/);

  // The picker says it for every row: curated and catalogue models alike.
  await modelButton.click();
  const picker = page.getByRole("dialog", { name: /^Model of / });
  const row = (endpoint: string) => picker.locator(`[role="option"][data-endpoint="${endpoint}"]`);
  await expect(row("fal-ai/veo3.1/extend-video").getByTestId("row-action")).toHaveText("continues the clip");
  await expect(row("fal-ai/kling-video/o3/standard/video-to-video/edit").getByTestId("row-action")).toHaveText(
    "restyles the clip",
  );
  await picker.getByRole("combobox", { name: "Search models" }).fill("topaz upscale");
  await expect(row("fal-ai/topaz/upscale/video").getByTestId("row-action")).toHaveText("upscales the clip");
  await picker.getByRole("combobox", { name: "Search models" }).fill("extend");
  await expect(row("xai/grok-imagine-video/extend-video").getByTestId("row-action")).toHaveText("continues the clip");

  await row("fal-ai/veo3.1/extend-video").click();
  await expect(modelButton).toHaveAttribute("data-endpoint", "fal-ai/veo3.1/extend-video");
  await expect(remix.getByTestId("model-action")).toHaveText(
    "Extend: continues the clip; the prompt describes what happens next",
  );
  await expect(remix.getByLabel("Prompt", { exact: true })).toHaveAttribute("placeholder", /what happens next/);

  // A catalogue model's action is read from its endpoint id once picked.
  await modelButton.click();
  await picker.getByRole("combobox", { name: "Search models" }).fill("grok imagine edit");
  await row("xai/grok-imagine-video/edit-video").click();
  await expect(modelButton).toHaveAttribute("data-endpoint", "xai/grok-imagine-video/edit-video");
  await expect(remix.getByTestId("model-action")).toHaveText(
    "Edit: restyles the clip; the prompt describes the change",
  );
});

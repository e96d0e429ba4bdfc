// Issue 19: prompt → Text-to-Image → Image-to-Video built from the palette, as a person would: run through the fake
// fal as proxy (one job per node), the images kept across a reload, and another image of the batch chosen on the
// node re-runs only what is downstream; the same chain in Demo mode draws simulated images, sending nothing.
import type { Locator, Page } from "@playwright/test";
import {
  addFromPalette,
  closeExamples,
  dragConnect,
  expect,
  handle,
  moveNode,
  openInDemo,
  openWithProxy,
  runAll,
  test,
} from "./fixtures";
import { waitForSavedWorkflow } from "./saved-rows";

const SCENE = "a lighthouse on a rocky point at dawn";
const MOTION = "waves roll in and gulls cross the frame";

/** Builds the chain from the palette; the image node asks for two images. Returns the two generation nodes. */
async function buildChain(page: Page): Promise<{ still: Locator; move: Locator }> {
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  await moveNode(page, prompt, -470, -60);
  await prompt.getByLabel("Prompt text").fill(SCENE);
  const still = await addFromPalette(page, "Text-to-Image", "text-to-image");
  await moveNode(page, still, 20, 0);
  const move = await addFromPalette(page, "Image-to-Video", "image-to-video");
  await moveNode(page, move, 300, 0);
  await dragConnect(page, handle(prompt, "source", "text"), handle(still, "target", "prompt"));
  await dragConnect(page, handle(still, "source", "image"), handle(move, "target", "image"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await still.getByLabel("Images", { exact: true }).fill("2");
  await still.getByLabel("Images", { exact: true }).press("Tab");
  await move.getByLabel("Prompt", { exact: true }).fill(MOTION);
  return { still, move };
}

/** The image tiles of a node's result, and that each shows a decoded picture. */
async function expectImagesShown(still: Locator, count: number): Promise<void> {
  const tiles = still.getByRole("button", { name: new RegExp(`^Image \\d of ${count}`) });
  await expect(tiles).toHaveCount(count);
  const pictures = still.getByTestId("result-image");
  await expect(pictures).toHaveCount(count);
  for (let i = 0; i < count; i++) {
    await expect
      .poll(() => pictures.nth(i).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        message: `image ${i + 1} decoded`,
      })
      .toBe(true);
  }
}

/** The JSON body of each submit the fake fal got, in order. */
const submitBodies = (fake: { requestsOf(kind: "submit"): { body: unknown }[] }) =>
  fake.requestsOf("submit").map((r) => r.body as Record<string, unknown>);

const chosenTile = (still: Locator) => still.getByRole("button", { name: /flows downstream$/ });

test("prompt → image → video through the fake fal: one job per node, images kept across a reload, another image re-runs only the video", async ({
  page,
  fake,
}) => {
  fake.set({ queueMs: 100, runMs: 200 });
  await openWithProxy(page, fake.url);
  const { still, move } = await buildChain(page);
  await runAll(page);
  await expect(still).toHaveAttribute("data-status", "succeeded");
  await expect(move).toHaveAttribute("data-status", "succeeded");

  const submits = submitBodies(fake);
  expect(submits).toHaveLength(2);
  const imageJob = submits.find((s) => s.num_images !== undefined);
  expect(imageJob).toMatchObject({ prompt: SCENE, num_images: 2 });
  const videoJob = submits.find((s) => s !== imageJob);
  expect(videoJob).toMatchObject({ prompt: MOTION });
  const firstImageUrl = videoJob?.image_url;
  expect(firstImageUrl).toMatch(/^http/);

  await expectImagesShown(still, 2);
  await expect(chosenTile(still)).toHaveAccessibleName("Image 1 of 2, flows downstream");
  // Each image is a take of the node, in its strip.
  const stillId = (await still.getAttribute("data-node-id")) ?? "";
  await expect(page.getByTestId(`take-strip-${stillId}`).locator("[data-testid^='take-']")).not.toHaveCount(0);
  await expect(page.getByTestId(`take-${stillId}-1`)).toBeVisible();

  // A reload keeps the images (the local copies, not fal's URLs: the fake no longer serves anything new).
  await waitForSavedWorkflow(page, MOTION);
  await page.reload();
  const stillAgain = page.locator(`[data-node-id="${stillId}"]`);
  await expectImagesShown(stillAgain, 2);
  await expect(chosenTile(stillAgain)).toHaveAccessibleName("Image 1 of 2, flows downstream");

  // Choosing image 2 re-runs only the video, which now starts from image 2.
  await stillAgain.getByRole("button", { name: "Image 2 of 2" }).click();
  await expect(chosenTile(stillAgain)).toHaveAccessibleName("Image 2 of 2, flows downstream");
  await runAll(page);
  const moveAgain = page.locator('[data-node-id][data-kind="image-to-video"]');
  await expect(moveAgain).toHaveAttribute("data-status", "succeeded");
  await expect.poll(() => fake.requestsOf("submit").length).toBe(3);
  const rerun = submitBodies(fake)[2];
  expect(rerun?.num_images).toBeUndefined();
  expect(rerun?.image_url).toMatch(/^http/);
  expect(rerun?.image_url).not.toBe(firstImageUrl);
  await expect(stillAgain).toHaveAttribute("data-status", "cached");
});

test("the same chain in Demo mode draws simulated images, $0, sending nothing", async ({ page, fake }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openInDemo(page, "?demoDelay=150");
  await closeExamples(page);
  const { still, move } = await buildChain(page);
  await runAll(page);
  await expect(still).toHaveAttribute("data-status", "succeeded");
  await expect(move).toHaveAttribute("data-status", "succeeded");
  await expectImagesShown(still, 2);
  await expect(still.locator(".result-bar .simulated")).toHaveText("simulated");
  await expect(move.locator("video")).toBeVisible();

  // Choosing the other image re-runs only the video, still simulated.
  await still.getByRole("button", { name: "Image 2 of 2" }).click();
  await expect(chosenTile(still)).toHaveAccessibleName("Image 2 of 2, flows downstream");
  await expect(page.getByRole("button", { name: /^Run/ }).first()).toContainText("1 simulated");
  await runAll(page);
  await expect(still).toHaveAttribute("data-status", "cached");
  await expect(move).toHaveAttribute("data-status", "succeeded");
  expect(fake.requests).toEqual([]);
  expect(errors).toEqual([]);
});

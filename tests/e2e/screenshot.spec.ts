// Not part of the suite: `REELFLOW_SCREENSHOT=1 npx playwright test screenshot` writes docs/screenshot.png,
// a real run of a Sora chain against the fake fal, for the README.
import { expect, expectVideoPlays, node, openWithProxy, openWorkflow, runAll, test } from "./fixtures";

/** One prompt fanned out to three current models, to compare them side by side. */
const fanOut = {
  format: "reelflow/workflow",
  version: 1,
  name: "Paper boat, three models",
  nodes: [
    {
      id: "prompt",
      type: "prompt",
      position: { x: 0, y: 120 },
      data: { text: "A paper boat drifting down a rainy street at dusk, close tracking shot" },
    },
    { id: "veo", type: "text-to-video", position: { x: 360, y: 0 }, data: { endpoint: "fal-ai/veo3.1/fast" } },
    {
      id: "kling",
      type: "text-to-video",
      position: { x: 700, y: 0 },
      data: { endpoint: "fal-ai/kling-video/o3/standard/text-to-video" },
    },
    {
      id: "seedance",
      type: "text-to-video",
      position: { x: 1040, y: 0 },
      data: { endpoint: "bytedance/seedance-2.0/fast/text-to-video" },
    },
  ],
  edges: ["veo", "kling", "seedance"].map((id) => ({
    id: `e-${id}`,
    source: "prompt",
    sourceHandle: "text",
    target: id,
    targetHandle: "prompt",
  })),
};
const ids = ["veo", "kling", "seedance"];

test.use({ viewport: { width: 1440, height: 860 }, colorScheme: "light" });

test("README screenshot of a real run", async ({ page, fake }) => {
  fake.set({ queueMs: 300, runMs: 600 });
  await openWithProxy(page, fake.url);
  await openWorkflow(page, fanOut);
  await runAll(page);
  for (const id of ids) await expect(node(page, id)).toHaveAttribute("data-status", "succeeded");
  for (const id of ids) await expectVideoPlays(node(page, id));
  await page.getByRole("button", { name: "Fit view" }).click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  await page.screenshot({ path: "docs/screenshot.png" });
});

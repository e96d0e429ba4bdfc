// Canvas gestures of issue 4 beyond the palette: a wire dropped on empty canvas offers only compatible kinds
// and connects what is picked; "/" opens the search box.
import {
  addFromPalette,
  closeExamples,
  expect,
  handle,
  moveNode,
  nodeOfKind,
  nodes,
  openInDemo,
  test,
} from "./fixtures";

test("a wire dropped on empty canvas offers only compatible kinds and connects the picked one", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  await moveNode(page, prompt, -300, 0);

  const from = await handle(prompt, "source", "text").boundingBox();
  if (!from) throw new Error("no text handle");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 200, from.y + 40, { steps: 6 });
  await page.mouse.move(from.x + 320, from.y + 60, { steps: 6 });
  await page.mouse.up();

  const offered = page.getByRole("listbox", { name: "Matching nodes" }).getByRole("option");
  await expect(offered.first()).toBeVisible();
  const titles = await offered.allInnerTexts();
  // Text feeds prompts: generation nodes only (video and image kinds), never a Prompt, Image or Video source.
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t).toMatch(/^(Text-to-Video|Image-to-Video|Remix|Text-to-Image|Image Edit)/);
  await page.getByLabel("Search nodes").fill("text-to-video");
  await page.getByLabel("Search nodes").press("Enter");
  await expect(nodeOfKind(page, "text-to-video")).toHaveCount(1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
});

test("'/' opens the node search and Enter adds the match", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
  await page.locator(".react-flow__pane").click({ position: { x: 600, y: 400 } });
  await page.keyboard.press("/");
  await page.getByLabel("Search nodes").fill("remix");
  await page.getByLabel("Search nodes").press("Enter");
  await expect(nodeOfKind(page, "remix")).toHaveCount(1);
  await expect(nodes(page)).toHaveCount(1);
});

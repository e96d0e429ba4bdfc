// Issue 16 items 10 and 11, at a laptop (1280×800), a small window (800×600) and a phone (390×844): the toolbar
// fits (one row, two on a phone) with every action reachable, its less used actions in an accessible menu; the
// palette and the minimap can be collapsed (remembered across reloads), and Fit View keeps nodes out from under them.
import type { Locator, Page } from "@playwright/test";
import { closeExamples, expect, nodes, openInDemo, openWorkflow, test, toolbar, toolbarAction } from "./fixtures";

const SIZES = [
  { name: "1280×800", width: 1280, height: 800, rows: 1 },
  { name: "800×600", width: 800, height: 600, rows: 1 },
  { name: "a 390×844 phone", width: 390, height: 844, rows: 2 },
] as const;

type Box = { x: number; y: number; width: number; height: number };

const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;

async function boxOf(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error("not laid out");
  return b;
}

/** Boxes of what the toolbar shows: its buttons, the name field, the mode badge and the brand. */
async function toolbarItems(page: Page): Promise<{ label: string; box: Box }[]> {
  const items = toolbar(page).locator(":scope > *");
  const out: { label: string; box: Box }[] = [];
  for (const item of await items.all()) {
    if (!(await item.isVisible())) continue;
    const b = await item.boundingBox();
    if (!b || b.width === 0 || b.height === 0) continue;
    const label = (await item.getAttribute("aria-label")) ?? (await item.innerText());
    out.push({ label, box: b });
  }
  return out;
}

/** Rows the toolbar's items sit in, told apart by their vertical centres. */
function rowsOf(items: { box: Box }[]): number {
  const centres = items.map((i) => i.box.y + i.box.height / 2).sort((a, b) => a - b);
  let rows = 0;
  let last = -Infinity;
  for (const c of centres) {
    if (c - last > 8) rows++;
    last = c;
  }
  return rows;
}

/** Prompt → Text-to-Video → Remix: enough for the Run button to show what a run would do. */
const chain = {
  format: "reelflow/workflow",
  version: 1,
  name: "Layout chain",
  nodes: [
    { id: "prompt", type: "prompt", position: { x: 0, y: 0 }, data: { text: "A paper boat on a puddle" } },
    {
      id: "video",
      type: "text-to-video",
      position: { x: 340, y: 0 },
      data: { endpoint: "fal-ai/veo3.1/fast", params: { duration: "8s" } },
    },
  ],
  edges: [{ id: "e1", source: "prompt", sourceHandle: "text", target: "video", targetHandle: "prompt" }],
};

/** Twenty prompts in a 5 × 4 grid: fitted, it fills the canvas to its edges and corners. */
const grid = {
  format: "reelflow/workflow",
  version: 1,
  name: "Layout grid",
  nodes: Array.from({ length: 20 }, (_, i) => ({
    id: `p${i}`,
    type: "prompt",
    position: { x: (i % 5) * 340, y: Math.floor(i / 5) * 260 },
    data: { text: `Shot ${i + 1}` },
  })),
  edges: [],
};

async function openChain(page: Page): Promise<void> {
  await openInDemo(page);
  await closeExamples(page);
  await openWorkflow(page, chain);
  await expect(page.getByTestId("run-preview")).toBeVisible();
}

/** Fails naming the node and what covers it when a node's box meets one of the canvas's overlays. */
async function expectNodesClearOf(page: Page, covers: { name: string; at: Locator }[]): Promise<void> {
  const boxes: { name: string; box: Box }[] = [];
  for (const c of covers) if (await c.at.isVisible()) boxes.push({ name: c.name, box: await boxOf(c.at) });
  expect(boxes.length).toBeGreaterThan(0);
  const hidden: string[] = [];
  for (const n of await nodes(page).all()) {
    const b = await boxOf(n);
    for (const c of boxes)
      if (overlap(b, c.box)) hidden.push(`${await n.getAttribute("data-node-id")} under the ${c.name}`);
  }
  expect(hidden).toEqual([]);
}

const palette = (page: Page) => page.getByRole("navigation", { name: "Node palette" });
const minimap = (page: Page) => page.getByRole("img", { name: "Mini map" });
const minimapToggle = (page: Page) => page.getByRole("button", { name: /^(Hide|Show) minimap$/ });
const overlays = (page: Page) => [
  { name: "palette", at: palette(page) },
  { name: "minimap", at: minimap(page) },
  { name: "minimap button", at: minimapToggle(page) },
];

/** The view after a fit: React Flow's transform, read until two reads agree (a fit may be animated). */
async function settledTransform(page: Page): Promise<string> {
  const viewport = page.locator(".react-flow__viewport");
  let last = "";
  await expect
    .poll(async () => {
      const now = (await viewport.getAttribute("style")) ?? "";
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return last;
}

for (const size of SIZES) {
  test.describe(`at ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("the toolbar fits, nothing off-screen or overlapping, Run and its cost preview in view", async ({ page }) => {
      await openChain(page);
      const items = await toolbarItems(page);
      const labels = items.map((i) => i.label);
      expect(rowsOf(items), `rows of ${labels.join(", ")}`).toBeLessThanOrEqual(size.rows);
      expect(labels).toContain("Run");
      expect(labels).toContain("More actions");
      for (const { label, box } of items) {
        expect(box.x, `${label} starts on screen`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${label} ends on screen`).toBeLessThanOrEqual(size.width);
      }
      for (const [i, a] of items.entries())
        for (const b of items.slice(i + 1)) expect(overlap(a.box, b.box), `${a.label} overlaps ${b.label}`).toBe(false);
      const preview = await boxOf(page.getByTestId("run-preview"));
      expect(preview.x).toBeGreaterThanOrEqual(0);
      expect(preview.x + preview.width).toBeLessThanOrEqual(size.width);
    });

    test("every toolbar action is reachable, in the toolbar or its More actions menu", async ({ page }) => {
      // Save as a download (the browser save dialog cannot be answered here).
      await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
      await openChain(page);
      for (const name of ["Undo", "Redo", "Stop"]) {
        const action = await toolbarAction(page, name);
        const b = await boxOf(action);
        expect(b.x + b.width, `${name} on screen`).toBeLessThanOrEqual(size.width);
        if ((await action.getAttribute("role")) === "menuitem") await page.keyboard.press("Escape");
      }
      for (const name of ["Workflows", "Examples", "Bill", "Spend", "Storage", "Logs", "Settings"]) {
        await (await toolbarAction(page, name)).click();
        const panel = page.getByRole("complementary", { name: `${name} panel` });
        await expect(panel).toBeVisible();
        const b = await boxOf(panel);
        expect(b.x, `${name} panel on screen`).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width, `${name} panel on screen`).toBeLessThanOrEqual(size.width);
        await panel.getByRole("button", { name: `Close ${name.toLowerCase()}` }).click();
        await expect(panel).toBeHidden();
      }
      const download = page.waitForEvent("download");
      await (await toolbarAction(page, "Save workflow")).click();
      expect((await download).suggestedFilename()).toMatch(/\.reelflow\.json$/);
      const chooser = page.waitForEvent("filechooser");
      await (await toolbarAction(page, "Open workflow")).click();
      await chooser;
    });

    test("the minimap is hidden on an empty canvas; Fit View keeps nodes clear of the palette and minimap", async ({
      page,
    }) => {
      await openInDemo(page);
      await closeExamples(page);
      await expect(page.locator(".react-flow__pane")).toBeVisible();
      await expect(minimap(page)).toHaveCount(0);
      await expect(minimapToggle(page)).toHaveCount(0);
      await openWorkflow(page, grid);
      await expect(nodes(page)).toHaveCount(20);
      // Open the palette and the minimap if this screen started with them folded (a phone does).
      const showPalette = page.getByRole("button", { name: "Show node palette" });
      if (await showPalette.isVisible()) await showPalette.click();
      const showMap = page.getByRole("button", { name: "Show minimap" });
      if (await showMap.isVisible()) await showMap.click();
      await expect(minimap(page)).toBeVisible();
      await expect(palette(page).getByRole("button", { name: "Add Prompt" })).toBeVisible();

      await page.getByRole("button", { name: "Fit View" }).click();
      await settledTransform(page);
      await expectNodesClearOf(page, overlays(page));

      // Opened again after a reload, the first fit leaves the same room.
      await page.reload();
      await expect(nodes(page)).toHaveCount(20);
      await expect(minimap(page)).toBeVisible();
      await settledTransform(page);
      await expectNodesClearOf(page, overlays(page));
    });
  });
}

test("the palette and the minimap fold away, and stay folded after a reload", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
  await openWorkflow(page, chain);
  const add = palette(page).getByRole("button", { name: "Add Prompt" });
  await expect(add).toBeVisible();
  await expect(minimap(page)).toBeVisible();

  const hidePalette = palette(page).getByRole("button", { name: "Hide node palette" });
  await expect(hidePalette).toHaveAttribute("aria-expanded", "true");
  await hidePalette.click();
  await expect(add).toBeHidden();
  await page.getByRole("button", { name: "Hide minimap" }).click();
  await expect(minimap(page)).toHaveCount(0);

  await page.reload();
  await expect(nodes(page)).toHaveCount(2);
  const showPalette = palette(page).getByRole("button", { name: "Show node palette" });
  await expect(showPalette).toHaveAttribute("aria-expanded", "false");
  await expect(add).toBeHidden();
  await expect(minimap(page)).toHaveCount(0);

  // Folded, the palette leaves more of the canvas to a fitted graph: the view uses the room.
  await page.getByRole("button", { name: "Fit View" }).click();
  const folded = await boxOf(nodes(page).first());
  await showPalette.click();
  await expect(add).toBeVisible();
  await page.getByRole("button", { name: "Show minimap" }).click();
  await expect(minimap(page)).toBeVisible();
  await page.getByRole("button", { name: "Fit View" }).click();
  await settledTransform(page);
  await expectNodesClearOf(page, overlays(page));
  expect((await boxOf(nodes(page).first())).x).toBeGreaterThanOrEqual(folded.x);

  await page.reload();
  await expect(add).toBeVisible();
  await expect(minimap(page)).toBeVisible();
});

test("More actions is a menu button: arrow keys move, Escape closes it and gives the focus back", async ({ page }) => {
  await openChain(page);
  const more = toolbar(page).getByRole("button", { name: "More actions" });
  await expect(more).toHaveAttribute("aria-haspopup", "menu");
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await more.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "More actions" });
  await expect(menu).toBeVisible();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  const items = menu.getByRole("menuitem");
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(4);
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(items.nth(count - 1)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("End");
  await expect(items.nth(count - 1)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await expect(more).toBeFocused();

  // ArrowUp on the button opens the menu at its last item; a click outside closes it.
  await page.keyboard.press("ArrowUp");
  await expect(items.nth(count - 1)).toBeFocused();
  await page.locator(".react-flow__pane").click({ position: { x: 600, y: 500 } });
  await expect(menu).toBeHidden();

  // A panel opened from the menu closes with Escape, and the focus goes back to the menu's button.
  await more.click();
  await menu.getByRole("menuitem", { name: "Logs" }).click();
  await expect(menu).toBeHidden();
  const logs = page.getByRole("complementary", { name: "Logs panel" });
  await expect(logs).toBeVisible();
  await logs.getByRole("button").first().focus();
  await page.keyboard.press("Escape");
  await expect(logs).toBeHidden();
  await expect(more).toBeFocused();
});

// Issue 16 items 7, 8 and 13, as a new user meets them on a 1280×800 screen: an input that refuses a wire says so
// while the wire is dragged over it; new nodes land where they can be seen (the view follows when it must); a
// generation node keeps its rarely changed params behind "More", so the default chain fits at 100 %; keyboard
// focus shows on nodes and edges as it does on buttons. And (issue 18's minimap, a selected edge): a selected edge and
// a selected node's place in the minimap are drawn in the theme's accent.
import type { Locator, Page } from "@playwright/test";
import {
  addFromPalette,
  closeExamples,
  dragConnect,
  expect,
  handle,
  nodeOfKind,
  nodes,
  openInDemo,
  test,
} from "./fixtures";

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the canvas a person sees nodes in: the canvas, less the palette floating over its left side. */
async function visibleCanvas(page: Page): Promise<Rect> {
  const canvas = await page.locator(".react-flow").boundingBox();
  if (!canvas) throw new Error("no canvas");
  const palette = await page.getByRole("navigation", { name: "Node palette" }).boundingBox();
  const left = palette ? Math.max(canvas.x, palette.x + palette.width) : canvas.x;
  return { x: left, y: canvas.y, width: canvas.x + canvas.width - left, height: canvas.height };
}

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Why each node given is not wholly in sight: outside the visible canvas, or under the minimap. */
async function outsideView(page: Page, of: Locator[]): Promise<string[]> {
  const view = await visibleCanvas(page);
  const minimap = await page.locator(".react-flow__minimap").boundingBox();
  const out: string[] = [];
  for (const n of of) {
    const b = await n.boundingBox();
    const id = await n.getAttribute("data-node-id");
    if (!b) {
      out.push(`${id}: not drawn`);
      continue;
    }
    const inside =
      b.x >= view.x - 1 &&
      b.y >= view.y - 1 &&
      b.x + b.width <= view.x + view.width + 1 &&
      b.y + b.height <= view.y + view.height + 1;
    if (!inside) out.push(`${id}: ${fmt(b)} not inside ${fmt(view)}`);
    else if (minimap && overlap(b, minimap)) out.push(`${id}: ${fmt(b)} under the minimap ${fmt(minimap)}`);
  }
  return out;
}
const fmt = (r: Rect) => `[${Math.round(r.x)}, ${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}]`;

/** Waits until every node given is wholly inside the visible canvas (the view may be gliding there). */
const expectAllInView = (page: Page, of: Locator[], what: string) =>
  expect.poll(() => outsideView(page, of), { message: `${what}: nodes wholly inside the visible canvas` }).toEqual([]);

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  const style = (await page.locator(".react-flow__viewport").getAttribute("style")) ?? "";
  return Number(/scale\(([\d.]+)\)/.exec(style)?.[1] ?? NaN);
}

async function centre(of: Locator): Promise<{ x: number; y: number }> {
  const b = await of.boundingBox();
  if (!b) throw new Error("not visible");
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Prompt → Text-to-Video → Remix from the palette, clicked in that order with nothing moved, then wired. */
async function defaultChain(page: Page): Promise<{ prompt: Locator; t2v: Locator; remix: Locator }> {
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  const t2v = await addFromPalette(page, "Text-to-Video", "text-to-video");
  const remix = await addFromPalette(page, "Remix", "remix");
  await expectAllInView(page, [prompt, t2v, remix], "the palette's chain");
  await dragConnect(page, handle(prompt, "source", "text"), handle(t2v, "target", "prompt"));
  await dragConnect(page, handle(t2v, "source", "video"), handle(remix, "target", "video"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  return { prompt, t2v, remix };
}

test("an input that refuses a wire says why while the wire is over it, before anything is dropped", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  const remix = await addFromPalette(page, "Remix", "remix");
  const video = handle(remix, "target", "video");
  const promptIn = handle(remix, "target", "prompt");

  const from = await centre(handle(prompt, "source", "text"));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const over = await centre(video);
  await page.mouse.move((from.x + over.x) / 2, (from.y + over.y) / 2 + 30, { steps: 5 });
  await page.mouse.move(over.x, over.y, { steps: 5 });
  // Still held: the refused input and the wire say so, and the reason is in words next to the pointer.
  const refusal = page.getByRole("status").filter({ hasText: "Remix's video input takes a video, not text" });
  await expect(refusal).toBeVisible();
  await expect(video).toHaveClass(/\bconnectingto\b/);
  await expect(video).not.toHaveClass(/\bvalid\b/);
  await expect(page.locator(".react-flow__connection")).toHaveClass(/\binvalid\b/);

  // Over an input that takes text, the refusal goes and the input shows it would accept.
  const ok = await centre(promptIn);
  await page.mouse.move(ok.x, ok.y, { steps: 4 });
  await expect(promptIn).toHaveClass(/\bvalid\b/);
  await expect(refusal).toBeHidden();
  await expect(page.locator(".react-flow__connection")).toHaveClass(/\bvalid\b/);

  // Dropped on the refused input anyway: no wire, and the reason stays on screen a while.
  await page.mouse.move(over.x, over.y, { steps: 4 });
  await expect(refusal).toBeVisible();
  await page.mouse.up();
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
  await expect(page.getByText("Remix's video input takes a video, not text")).toBeVisible();
  await expect(page.locator(".react-flow__connection")).toHaveCount(0);

  // The accepted drop still connects.
  await dragConnect(page, handle(prompt, "source", "text"), promptIn);
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
});

test("nodes added by palette, search, duplicate and paste land inside the visible canvas; the view follows", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openInDemo(page);
  await closeExamples(page);
  const added: Locator[] = [];
  for (const [title, kind] of [
    ["Prompt", "prompt"],
    ["Text-to-Video", "text-to-video"],
    ["Remix", "remix"],
    ["Video", "video"],
  ] as const) {
    added.push(await addFromPalette(page, title, kind));
    await expectAllInView(page, added.slice(-1), `palette ${title}`);
  }
  await expect.poll(() => zoom(page), { message: "still at 100 %" }).toBe(1);

  // The search box opened near the canvas's right edge, low down (above the minimap): the node it adds is drawn
  // whole, not cut by the edges.
  const view = await visibleCanvas(page);
  await page.mouse.move(view.x + view.width - 30, view.y + view.height - 200);
  await page.keyboard.press("/");
  await page.getByLabel("Search nodes").fill("text-to-video");
  await page.getByLabel("Search nodes").press("Enter");
  const searched = nodeOfKind(page, "text-to-video").nth(1);
  await expect(searched).toBeVisible();
  await expectAllInView(page, [searched], "node search near the edge");

  // Duplicated twice (each copy lower right of the last): the view moves along to show each copy.
  await searched.locator("header .title").click();
  for (let i = 2; i <= 3; i++) {
    await page.keyboard.press("ControlOrMeta+d");
    await expect(nodeOfKind(page, "text-to-video")).toHaveCount(i + 1);
    await expectAllInView(page, [nodeOfKind(page, "text-to-video").nth(i)], `duplicate ${i - 1}`);
  }

  // Copied, then pasted with the pointer near the right edge, low down: the pasted node is drawn whole.
  await page.keyboard.press("ControlOrMeta+c");
  const now = await visibleCanvas(page);
  await page.mouse.move(now.x + now.width - 20, now.y + now.height - 200);
  await page.keyboard.press("ControlOrMeta+v");
  await expect(nodeOfKind(page, "text-to-video")).toHaveCount(5);
  await expectAllInView(page, [nodeOfKind(page, "text-to-video").nth(4)], "paste near the edge");
});

test("a generation node keeps its rarely changed params behind More; the default chain fits 1280×800 at 100 %", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  const { prompt, t2v, remix } = await defaultChain(page);

  // A field's name starts with its label (a select's or a filled field's value follows it).
  const field = (label: string) => t2v.getByLabel(new RegExp(`^${label}`));
  for (const main of ["Duration", "Resolution", "Aspect ratio"]) await expect(field(main)).toBeVisible();
  const more = ["Negative prompt", "Seed", "Auto-fix prompt", "Safety tolerance"];
  for (const label of more) await expect(field(label)).toHaveCount(0);
  const disclosure = t2v.getByRole("button", { name: /^More\b/ });
  await expect(disclosure).toHaveAttribute("aria-expanded", "false");
  // Nothing hidden differs from its default yet.
  await expect(disclosure).not.toContainText("set");
  await disclosure.click();
  for (const label of more) await expect(field(label)).toBeVisible();
  await field("Seed").fill("42");
  await disclosure.click();
  await expect(field("Seed")).toHaveCount(0);
  // A closed More still says something in it was set.
  await expect(disclosure).toContainText("1 set");

  await expectAllInView(page, [prompt, t2v, remix], "the wired chain");
  await expect.poll(() => zoom(page), { message: "at 100 %" }).toBe(1);
  // Opened again (the workflow reopens from autosave and is fitted to the view), it is still shown at 100 %.
  await page.reload();
  await expect(nodes(page)).toHaveCount(3);
  await expect.poll(() => zoom(page), { message: "fitted at 100 %" }).toBe(1);
  await expectAllInView(
    page,
    [nodeOfKind(page, "prompt"), nodeOfKind(page, "text-to-video"), nodeOfKind(page, "remix")],
    "the reopened chain",
  );
});

test("keyboard focus is visible on nodes and on edges, as on buttons", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  const t2v = await addFromPalette(page, "Text-to-Video", "text-to-video");
  await dragConnect(page, handle(prompt, "source", "text"), handle(t2v, "target", "prompt"));
  const edge = page.locator(".react-flow__edge");
  await expect(edge).toHaveCount(1);
  const halo = () =>
    edge.locator(".react-flow__edge-interaction").evaluate((p) => Number(getComputedStyle(p).strokeOpacity));
  expect(await halo(), "an unfocused edge has no halo").toBe(0);

  // Tab from the page's start, as a keyboard user would, until the edge and then a node have the focus.
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el?.classList.contains("react-flow__edge")
        ? "edge"
        : el?.classList.contains("react-flow__node")
          ? "node"
          : "other";
    });
  await page.locator(".banner").first().click();
  const reach = async (what: "edge" | "node") => {
    for (let i = 0; i < 80 && (await focused()) !== what; i++) await page.keyboard.press("Tab");
    expect(await focused(), `Tab reaches a ${what}`).toBe(what);
  };
  await reach("edge");
  await expect(edge).toBeFocused();
  expect(await halo(), "a focused edge is drawn with a halo").toBeGreaterThan(0.3);

  await reach("node");
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return {
      visible: el.matches(":focus-visible"),
      style: s.outlineStyle,
      width: parseFloat(s.outlineWidth),
      color: s.outlineColor,
    };
  });
  expect(ring.visible).toBe(true);
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.color).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  // The edge lost the focus, and its halo with it.
  expect(await halo()).toBe(0);
});

test("a clicked edge looks selected: a wider wire with the accent's halo, in the light and the dark theme", async ({
  page,
}) => {
  await openInDemo(page);
  await closeExamples(page);
  const prompt = await addFromPalette(page, "Prompt", "prompt");
  const t2v = await addFromPalette(page, "Text-to-Video", "text-to-video");
  await dragConnect(page, handle(prompt, "source", "text"), handle(t2v, "target", "prompt"));
  const edge = page.locator(".react-flow__edge");
  await expect(edge).toHaveCount(1);
  // The wire's width and colour, its halo's opacity and colour, and the theme's accent (as a computed colour).
  const look = () =>
    edge.evaluate((g) => {
      const wire = getComputedStyle(g.querySelector(".react-flow__edge-path")!);
      const halo = getComputedStyle(g.querySelector(".react-flow__edge-interaction")!);
      const probe = document.createElement("span");
      probe.style.color = "var(--accent)";
      document.body.append(probe);
      const accent = getComputedStyle(probe).color;
      probe.remove();
      return {
        width: parseFloat(wire.strokeWidth),
        colour: wire.stroke,
        halo: Number(halo.strokeOpacity),
        haloColour: halo.stroke,
        accent,
      };
    });
  const unselected = await look();
  expect(unselected.halo, "an unselected edge has no halo").toBe(0);

  await edge.locator(".react-flow__edge-interaction").click();
  await expect(edge).toHaveClass(/\bselected\b/);
  const selected = await look();
  expect(selected.width, "a selected wire is wider").toBeGreaterThan(unselected.width);
  expect(selected.colour, "it keeps the colour of what flows along it").toBe(unselected.colour);
  expect(selected.halo, "a selected edge has a halo").toBeGreaterThan(0.2);
  expect(selected.haloColour, "in the accent").toBe(selected.accent);

  // The dark theme has its own accent: the halo follows it.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect
    .poll(async () => (await look()).accent, { message: "the dark theme's accent" })
    .not.toBe(selected.accent);
  const dark = await look();
  expect(dark.width).toBeGreaterThan(unselected.width);
  expect(dark.halo).toBeGreaterThan(0.2);
  expect(dark.haloColour).toBe(dark.accent);

  // A click on the empty canvas unselects it: as it was.
  const pane = await visibleCanvas(page);
  await page.mouse.click(pane.x + 40, pane.y + 40);
  await expect(edge).not.toHaveClass(/\bselected\b/);
  const again = await look();
  expect(again.width).toBe(unselected.width);
  expect(again.halo).toBe(0);
});

test("a selected node stands out in the minimap, in the accent", async ({ page }) => {
  await openInDemo(page);
  await closeExamples(page);
  await addFromPalette(page, "Prompt", "prompt");
  const t2v = await addFromPalette(page, "Text-to-Video", "text-to-video");
  // Pixels of the minimap's node layer (its first canvas) in the theme's accent.
  const accentPixels = () =>
    page
      .locator(".react-flow__minimap canvas")
      .first()
      .evaluate((canvas: HTMLCanvasElement) => {
        const probe = document.createElement("span");
        probe.style.color = "var(--accent)";
        document.body.append(probe);
        const [r, g, b] = (getComputedStyle(probe).color.match(/\d+/g) ?? []).map(Number);
        probe.remove();
        const px = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] === r && px[i + 1] === g && px[i + 2] === b) n++;
        return n;
      });
  await page.locator(".react-flow__pane").click({ position: { x: 200, y: 40 } });
  await expect(t2v).not.toHaveClass(/\bselected\b/);
  await expect.poll(accentPixels, { message: "nothing selected: no node in the accent" }).toBe(0);
  await t2v.locator("header .title").click();
  await expect.poll(accentPixels, { message: "the selected node drawn in the accent" }).toBeGreaterThan(20);
});

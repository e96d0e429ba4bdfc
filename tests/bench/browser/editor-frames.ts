// Bench 4 (issue 8): frame time while panning and dragging a node with 1,000 nodes, the Reelflow editor against a
// bare React Flow page with default nodes. Frame time = requestAnimationFrame deltas while Playwright moves the mouse.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { benchGraph, benchWorkflow, centreNodeId } from "./graph";
import { serveStatic } from "./static-server";

export interface FrameStats {
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  frames: number;
}
export interface PageFrames {
  pan: FrameStats;
  drag: FrameStats;
  /** The view's transform when measuring starts (both pages should show the graph at the same zoom). */ viewport: string;
}
export interface EditorFramesResult {
  nodes: number;
  app: PageFrames;
  bare: PageFrames;
  ratio: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** The bare page, bundled into a temporary folder (the caller removes it). */
export async function bundleBarePage(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "reelflow-bare-"));
  await build({
    entryPoints: [join(import.meta.dirname, "bare", "main.tsx")],
    bundle: true,
    minify: true,
    format: "esm",
    jsx: "automatic",
    outdir: dir,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html><head><link rel="stylesheet" href="/main.css"></head><body style="margin:0"><div id="root"></div><script type="module" src="/main.js"></script></body></html>`,
  );
  return dir;
}

/** The bench graph as the bare page's React Flow nodes (default nodes with a label). */
export function bareGraph(count: number) {
  const g = benchGraph(count);
  return {
    nodes: g.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.text } })),
    edges: g.edges,
  };
}

/** A point on the empty pane (not on a node or edge), so a drag there pans. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(() => {
    for (let y = 120; y < innerHeight - 60; y += 17)
      for (let x = 120; x < innerWidth - 120; x += 17)
        if (
          document
            .elementFromPoint(x, y)
            ?.matches(
              ".react-flow__pane, .react-flow__pane *:not(.react-flow__node *, .react-flow__edge *, .react-flow__panel *)",
            )
        )
          return { x, y };
    return null;
  });
  if (!p)
    throw new Error(
      `bench 4: no empty pane point found to pan from (${await page.evaluate(() => document.elementFromPoint(640, 400)?.outerHTML.slice(0, 300))})`,
    );
  return p;
}

const stats = (deltas: number[]): FrameStats => ({
  medianMs: quantile(deltas, 0.5),
  p95Ms: quantile(deltas, 0.95),
  meanMs: deltas.reduce((a, b) => a + b, 0) / deltas.length,
  frames: deltas.length,
});

/** rAF deltas (ms) while the mouse, held down at `from`, moves along the back-and-forth path. */
async function measure(page: Page, from: { x: number; y: number }, steps: number): Promise<number[]> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // A string, not a function: tsx's keep-names helper (__name) does not exist in the page.
  await page.evaluate(`(() => {
    window.__deltas = []; window.__stop = false;
    let last = performance.now();
    const tick = (t) => { window.__deltas.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  })()`);
  for (let i = 1; i <= steps; i++) {
    // A back-and-forth path so the view stays around the graph.
    const dx = 200 * Math.sin((i / steps) * Math.PI * 4);
    const dy = 80 * Math.sin((i / steps) * Math.PI * 2);
    await page.mouse.move(from.x + dx, from.y + dy);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __deltas: number[]; __stop: boolean };
    w.__stop = true;
    return w.__deltas;
  });
}

/** One page's frames, gathered over the rounds. */
class PageRun {
  readonly pan: number[] = [];
  readonly drag: number[] = [];
  viewport = "";
  constructor(readonly page: Page) {}

  async panOnce(steps: number) {
    await this.page.bringToFront();
    await this.page.waitForTimeout(300);
    this.viewport ||= await this.page.evaluate(
      () => document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "",
    );
    this.pan.push(...(await measure(this.page, await emptyPanePoint(this.page), steps)));
  }

  async dragOnce(steps: number) {
    await this.page.bringToFront();
    await this.page.waitForTimeout(300);
    const box = await this.page.locator(".react-flow__node").first().boundingBox();
    if (!box) throw new Error("bench 4: no node to drag");
    this.drag.push(
      ...(await measure(
        this.page,
        { x: box.x + Math.min(20, box.width / 2), y: box.y + Math.min(10, box.height / 2) },
        steps,
      )),
    );
  }

  result(): PageFrames {
    return { pan: stats(this.pan), drag: stats(this.drag), viewport: this.viewport };
  }
}

/** Clicks "Open workflow", an item of the toolbar's More actions menu (the file chooser then opens). */
export async function clickOpenWorkflow(page: Page): Promise<void> {
  await page.getByRole("button", { name: "More actions" }).click();
  await page
    .getByRole("menu", { name: "More actions" })
    .getByRole("menuitem", { name: "Open workflow", exact: true })
    .click();
}

/** Demo mode (no proxy needed) with the Examples panel closed: the canvas alone, as a user sees it. */
export async function openDemoCanvas(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Try the demo" }).click();
  const examples = page.getByRole("button", { name: "Examples", exact: true });
  await examples.waitFor();
  if ((await examples.getAttribute("aria-pressed")) === "true") await examples.click();
}

/**
 * Both pages stay open and take turns (bare, app, app, bare, ...: each pan and each drag `rounds` times), so a
 * change in the machine's load during the run falls on both sides alike; frames are pooled over the rounds.
 * The path is the same for both pages and returns to its start, so every round starts from the same view.
 */
export async function benchEditorFrames(opts: {
  appDist: string;
  nodes: number;
  steps: number;
  rounds?: number;
}): Promise<EditorFramesResult> {
  const bareDir = await bundleBarePage();
  const bareServer = await serveStatic(bareDir, "/");
  const appServer = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  try {
    const graph = bareGraph(opts.nodes);
    const barePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await barePage.addInitScript((gr) => {
      (window as unknown as { __BENCH_GRAPH__: unknown }).__BENCH_GRAPH__ = gr;
    }, graph);
    await barePage.goto(bareServer.url);
    await barePage
      .locator(".react-flow__node")
      .nth(opts.nodes - 1)
      .waitFor({ state: "attached" });

    const appPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await appPage.goto(appServer.url);
    await openDemoCanvas(appPage);
    const chooser = appPage.waitForEvent("filechooser");
    await clickOpenWorkflow(appPage);
    await (
      await chooser
    ).setFiles({
      name: "bench.reelflow.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(benchWorkflow(opts.nodes))),
    });
    // A node the fitted view shows (the canvas may leave off-screen nodes out of the DOM).
    await appPage
      .locator(`[data-node-id="${centreNodeId(opts.nodes)}"]`)
      .waitFor({ state: "attached", timeout: 120_000 });

    const bareRun = new PageRun(barePage);
    const appRun = new PageRun(appPage);
    const rounds = opts.rounds ?? 3;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [bareRun, appRun] : [appRun, bareRun];
      for (const run of order) await run.panOnce(opts.steps);
      for (const run of order) await run.dragOnce(opts.steps);
    }
    await barePage.close();
    await appPage.close();
    const bare = bareRun.result();
    const app = appRun.result();

    // The median sits on vsync steps (16.7, 33.3 ms), so the ratio uses the mean frame time, which sees long frames.
    const ratio = Math.max(app.pan.meanMs / bare.pan.meanMs, app.drag.meanMs / bare.drag.meanMs);
    return { nodes: opts.nodes, app, bare, ratio };
  } finally {
    await browser.close();
    await appServer.close();
    await bareServer.close();
    rmSync(bareDir, { recursive: true, force: true });
  }
}

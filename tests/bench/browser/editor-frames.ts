// Bench 4 (issues 8, 18): the cost of panning and of dragging one node with 1,000 nodes and 750 edges, the Reelflow
// editor as shipped (its minimap shown) against the page a user would compare it with: plain React Flow 12 with
// default nodes and no Background, MiniMap or Controls (bare/main.tsx). Per gesture, 120 pointer steps: median and
// p95 frame time (requestAnimationFrame deltas) and main-thread CPU per step (Chromium's TaskDuration), at zoom 0.1
// (every node in view) and at zoom 1 (a few nodes in view, the rest off-screen). Both pages stay open and take turns.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { emptyPanePoint, nodeToDrag, PageCounters, runGesture, settled, zoomOf, zoomTo } from "./gesture";
import type { Gesture, GestureRun } from "./gesture";
import { benchGraph, benchWorkflow, centreNodeId, type BenchShape } from "./graph";
import { serveStatic } from "./static-server";

export interface GestureStats {
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  frames: number;
  /** Main-thread CPU per pointer step (all runs), and of it script and style + layout. */
  cpuMsPerStep: number;
  scriptMsPerStep: number;
  styleLayoutMsPerStep: number;
  /** Per run (the spread): median frame and CPU per step. */
  runs: { medianMs: number; cpuMsPerStep: number }[];
  /** Every run's gesture moved what it should (the view, the node). */
  moved: boolean;
}
export interface PageFrames {
  pan: GestureStats;
  drag: GestureStats;
  /** The view's zoom while measuring (both pages should agree). */
  zoom: number;
}
/** Editor ÷ bare page, for one gesture: pooled median and p95 frame, CPU per step; per-run spread of each. */
export interface GestureRatios {
  median: number;
  p95: number;
  cpu: number;
  medianRuns: number[];
  cpuRuns: number[];
}
export interface ZoomLevelResult {
  zoom: number;
  app: PageFrames;
  bare: PageFrames;
  ratios: Record<Gesture, GestureRatios>;
}
export interface EditorFramesResult {
  nodes: number;
  edges: number;
  steps: number;
  rounds: number;
  levels: ZoomLevelResult[];
  /** The largest of every ratio above (the goal: ≤ 1.1). */
  worstRatio: number;
}

/** Issue 18's graph: 1,000 nodes and 750 edges (prompt → text-to-video → remix ← prompt). */
const SHAPE: BenchShape = "chains";

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function stats(runs: GestureRun[]): GestureStats {
  const frames = runs.flatMap((r) => r.frames);
  return {
    medianMs: quantile(frames, 0.5),
    p95Ms: quantile(frames, 0.95),
    meanMs: mean(frames),
    frames: frames.length,
    cpuMsPerStep: mean(runs.map((r) => r.cpuMsPerStep)),
    scriptMsPerStep: mean(runs.map((r) => r.scriptMsPerStep)),
    styleLayoutMsPerStep: mean(runs.map((r) => r.styleLayoutMsPerStep)),
    runs: runs.map((r) => ({ medianMs: quantile(r.frames, 0.5), cpuMsPerStep: r.cpuMsPerStep })),
    moved: runs.every((r) => r.moved),
  };
}

function ratios(app: GestureStats, bare: GestureStats): GestureRatios {
  return {
    median: app.medianMs / bare.medianMs,
    p95: app.p95Ms / bare.p95Ms,
    cpu: app.cpuMsPerStep / bare.cpuMsPerStep,
    medianRuns: app.runs.map((r, i) => r.medianMs / (bare.runs[i]?.medianMs ?? NaN)),
    cpuRuns: app.runs.map((r, i) => r.cpuMsPerStep / (bare.runs[i]?.cpuMsPerStep ?? NaN)),
  };
}

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
export function bareGraph(count: number, shape: BenchShape = "pairs") {
  const g = benchGraph(count, shape);
  return {
    nodes: g.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.text } })),
    // Default nodes have one unnamed handle each side: the edges name none.
    edges: g.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
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

/** One page's gestures, gathered over the rounds at one zoom level. */
class PageRun {
  readonly runs: Record<Gesture, GestureRun[]> = { pan: [], drag: [] };
  constructor(
    readonly page: Page,
    private readonly counters: PageCounters,
  ) {}

  async once(gesture: Gesture, steps: number) {
    await this.page.bringToFront();
    await settled(this.page, 10_000);
    const run =
      gesture === "pan"
        ? await runGesture(this.page, this.counters, await emptyPanePoint(this.page), steps, ".react-flow__viewport")
        : await this.dragOnce(steps);
    this.runs[gesture].push(run);
  }

  private async dragOnce(steps: number) {
    const node = await nodeToDrag(this.page);
    return runGesture(this.page, this.counters, node.at, steps, node.selector);
  }

  async result(): Promise<PageFrames> {
    return { pan: stats(this.runs.pan), drag: stats(this.runs.drag), zoom: await zoomOf(this.page) };
  }
}

async function openBarePage(browser: Browser, url: string, nodes: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const graph = bareGraph(nodes, SHAPE);
  await page.addInitScript((gr) => {
    (window as unknown as { __BENCH_GRAPH__: unknown }).__BENCH_GRAPH__ = gr;
  }, graph);
  await page.goto(url);
  await page
    .locator(".react-flow__node")
    .nth(nodes - 1)
    .waitFor({ state: "attached" });
  return page;
}

/** The editor in demo mode with the bench graph opened through "Open workflow", as a user would; minimap shown. */
async function openEditor(browser: Browser, url: string, nodes: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await openDemoCanvas(page);
  const chooser = page.waitForEvent("filechooser");
  await clickOpenWorkflow(page);
  await (
    await chooser
  ).setFiles({
    name: "bench.reelflow.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(benchWorkflow(nodes, SHAPE))),
  });
  // A node the fitted view shows (the canvas may leave off-screen nodes out of the DOM).
  await page.locator(`[data-node-id="${centreNodeId(nodes, SHAPE)}"]`).waitFor({ state: "attached", timeout: 120_000 });
  await page.getByRole("button", { name: "Hide minimap" }).waitFor();
  return page;
}

/**
 * Each zoom level: `rounds` runs of each gesture per page, taking turns (bare, app, then app, bare, ...), so a change
 * in the machine's load falls on both alike. Frames are pooled over the runs; CPU per step is their mean. The first
 * level is the fitted view (zoom 0.1 for 1,000 nodes), the second zoom 1 reached by the wheel at the view's centre.
 */
export async function benchEditorFrames(opts: {
  appDist: string;
  nodes: number;
  steps: number;
  rounds?: number;
  zooms?: ("fit" | 1)[];
}): Promise<EditorFramesResult> {
  const bareDir = await bundleBarePage();
  const bareServer = await serveStatic(bareDir, "/");
  const appServer = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  const rounds = opts.rounds ?? 3;
  try {
    const barePage = await openBarePage(browser, bareServer.url, opts.nodes);
    const appPage = await openEditor(browser, appServer.url, opts.nodes);
    const pages = [barePage, appPage] as const;
    const counters = await Promise.all(pages.map((p) => PageCounters.of(p)));
    const levels: ZoomLevelResult[] = [];
    for (const zoom of opts.zooms ?? ["fit", 1]) {
      // Both pages at the same zoom: the editor's (its fit leaves room for the palette and the minimap), or 1.
      const target = zoom === "fit" ? await zoomOf(appPage) : zoom;
      for (const page of pages) {
        await page.bringToFront();
        await zoomTo(page, target);
        await settled(page);
      }
      const [bareRun, appRun] = pages.map((p, i) => new PageRun(p, counters[i]!));
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? [bareRun!, appRun!] : [appRun!, bareRun!];
        for (const gesture of ["pan", "drag"] as const) for (const run of order) await run.once(gesture, opts.steps);
      }
      const [bare, app] = [await bareRun!.result(), await appRun!.result()];
      levels.push({
        zoom: app.zoom,
        app,
        bare,
        ratios: { pan: ratios(app.pan, bare.pan), drag: ratios(app.drag, bare.drag) },
      });
    }
    const all = levels.flatMap((l) => [l.ratios.pan, l.ratios.drag]).flatMap((g) => [g.median, g.p95, g.cpu]);
    const edges = benchGraph(opts.nodes, SHAPE).edges.length;
    return { nodes: opts.nodes, edges, steps: opts.steps, rounds, levels, worstRatio: Math.max(...all) };
  } finally {
    await browser.close();
    await appServer.close();
    await bareServer.close();
    rmSync(bareDir, { recursive: true, force: true });
  }
}

/** The figures as lines for `npm run bench`: per zoom level and gesture, editor vs plain React Flow and the ratios. */
export function describeEditorFrames(f: EditorFramesResult): string[] {
  const n = (x: number) => x.toFixed(1);
  const r = (x: number) => x.toFixed(2);
  const spread = (xs: number[]) => `${r(Math.min(...xs))}–${r(Math.max(...xs))}`;
  const lines = [
    `      ${f.nodes} nodes, ${f.edges} edges, ${f.steps} pointer steps per gesture, ${f.rounds} runs per page taking ` +
      `turns; baseline: plain React Flow 12, default nodes, no Background/MiniMap/Controls; editor with its minimap`,
  ];
  for (const l of f.levels)
    for (const g of ["pan", "drag"] as const) {
      const [a, b, q] = [l.app[g], l.bare[g], l.ratios[g]];
      lines.push(
        `      zoom ${l.zoom.toFixed(2)} (bare ${l.bare.zoom.toFixed(2)}) ${g.padEnd(4)} ` +
          `median ${n(a.medianMs)} vs ${n(b.medianMs)} ms = ${r(q.median)} (runs ${spread(q.medianRuns)}), ` +
          `p95 ${n(a.p95Ms)} vs ${n(b.p95Ms)} = ${r(q.p95)}, ` +
          `CPU/step ${n(a.cpuMsPerStep)} vs ${n(b.cpuMsPerStep)} ms = ${r(q.cpu)} (runs ${spread(q.cpuRuns)}; ` +
          `script ${n(a.scriptMsPerStep)} vs ${n(b.scriptMsPerStep)}, style+layout ` +
          `${n(a.styleLayoutMsPerStep)} vs ${n(b.styleLayoutMsPerStep)})${a.moved && b.moved ? "" : " NOT MOVED"}`,
      );
    }
  return lines;
}

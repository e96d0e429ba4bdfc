// Bench 4b (issue 8): how long opening a big graph stalls the page. Measured in the page itself: from the moment the
// open starts (file handed to the app's file input; bare page: graph handed to React Flow) until the nodes are on
// screen, and until the page answers every frame again (no frame gap over 50 ms for a settled second); plus the
// longest main-thread task in that span (Chromium's longtask entries).
import { rmSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { bareGraph, bundleBarePage, clickOpenWorkflow, openDemoCanvas } from "./editor-frames";
import { benchWorkflow, centreNodeId } from "./graph";
import { serveStatic } from "./static-server";

export interface OpenTiming {
  /** Open → first frame with the graph's last node in the DOM. */
  shownMs: number;
  /** Open → first frame from which no frame gap exceeds 50 ms for SETTLE_MS (and the nodes are shown). */
  interactiveMs: number;
  /** Longest main-thread task between open and interactive. */
  longestTaskMs: number;
  /** Sum of main-thread tasks over 50 ms in that span (how much of it the page could not answer). */
  longTasksMs: number;
}

const SETTLE_MS = 1000;
const LONG_GAP_MS = 50;

/**
 * Starts recording (frames, long tasks) and returns the script the caller evaluates to start the open; kept as a
 * string: tsx's keep-names helper (__name) does not exist in the page.
 */
const START_RECORDING = (doneSelector: string) => `(() => {
  const rec = { t0: performance.now(), frames: [], tasks: [], shownAt: null };
  window.__openRec = rec;
  try {
    rec.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) rec.tasks.push({ start: e.startTime, ms: e.duration }); });
    rec.observer.observe({ type: "longtask" });
  } catch { rec.noLongtasks = true; }
  const tick = (t) => {
    rec.frames.push(t);
    if (rec.shownAt === null && document.querySelector(${JSON.stringify(doneSelector)})) rec.shownAt = t;
    if (!rec.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Reads the recording once it has settled: resolves null while not yet (the caller polls). */
const READ_IF_SETTLED = `(() => {
  const rec = window.__openRec;
  if (!rec || rec.shownAt === null) return null;
  const f = rec.frames;
  // The first frame at or after the nodes showed from which frames kept coming every <= ${LONG_GAP_MS} ms.
  let from = -1;
  for (let i = 0; i < f.length; i++) {
    if (f[i] < rec.shownAt) continue;
    if (from === -1) from = i;
    if (i > 0 && f[i] - f[i - 1] > ${LONG_GAP_MS}) from = i;
  }
  if (from === -1 || f[f.length - 1] - f[from] < ${SETTLE_MS}) return null;
  rec.stop = true;
  rec.observer?.disconnect();
  const end = f[from];
  const tasks = rec.tasks.filter((t) => t.start + t.ms > rec.t0 && t.start < end);
  return {
    shownMs: rec.shownAt - rec.t0,
    interactiveMs: end - rec.t0,
    longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.ms), 0),
    longTasksMs: tasks.reduce((s, t) => s + t.ms, 0),
    noLongtasks: !!rec.noLongtasks,
  };
})()`;

/**
 * Times one open on `page`: recording starts, then `open()` (which starts the open from outside, e.g. hands a file
 * to a file chooser), then waits until the graph is shown and the page has settled.
 */
export async function timeOpen(
  page: Page,
  doneSelector: string,
  open: () => Promise<void>,
  timeoutMs = 120_000,
): Promise<OpenTiming> {
  await page.evaluate(START_RECORDING(doneSelector));
  await open();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await page.evaluate<(OpenTiming & { noLongtasks: boolean }) | null>(READ_IF_SETTLED);
    if (r) {
      if (r.noLongtasks) throw new Error("bench 4b: this Chromium reports no longtask entries");
      return {
        shownMs: r.shownMs,
        interactiveMs: r.interactiveMs,
        longestTaskMs: r.longestTaskMs,
        longTasksMs: r.longTasksMs,
      };
    }
    if (Date.now() > deadline)
      throw new Error(`bench 4b: ${doneSelector} not shown and settled within ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

export const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface EditorOpenResult {
  nodes: number;
  /** One timing per open, in the order they ran (the pages took turns). */
  app: OpenTiming[];
  bare: OpenTiming[];
  /** Medians over the opens. */
  appMedian: OpenTiming;
  bareMedian: OpenTiming;
}

const medianTiming = (ts: OpenTiming[]): OpenTiming => ({
  shownMs: medianOf(ts.map((t) => t.shownMs)),
  interactiveMs: medianOf(ts.map((t) => t.interactiveMs)),
  longestTaskMs: medianOf(ts.map((t) => t.longestTaskMs)),
  longTasksMs: medianOf(ts.map((t) => t.longTasksMs)),
});

/**
 * Opens the `nodes`-node bench graph `opens` times in each page, taking turns (bare, app, app, bare, ...), each open
 * in a fresh browser context: the app through its "Open workflow" file chooser in demo mode, the bare page by handing
 * the graph to its React Flow.
 */
export async function benchEditorOpen(opts: {
  appDist: string;
  nodes: number;
  opens?: number;
}): Promise<EditorOpenResult> {
  const bareDir = await bundleBarePage();
  const bareServer = await serveStatic(bareDir, "/");
  const appServer = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  const centre = centreNodeId(opts.nodes);
  const file = Buffer.from(JSON.stringify(benchWorkflow(opts.nodes)));
  const graph = bareGraph(opts.nodes);
  const viewport = { width: 1280, height: 800 };
  const app: OpenTiming[] = [];
  const bare: OpenTiming[] = [];

  const openBare = async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript((gr) => {
      (window as unknown as { __BENCH_GRAPH__: unknown }).__BENCH_GRAPH__ = gr;
    }, graph);
    await page.goto(`${bareServer.url}?open=later`);
    await page.waitForFunction("typeof window.__benchOpen === 'function'");
    await page.waitForTimeout(500);
    bare.push(
      await timeOpen(page, `.react-flow__node[data-id="${centre}"]`, () => page.evaluate("window.__benchOpen()")),
    );
    await context.close();
  };
  const openApp = async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(appServer.url);
    await openDemoCanvas(page);
    await page.waitForTimeout(500);
    const chooser = page.waitForEvent("filechooser");
    await clickOpenWorkflow(page);
    const fileChooser = await chooser;
    app.push(
      await timeOpen(page, `[data-node-id="${centre}"]`, () =>
        fileChooser.setFiles({ name: "bench.reelflow.json", mimeType: "application/json", buffer: file }),
      ),
    );
    await context.close();
  };

  try {
    const opens = opts.opens ?? 5;
    for (let i = 0; i < opens; i++) {
      if (i % 2 === 0) {
        await openBare();
        await openApp();
      } else {
        await openApp();
        await openBare();
      }
    }
    return { nodes: opts.nodes, app, bare, appMedian: medianTiming(app), bareMedian: medianTiming(bare) };
  } finally {
    await browser.close();
    await appServer.close();
    await bareServer.close();
    rmSync(bareDir, { recursive: true, force: true });
  }
}

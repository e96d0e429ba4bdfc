// Bench 6 (issue 8): reopen a workflow whose 50 nodes have cached videos. The cache is seeded through the app
// itself (demo mode runs the 50 nodes and stores simulated videos in IndexedDB). Measured: navigation start →
// canvas shown with all 50 <video> elements holding a blob: src, and live object URLs across 20 switches between
// this workflow and an empty one (URL.createObjectURL / revokeObjectURL wrapped by an init script).
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { clickOpenWorkflow, openDemoCanvas } from "./editor-frames";
import { serveStatic } from "./static-server";

/**
 * Where the time of one reopen goes, in ms since navigation start (performance.now() in the page), seen from the
 * DOM: when the first and the last of the nodes appeared, got their result view, and got a blob: video.
 * `script` is when the entry script finished loading; `marks` are the app's own performance marks, if any.
 */
export interface ReopenPhases {
  /** The page's HTML received, and the previous page's unload handlers done (navigation timing). */
  html: number;
  unloaded: number;
  script: number;
  firstNode: number;
  allNodes: number;
  firstResult: number;
  allResults: number;
  firstVideo: number;
  allVideos: number;
  /** Scripts loaded after the entry one (lazy chunks): file name → [request start, loaded] in ms since navigation. */
  chunks: Record<string, [number, number]>;
  /** Take strip thumbnails (they share the database and the main thread with the videos). */
  firstThumb: number;
  allThumbs: number;
  marks: Record<string, number>;
  /** Main-thread tasks over 50 ms so far: [start, duration] in ms since navigation start. */
  longTasks: [number, number][];
}

export interface ReopenResult {
  nodes: number;
  reopenMs: number[];
  /** Per reopen, same order: navigation start → interactive (see interactiveAfter); the target figure. */
  interactiveMs: number[];
  /** The same, reloading the open app (its teardown included): shown beside reopenMs, not the target figure. */
  reloadMs: number[];
  /** One per reopen, same order as reopenMs. */
  phases: ReopenPhases[];
  liveUrls: number[];
  cycles: number;
  /** Take thumbnails shown before the cycles. */
  thumbnails: number;
}

function videoWorkflow(count: number, name: string) {
  return {
    format: "reelflow/workflow",
    version: 1,
    name,
    nodes: Array.from({ length: count }, (_, i) => ({
      id: `clip${i}`,
      type: "text-to-video",
      position: { x: (i % 10) * 360, y: Math.floor(i / 10) * 480 },
      data: {
        endpoint: "fal-ai/sora-2/text-to-video",
        params: { prompt: `Clip ${i}: a lantern drifting over a lake`, duration: 4 },
      },
    })),
    edges: [],
  };
}

const COUNT_URLS = `(() => {
  const live = new Set();
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (o) => { const u = create(o); live.add(u); return u; };
  URL.revokeObjectURL = (u) => { live.delete(u); revoke(u); };
  window.__liveObjectUrls = () => live.size;
})()`;

// Records, from the first DOM mutation on, when each phase's count first reached 1 and then the full count
// (read back by phasesOf). A MutationObserver callback runs right after the mutating task, before the next paint.
export const watchPhases = (want: number) => `(() => {
  const at = {};
  const probes = {
    Node: '[data-node-id]',
    Result: '[data-node-id] .result',
    Video: '[data-node-id] video[src^="blob:"]',
    Thumb: '[data-node-id] .take-thumb img[src^="blob:"]',
  };
  const check = () => {
    const want = ${want};
    // One time per batch of mutations: phases reached in the same batch (the same task) get the same time.
    const now = performance.now();
    for (const [name, sel] of Object.entries(probes)) {
      if (at['all' + name] !== undefined) continue;
      const n = document.querySelectorAll(sel).length;
      if (n > 0 && at['first' + name] === undefined) at['first' + name] = now;
      if (want > 0 && n >= want) at['all' + name] = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
  window.__benchPhases = () => at;
  // The page's long tasks (main thread busy over 50 ms: input waits), for "interactive" below.
  const tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push([e.startTime, e.startTime + e.duration]); }).observe({ type: "longtask", buffered: true });
  // The end of the last long task before the first quiet second (no long task) after shownAt, or shownAt when
  // none: the main thread answers input from then on (the usual time-to-interactive, with a 1 s window). Null
  // while that second has not passed yet.
  window.__benchLongTasks = () => tasks.map(([start, end]) => [Math.round(start), Math.round(end - start)]);
  window.__benchInteractive = (shownAt, quietMs) => {
    let t = shownAt;
    for (const [start, end] of [...tasks].sort((a, b) => a[0] - b[0])) {
      if (end <= t) continue;
      if (start - t >= quietMs) break;
      t = Math.max(t, end);
    }
    return performance.now() - t >= quietMs ? t : null;
  };
})()`;

// A string, not a function: tsx compiles functions with helpers (__name) that do not exist in the page.
const READ_PHASES = `(() => {
  const at = window.__benchPhases ? window.__benchPhases() : {};
  const entry = document.querySelector('script[type="module"][src]')?.src;
  const script = performance.getEntriesByType("resource").find((e) => e.name === entry);
  const marks = {};
  for (const m of performance.getEntriesByType("mark")) marks[m.name] = Math.round(m.startTime);
  const r = (k) => Math.round(at[k] ?? NaN);
  const nav = performance.getEntriesByType("navigation")[0];
  const chunks = {};
  for (const e of performance.getEntriesByType("resource"))
    if (e.name.endsWith(".js") && e.name !== entry) chunks[e.name.split("/").pop()] = [Math.round(e.startTime), Math.round(e.responseEnd)];
  return { html: Math.round(nav?.responseEnd ?? NaN), unloaded: Math.round(nav?.unloadEventEnd || NaN), script: Math.round(script?.responseEnd ?? NaN), firstNode: r("firstNode"), allNodes: r("allNode"), firstResult: r("firstResult"),
    allResults: r("allResult"), firstVideo: r("firstVideo"), allVideos: r("allVideo"),
    firstThumb: r("firstThumb"), allThumbs: r("allThumb"), chunks, marks, longTasks: window.__benchLongTasks ? window.__benchLongTasks() : [] };
})()`;

const phasesOf = (page: Page): Promise<ReopenPhases> => page.evaluate<ReopenPhases>(READ_PHASES);

/** One line per phase: "script 180, node 620→700, result 900→960, video 1000→1400". */
export function describePhases(p: ReopenPhases): string {
  const marks = Object.entries(p.marks).map(([k, v]) => `${k} ${v}`);
  return [
    `html ${p.html}`,
    `unloaded ${p.unloaded}`,
    `script ${p.script}`,
    `nodes ${p.firstNode}→${p.allNodes}`,
    `results ${p.firstResult}→${p.allResults}`,
    `videos ${p.firstVideo}→${p.allVideos}`,
    `thumbs ${p.firstThumb}→${p.allThumbs}`,
    ...marks,
    `long tasks ${p.longTasks.map(([at, ms]) => `${at}+${ms}`).join(" ") || "none"}`,
  ].join(", ");
}

/**
 * A fresh navigation to the app (which opens the last workflow from IndexedDB) until all videos show.
 * `from: "blank"` (the figure bench 6 reports) opens it from an empty tab, as a person reopening the
 * app does, so the time is the app's own (the tab waits a second first: the previous page's media
 * are torn down in the background after its navigation ends, and would otherwise be timed too); `from: "app"` reloads the open app, and then the timeline
 * also holds Chromium tearing down the previous page's 50 playing videos (0.1–0.6 s here).
 */
export async function reopen(
  page: Page,
  url: string,
  nodes: number,
  from: "blank" | "app" = "blank",
): Promise<{ ms: number; interactiveMs: number; phases: ReopenPhases }> {
  if (from === "blank") {
    // An empty tab that has been open a moment: Chromium has finished tearing down the previous page.
    await page.goto("about:blank");
    await page.waitForTimeout(1000);
  }
  await page.goto(url);
  const ms = await allVideosShown(page, nodes);
  const interactiveMs = await interactiveAfter(page, ms);
  return { ms, interactiveMs, phases: await phasesOf(page) };
}

/**
 * Time until interactive, in ms since navigation start: once all videos show, the end of the last main-thread task
 * over 50 ms (Chromium's longtask entries) before a second with none, so the page answers input from then on. What
 * the app does right after its first frame (storage and the run code arriving, thumbnails) counts here. (Frame
 * rate is not the measure: 50 playing videos at 4000 × 2600 px, rastered without a GPU, hold this machine's
 * frames at about 20 per second whatever the app does.)
 */
async function interactiveAfter(page: Page, shownMs: number): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const at = await page.evaluate<number | null>(`window.__benchInteractive(${shownMs}, 1000)`);
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error("bench 6: the page did not settle within 60 s of showing its videos");
    await page.waitForTimeout(200);
  }
}

async function openFile(page: Page, workflow: object) {
  const chooser = page.waitForEvent("filechooser");
  await clickOpenWorkflow(page);
  await (
    await chooser
  ).setFiles({
    name: "bench.reelflow.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(workflow)),
  });
}

/** Resolves with performance.now() (ms since navigation start) once the canvas shows `count` videos with a blob: src. */
const allVideosShown = (page: Page, count: number) =>
  page
    .waitForFunction(
      `document.querySelectorAll('[data-node-id] video[src^="blob:"]').length >= ${count} ? performance.now() : 0`,
      undefined,
      { timeout: Number(process.env.BENCH6_TIMEOUT_MS ?? 60_000), polling: "raf" },
    )
    .then(async (h) => Number(await h.jsonValue()));

/**
 * Runs `nodes` text-to-video nodes in demo mode so their (simulated) videos are cached, then waits for the take
 * strips' thumbnails. The page's page-scripts then include the phase watcher for every later navigation.
 */
export async function seedCachedWorkflow(
  page: Page,
  url: string,
  nodes: number,
): Promise<{ name: string; thumbnails: number }> {
  await page.addInitScript(watchPhases(nodes));
  await page.goto(`${url}?demoDelay=50`);
  await openDemoCanvas(page);
  const name = `Bench ${nodes} cached`;
  await openFile(page, videoWorkflow(nodes, name));
  await page.locator(`[data-node-id="clip${nodes - 1}"]`).waitFor();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForFunction(
    `document.querySelectorAll('[data-node-id][data-status="succeeded"]').length >= ${nodes}`,
    undefined,
    { timeout: 300_000 },
  );
  await allVideosShown(page, nodes).catch(async (e: unknown) => {
    const seen = await page.evaluate(
      `[document.querySelectorAll('[data-node-id]').length, document.querySelectorAll('[data-node-id] video').length, document.querySelectorAll('[data-node-id] video[src^="blob:"]').length]`,
    );
    throw new Error(`bench 6: after the run, [nodes, videos, blob videos] = ${JSON.stringify(seen)}: ${String(e)}`);
  });
  // Each node's take strip makes its thumbnail in the background, one at a time, and shows it through an object
  // URL: wait for them, so what follows starts from the settled count (else it counts thumbnails arriving).
  await page
    .waitForFunction(
      `document.querySelectorAll('[data-node-id] .take-thumb img[src^="blob:"]').length >= ${nodes}`,
      undefined,
      { timeout: 120_000 },
    )
    .catch(() => undefined);
  const thumbnails = Number(
    await page.evaluate(`document.querySelectorAll('[data-node-id] .take-thumb img[src^="blob:"]').length`),
  );
  return { name, thumbnails };
}

export interface ReopenAB {
  nodes: number;
  /** Per build (same order as `dists`): each reopen's ms and phases, in the order they ran. */
  builds: { dist: string; reopenMs: number[]; interactiveMs: number[]; phases: ReopenPhases[] }[];
}

/**
 * A/B: the cache is seeded with the first build, then the builds take turns (A B B A A B ...) reopening the same
 * workflow from one origin (one server whose folder is switched), so both read the same IndexedDB and a change in
 * the machine's load falls on both alike. The builds must share the database schema.
 */
export async function benchReopenAB(opts: { dists: string[]; nodes: number; rounds: number }): Promise<ReopenAB> {
  let current = opts.dists[0] ?? "";
  const server = await serveStatic(() => current, "/reelflow/");
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 4000, height: 2600 } });
    const page = await context.newPage();
    await seedCachedWorkflow(page, server.url, opts.nodes);
    const builds = opts.dists.map((dist) => ({
      dist,
      reopenMs: [] as number[],
      interactiveMs: [] as number[],
      phases: [] as ReopenPhases[],
    }));
    // One reopen of each build first, not counted (the first navigation after the run pays for its leftovers).
    for (const b of builds) {
      current = b.dist;
      await reopen(page, server.url, opts.nodes);
    }
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? builds : [...builds].reverse();
      for (const b of order) {
        current = b.dist;
        const r = await reopen(page, server.url, opts.nodes);
        b.reopenMs.push(r.ms);
        b.interactiveMs.push(r.interactiveMs);
        b.phases.push(r.phases);
      }
    }
    await context.close();
    return { nodes: opts.nodes, builds };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function benchReopenCached(opts: {
  appDist: string;
  nodes: number;
  cycles: number;
  reopens: number;
}): Promise<ReopenResult> {
  const server = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  try {
    // Big enough that fitView keeps all 50 nodes above the zoom where node views show their video (DETAIL_ZOOM).
    const context = await browser.newContext({ viewport: { width: 4000, height: 2600 } });
    const page = await context.newPage();
    await page.addInitScript(COUNT_URLS);
    const { name, thumbnails } = await seedCachedWorkflow(page, server.url, opts.nodes);
    await openFile(page, { format: "reelflow/workflow", version: 1, name: "Bench empty", nodes: [], edges: [] });
    await page.waitForFunction(`document.querySelectorAll('[data-node-id]').length === 0`);

    // Switch back and forth through the Workflows panel; live object URLs after each return to the cached one.
    await page.getByRole("button", { name: "Workflows", exact: true }).click();
    const list = page.getByRole("list", { name: "Workflow list" });
    const liveUrls: number[] = [];
    for (let i = 0; i < opts.cycles; i++) {
      await list.getByRole("button", { name: new RegExp(`^Open ${name}`) }).click();
      await allVideosShown(page, opts.nodes);
      // The thumbnails show after the videos: count once they are all there too (as many as before the cycles),
      // else the count depends on how far they got.
      await page.waitForFunction(
        `document.querySelectorAll('[data-node-id] .take-thumb img[src^="blob:"]').length >= ${thumbnails}`,
        undefined,
        { timeout: 60_000 },
      );
      liveUrls.push(Number(await page.evaluate("window.__liveObjectUrls()")));
      await list.getByRole("button", { name: /^Open Bench empty/ }).click();
      await page.waitForFunction(`document.querySelectorAll('[data-node-id]').length === 0`);
    }
    await list.getByRole("button", { name: new RegExp(`^Open ${name}`) }).click();
    await allVideosShown(page, opts.nodes);

    // Reopen: a fresh navigation to the app, which opens the last workflow from IndexedDB, from an empty tab
    // (the figure) and as a reload of the open app (teardown of its videos included), taking turns.
    const reopenMs: number[] = [];
    const interactiveMs: number[] = [];
    const reloadMs: number[] = [];
    const phases: ReopenPhases[] = [];
    for (let i = 0; i < opts.reopens; i++) {
      const r = await reopen(page, server.url, opts.nodes, "blank");
      reopenMs.push(r.ms);
      interactiveMs.push(r.interactiveMs);
      phases.push(r.phases);
      reloadMs.push((await reopen(page, server.url, opts.nodes, "app")).ms);
    }
    await context.close();
    return { nodes: opts.nodes, reopenMs, interactiveMs, reloadMs, phases, liveUrls, cycles: opts.cycles, thumbnails };
  } finally {
    await browser.close();
    await server.close();
  }
}

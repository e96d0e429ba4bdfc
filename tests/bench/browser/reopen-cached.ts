// Bench 6 (issue 8): reopen a workflow whose 50 nodes have cached videos. The cache is seeded through the app
// itself (demo mode runs the 50 nodes and stores simulated videos in IndexedDB). Measured: navigation start →
// canvas shown with all 50 <video> elements holding a blob: src, and live object URLs across 20 switches between
// this workflow and an empty one (URL.createObjectURL / revokeObjectURL wrapped by an init script).
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { openDemoCanvas } from "./editor-frames";
import { serveStatic } from "./static-server";

export interface ReopenResult { nodes: number; reopenMs: number[]; liveUrls: number[]; cycles: number; /** Take thumbnails shown before the cycles. */ thumbnails: number }

function videoWorkflow(count: number, name: string) {
  return {
    format: "reelflow/workflow",
    version: 1,
    name,
    nodes: Array.from({ length: count }, (_, i) => ({
      id: `clip${i}`,
      type: "text-to-video",
      position: { x: (i % 10) * 360, y: Math.floor(i / 10) * 480 },
      data: { endpoint: "fal-ai/sora-2/text-to-video", params: { prompt: `Clip ${i}: a lantern drifting over a lake`, duration: 4 } },
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

async function openFile(page: Page, workflow: object) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Open workflow", exact: true }).click();
  await (await chooser).setFiles({ name: "bench.reelflow.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(workflow)) });
}

/** Resolves with performance.now() (ms since navigation start) once the canvas shows `count` videos with a blob: src. */
const allVideosShown = (page: Page, count: number) =>
  page.waitForFunction(`document.querySelectorAll('[data-node-id] video[src^="blob:"]').length >= ${count} ? performance.now() : 0`, undefined, { timeout: Number(process.env.BENCH6_TIMEOUT_MS ?? 60_000), polling: "raf" }).then(async (h) => Number(await h.jsonValue()));

export async function benchReopenCached(opts: { appDist: string; nodes: number; cycles: number; reopens: number }): Promise<ReopenResult> {
  const server = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  try {
    // Big enough that fitView keeps all 50 nodes above the zoom where node views show their video (DETAIL_ZOOM).
    const context = await browser.newContext({ viewport: { width: 4000, height: 2600 } });
    const page = await context.newPage();
    await page.addInitScript(COUNT_URLS);
    await page.goto(`${server.url}?demoDelay=50`);
    await openDemoCanvas(page);
    const name = `Bench ${opts.nodes} cached`;
    await openFile(page, videoWorkflow(opts.nodes, name));
    await page.locator(`[data-node-id="clip${opts.nodes - 1}"]`).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForFunction(`document.querySelectorAll('[data-node-id][data-status="succeeded"]').length >= ${opts.nodes}`, undefined, { timeout: 300_000 });
    await allVideosShown(page, opts.nodes).catch(async (e: unknown) => {
      const seen = await page.evaluate(`[document.querySelectorAll('[data-node-id]').length, document.querySelectorAll('[data-node-id] video').length, document.querySelectorAll('[data-node-id] video[src^="blob:"]').length]`);
      throw new Error(`bench 6: after the run, [nodes, videos, blob videos] = ${JSON.stringify(seen)}: ${String(e)}`);
    });
    // Each node's take strip makes its thumbnail in the background, one at a time, and shows it through an object
    // URL: wait for them, so the cycles below start from the settled count (else they count thumbnails arriving).
    await page
      .waitForFunction(`document.querySelectorAll('[data-node-id] .take-thumb img[src^="blob:"]').length >= ${opts.nodes}`, undefined, { timeout: 120_000 })
      .catch(() => undefined);
    const thumbnails = Number(await page.evaluate(`document.querySelectorAll('[data-node-id] .take-thumb img[src^="blob:"]').length`));
    await openFile(page, { format: "reelflow/workflow", version: 1, name: "Bench empty", nodes: [], edges: [] });
    await page.waitForFunction(`document.querySelectorAll('[data-node-id]').length === 0`);

    // Switch back and forth through the Workflows panel; live object URLs after each return to the cached one.
    await page.getByRole("button", { name: "Workflows", exact: true }).click();
    const list = page.getByRole("list", { name: "Workflow list" });
    const liveUrls: number[] = [];
    for (let i = 0; i < opts.cycles; i++) {
      await list.getByRole("button", { name: new RegExp(`^Open ${name}`) }).click();
      await allVideosShown(page, opts.nodes);
      liveUrls.push(Number(await page.evaluate("window.__liveObjectUrls()")));
      await list.getByRole("button", { name: /^Open Bench empty/ }).click();
      await page.waitForFunction(`document.querySelectorAll('[data-node-id]').length === 0`);
    }
    await list.getByRole("button", { name: new RegExp(`^Open ${name}`) }).click();
    await allVideosShown(page, opts.nodes);

    // Reopen: a fresh navigation to the app, which opens the last workflow from IndexedDB.
    const reopenMs: number[] = [];
    for (let i = 0; i < opts.reopens; i++) {
      await page.goto(server.url);
      reopenMs.push(await allVideosShown(page, opts.nodes));
    }
    await context.close();
    return { nodes: opts.nodes, reopenMs, liveUrls, cycles: opts.cycles, thumbnails };
  } finally {
    await browser.close();
    await server.close();
  }
}

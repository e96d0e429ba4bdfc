// Bench 5, checked in Chromium: which scripts the built app really loads at start. The static count
// (bundle-size.ts) takes what dist/index.html names; this watches the network instead, so a chunk that
// start-up code imports on its own (and the static count would miss) shows up. Two starts: the first
// visit (welcome screen) and a reload in fal mode that reopens the last workflow.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { launchChromium } from "./chromium";
import { serveStatic } from "./static-server";

export interface StartLoad {
  start: string;
  /** Scripts fetched until the app was usable (canvas drawn, workflow name shown, Run button there). */
  untilUsable: { file: string; gzipBytes: number }[];
  /** Scripts fetched in the quiet second after that, with nobody touching anything. */
  afterwards: { file: string; gzipBytes: number }[];
}

const gzipOf = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

async function watchStart(
  page: Page,
  dist: string,
  start: string,
  go: () => Promise<unknown>,
  usable: () => Promise<unknown>,
): Promise<StartLoad> {
  const seen: string[] = [];
  const onResponse = (r: { url(): string }) => {
    const m = /\/(assets\/[^/?#]+\.js)(?:$|[?#])/.exec(r.url());
    if (m?.[1] && !seen.includes(m[1])) seen.push(m[1]);
  };
  page.on("response", onResponse);
  await go();
  await usable();
  const untilUsable = seen.length;
  await page.waitForTimeout(1000);
  page.off("response", onResponse);
  const sized = (files: string[]) => files.map((file) => ({ file, gzipBytes: gzipOf(dist, file) }));
  return { start, untilUsable: sized(seen.slice(0, untilUsable)), afterwards: sized(seen.slice(untilUsable)) };
}

const canvasWithWorkflow = (page: Page) =>
  page.waitForFunction(
    `!!document.querySelector(".react-flow__renderer") && !!document.querySelector('input[aria-label="Workflow name"]')?.value && !!document.querySelector('button[aria-label="Run"]')`,
    undefined,
    { timeout: 30_000, polling: 50 },
  );

export async function benchStartLoads(opts: { appDist: string }): Promise<StartLoad[]> {
  const server = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    const first = await watchStart(
      page,
      opts.appDist,
      "first visit",
      () => page.goto(server.url),
      async () => {
        await canvasWithWorkflow(page);
        await page.getByRole("button", { name: "Try the demo" }).waitFor();
      },
    );
    // fal mode with a proxy URL (nothing is sent: a reopen only reads this browser's storage).
    await page.getByRole("button", { name: "Set up a proxy" }).click();
    await page.getByLabel("Proxy URL").waitFor();
    await page.getByRole("button", { name: "Close settings" }).click();
    const reopen = await watchStart(
      page,
      opts.appDist,
      "reload in fal mode (reopens the last workflow)",
      () => page.reload(),
      () => canvasWithWorkflow(page),
    );
    return [first, reopen];
  } finally {
    await browser.close();
    await server.close();
  }
}

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

/**
 * The page itself notes the moment it first became usable (a MutationObserver from the first script on), and the
 * scripts are split by when the browser started fetching them, before or after that moment. Deciding on the
 * test's side instead (when Playwright noticed) counted a chunk asked for just after the app was usable as "before"
 * whenever a loaded machine let the test notice late.
 */
const USABLE_AT = "__reelflowUsableAt";

function noteWhenUsable(condition: string, slot: string): string {
  return `(() => {
    const note = () => {
      if (window["${slot}"] === undefined && (${condition})) window["${slot}"] = performance.now();
    };
    new MutationObserver(note).observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

async function watchStart(
  page: Page,
  dist: string,
  start: string,
  condition: string,
  go: () => Promise<unknown>,
): Promise<StartLoad> {
  const slot = `${USABLE_AT}_${start.replace(/\W+/g, "_")}`;
  await page.addInitScript(noteWhenUsable(condition, slot));
  await go();
  await page.waitForFunction(`window["${slot}"] !== undefined`, undefined, { timeout: 30_000, polling: 50 });
  await page.waitForTimeout(1000);
  const { usableAt, scripts } = await page.evaluate(
    (s) => ({
      usableAt: (window as unknown as Record<string, number>)[s] ?? 0,
      scripts: performance.getEntriesByType("resource").map((e) => ({ name: e.name, startTime: e.startTime })),
    }),
    slot,
  );
  const fileOf = (url: string) => /\/(assets\/[^/?#]+\.js)(?:$|[?#])/.exec(url)?.[1];
  const files = (before: boolean) => [
    ...new Set(
      scripts
        .filter((e) => e.startTime <= usableAt === before)
        .map((e) => fileOf(e.name))
        .filter((f): f is string => f !== undefined),
    ),
  ];
  const sized = (list: string[]) => list.map((file) => ({ file, gzipBytes: gzipOf(dist, file) }));
  const untilUsable = files(true);
  return {
    start,
    untilUsable: sized(untilUsable),
    afterwards: sized(files(false).filter((f) => !untilUsable.includes(f))),
  };
}

const CANVAS_WITH_WORKFLOW =
  `!!document.querySelector(".react-flow__renderer") && ` +
  `!!document.querySelector('input[aria-label="Workflow name"]')?.value && ` +
  `!!document.querySelector('button[aria-label="Run"]')`;
const WELCOME_TOO = `${CANVAS_WITH_WORKFLOW} && [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === "Try the demo")`;

export async function benchStartLoads(opts: { appDist: string }): Promise<StartLoad[]> {
  const server = await serveStatic(opts.appDist, "/reelflow/");
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    const first = await watchStart(page, opts.appDist, "first visit", WELCOME_TOO, () => page.goto(server.url));
    // fal mode with a proxy URL (nothing is sent: a reopen only reads this browser's storage).
    await page.getByRole("button", { name: "Set up a proxy" }).click();
    await page.getByLabel("Proxy URL").waitFor();
    await page.getByRole("button", { name: "Close settings" }).click();
    const reopen = await watchStart(
      page,
      opts.appDist,
      "reload in fal mode (reopens the last workflow)",
      CANVAS_WITH_WORKFLOW,
      () => page.reload(),
    );
    return [first, reopen];
  } finally {
    await browser.close();
    await server.close();
  }
}

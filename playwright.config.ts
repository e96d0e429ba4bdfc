import { basename } from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./tests/e2e/chromium-launch";

// Browser journeys: Debian's Chromium (apt, not a Playwright download) against the built app served under a
// sub-path, as a static host would serve it (issue 5). Each worker starts its own fake fal in-process
// (tests/e2e/fixtures.ts), so fault switches and request logs never leak between parallel tests.
const APP_PORT = Number(process.env.REELFLOW_E2E_PORT ?? 18791);
const CI = Boolean(process.env.CI);
// Where the journeys' build goes: one folder per run when several runs share a work tree (with their own port).
const DIST_DIR = process.env.REELFLOW_E2E_DIST ?? "dist";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  // The README screenshot is made on request only (REELFLOW_SCREENSHOT=1), never as part of the suite.
  testIgnore: process.env.REELFLOW_SCREENSHOT ? [] : ["**/screenshot.spec.ts"],
  // A run with its own dist keeps its own results folder: named after the dist folder, never a path inside it.
  outputDir: DIST_DIR === "dist" ? "test-results/e2e" : `test-results/e2e-${basename(DIST_DIR)}`,
  // CI has 2 cores: Chromium plus the Node side of each worker fits in two.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  forbidOnly: CI,
  timeout: 120_000,
  // Generous waits for states (never for wall time): a loaded 2-core machine runs Chromium slowly.
  expect: { timeout: 30_000 },
  // The fault matrix (issue 7) prints after the list when the tests/e2e/faults rows ran.
  reporter: [["list"], ["./tests/e2e/fault-matrix-reporter.ts"]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}/reelflow/`,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunch,
    // Tracing snapshots every step, which costs CPU that CI's two cores need; keep it for local runs.
    trace: CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    // Build once, then serve dist/ under /reelflow/ (tests/e2e/serve-dist.ts, no server routes).
    command: `npx vite build --logLevel warn --outDir ${DIST_DIR} --emptyOutDir && npx tsx tests/e2e/serve-dist.ts`,
    env: { PORT: String(APP_PORT), DIST_DIR },
    url: `http://127.0.0.1:${APP_PORT}/reelflow/`,
    reuseExistingServer: !CI,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});

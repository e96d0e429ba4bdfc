import { chromium, type Browser } from "playwright-core";
import { chromiumLaunch } from "../../e2e/chromium-launch";

/** Debian's Chromium with the same flags as playwright.config.ts (no Playwright browser download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunch, headless: true });
}

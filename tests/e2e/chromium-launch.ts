// How Debian's Chromium is launched (apt, not a Playwright download), for the journeys (playwright.config.ts) and
// the browser benches (tests/bench/browser/chromium.ts) alike.
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // Let <video> play without a user gesture, as the journeys check playback.
    "--autoplay-policy=no-user-gesture-required",
  ],
};

/** Demo latency per job: `?demoDelay=<ms>` in the page URL (tests use it to stay fast), else a few seconds. */
export function demoDelayFromLocation(search: string, fallbackMs = 4000): number {
  const raw = new URLSearchParams(search).get("demoDelay");
  const n = raw === null || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallbackMs;
}

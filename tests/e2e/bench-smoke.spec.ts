// Issue 8: a short run of each browser benchmark (4, 4b, 5b, 6) in CI, against the build the journeys use, so a
// change that breaks one is seen, and bench 5's size budget. Nothing here asserts a duration (a busy 2-core machine
// would make that flake): `npm run bench -- --browser` prints the figures. What is asserted is behaviour the
// benchmarks rely on or report.
import { expect, test } from "@playwright/test";
import { join } from "node:path";
import { benchFirstLoadJs } from "../bench/bundle-size";
import { benchEditorFrames } from "../bench/browser/editor-frames";
import { benchEditorOpen } from "../bench/browser/editor-open";
import { benchStartLoads } from "../bench/browser/first-load";
import { benchReopenCached } from "../bench/browser/reopen-cached";

const dist = join(import.meta.dirname, "..", "..", process.env.REELFLOW_E2E_DIST ?? "dist");

test("bench 4 and 4b (smoke): frames while panning and dragging, and the time to open, for the app and the bare React Flow page", async () => {
  test.setTimeout(300_000);
  const frames = await benchEditorFrames({ appDist: dist, nodes: 100, steps: 10, rounds: 1 });
  // Both zoom levels ran (the fitted view, then zoom 1 in both pages); every gesture moved what it should (the view,
  // the node) and yielded frames and CPU figures.
  expect(frames.levels).toHaveLength(2);
  for (const page of [frames.levels[1]?.app, frames.levels[1]?.bare]) expect(page?.zoom).toBeCloseTo(1, 2);
  for (const level of frames.levels)
    for (const page of [level.app, level.bare])
      for (const stats of [page.pan, page.drag]) {
        expect(stats.moved).toBe(true);
        expect(stats.frames).toBeGreaterThan(0);
        expect(stats.cpuMsPerStep).toBeGreaterThan(0);
      }
  expect(Number.isFinite(frames.worstRatio)).toBe(true);
  const open = await benchEditorOpen({ appDist: dist, nodes: 100, opens: 1 });
  for (const t of [open.appMedian, open.bareMedian]) expect(t.interactiveMs).toBeGreaterThanOrEqual(t.shownMs);
});

test("bench 5 and 5b (smoke): the first-load JavaScript stays within 180 kB gzip, and every script fetched before the app is usable is in that count", async () => {
  test.setTimeout(300_000);
  // A size, not a time: the same build gives the same figure on any machine.
  const bundle = benchFirstLoadJs(dist);
  expect(bundle.gzipKb).toBeLessThanOrEqual(180);
  const counted = bundle.files.map((f) => f.file);
  const starts = await benchStartLoads({ appDist: dist });
  expect(starts).toHaveLength(2);
  for (const s of starts) {
    expect(s.untilUsable.length).toBeGreaterThan(0);
    expect(s.untilUsable.map((f) => f.file).filter((f) => !counted.includes(f))).toEqual([]);
  }
});

test("bench 6 (smoke): a reopened workflow shows every cached video, and live object URLs do not grow over open/close cycles", async () => {
  test.setTimeout(300_000);
  const r = await benchReopenCached({ appDist: dist, nodes: 5, cycles: 3, reopens: 1 });
  expect(r.thumbnails).toBe(5);
  expect(r.liveUrls).toHaveLength(3);
  expect(r.liveUrls.at(-1)).toBeLessThanOrEqual(r.liveUrls[0] ?? 0);
  const [phases] = r.phases;
  // The reopened workflow's results came from the start's first plan (its mark is there), and every video showed.
  // Whether they share the nodes' first frame depends on the machine (the first frame waits at most 300 ms for
  // them): tests/ui/app/start/start.test.ts and tests/ui/node/result-view.test.tsx check that path without a clock.
  expect(phases?.marks["reelflow:first-plan"]).toBeGreaterThan(0);
  expect(phases?.allVideos).toBeGreaterThanOrEqual(phases?.allNodes ?? Infinity);
  expect(r.interactiveMs[0]).toBeGreaterThanOrEqual(r.reopenMs[0] ?? Infinity);
});

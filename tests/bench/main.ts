// `npm run bench`: runs every benchmark and prints its figures with the targets from issue 8 (7: issue 15).
// `npm run bench -- --smoke` runs small versions (CI runs those through tests/bench/smoke.test.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { benchFirstLoadJs } from "./bundle-size";
import { benchCatalogueSearch } from "./catalogue-search";
import { benchMakespan } from "./executor-makespan";
import { benchRequestsPerJob } from "./requests-per-job";
import { benchSchedulerOverhead } from "./scheduler-overhead";

const smoke = process.argv.includes("--smoke");
const root = join(import.meta.dirname, "..", "..");
const line = (name: string, figure: string, target: string, ok: boolean) =>
  console.log(`${ok ? "PASS" : "MISS"}  ${name.padEnd(44)} ${figure.padEnd(34)} target ${target}`);

console.log(
  `Reelflow benchmarks${smoke ? " (smoke sizes)" : ""} on ${cpus().length}× ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
);

const makespan = await benchMakespan(
  smoke
    ? { generations: 12, seeds: [1], concurrency: 4, minMs: 100, maxMs: 300 }
    : { generations: 100, seeds: [1, 2, 3], concurrency: 4, minMs: 300, maxMs: 1500 },
);
for (const m of makespan) {
  line(
    `1. makespan, ${m.nodes}-node DAG seed ${m.seed} (c=${m.concurrency})`,
    `${(m.makespanMs / 1000).toFixed(2)} s vs bound ${(Math.max(m.criticalPathMs, m.workOverConcurrencyMs) / 1000).toFixed(2)} s = ${m.ratio.toFixed(3)}`,
    "ratio ≤ 1.05",
    m.ratio <= 1.05,
  );
}

const overhead = await benchSchedulerOverhead({ generations: smoke ? 100 : 1000, concurrency: 4 });
line(
  `2. scheduler overhead, ${overhead.nodes} instant jobs`,
  `${overhead.perNodeMs.toFixed(3)} ms/node (plan ${overhead.planMs.toFixed(0)} ms)`,
  "< 1 ms/node",
  overhead.perNodeMs < 1,
);

const requests = await benchRequestsPerJob(smoke ? { queueMs: 200, runMs: 800 } : { queueMs: 1000, runMs: 5000 });
line(
  `3. requests for one ${requests.jobSeconds} s job`,
  `${requests.total} (submit ${requests.submit}, stream ${requests.stream}, status ${requests.status}, result ${requests.result})`,
  "1 submit, 1 result, O(1) status",
  requests.submit === 1 && requests.result === 1 && requests.status + requests.stream <= 3,
);

// 7 (issue 15): the model picker's search over ≥ 500 models of one kind, per keystroke.
const search = await benchCatalogueSearch({ modelsOfKind: 500, rounds: smoke ? 3 : 30 });
const perKey = (t: { medianMs: number; worstMs: number }) =>
  `median ${t.medianMs.toFixed(3)}, worst ${t.worstMs.toFixed(2)} ms`;
const frame = "worst ≤ 16 ms (1 frame) per key";
line(
  `7a. search({ kind, query }), ${search.modelsOfKind} models`,
  perKey(search.service),
  frame,
  search.service.worstMs <= 16,
);
line(
  `7b. picker filter per key, ${search.modelsOfKind} models`,
  perKey(search.picker),
  frame,
  search.picker.worstMs <= 16,
);
console.log(
  `      baseline, a plain names.filter(n => n.toLowerCase().includes(query)) over the same names: ${perKey(search.baseline)}`,
);
console.log(
  `      ${search.modelsOfKind} ${search.kind} of ${search.models} models (the bundled snapshot ×${search.copies}); ${search.keystrokes} keys × ${search.rounds} rounds: "k" … "kling o3 pri", backspace, "kling o3 pro"`,
);
console.log(
  `      once per opening, not per key: service rows ${search.firstSearchMs.toFixed(1)} ms, picker rows ${search.pickerRowsMs.toFixed(1)} ms`,
);

// BENCH_DIST: a build other than dist/ (e.g. `vite build --outDir /tmp/x`, so a bench does not race other builds).
const dist = process.env.BENCH_DIST ?? join(root, "dist");
if (!existsSync(join(dist, "index.html")))
  execFileSync("npx", ["vite", "build", "--outDir", dist, "--emptyOutDir", "--logLevel", "error"], {
    cwd: root,
    stdio: "inherit",
  });
const bundle = benchFirstLoadJs(dist);
line(
  "5. first-load JavaScript (gzip)",
  `${bundle.gzipKb.toFixed(1)} kB in ${bundle.files.length} files`,
  "≤ 180 kB",
  bundle.gzipKb <= 180,
);

// Browser benchmarks (4, 6): headless Chromium against dist/, on request with --browser (kept out of vitest).
if (process.argv.includes("--browser")) {
  const { benchEditorFrames, describeEditorFrames } = await import("./browser/editor-frames");
  const f = await benchEditorFrames({ appDist: dist, nodes: smoke ? 200 : 1000, steps: smoke ? 20 : 120 });
  for (const line4 of describeEditorFrames(f)) console.log(line4);
  line(
    `4. pan/drag, ${f.nodes} nodes: editor ÷ plain React Flow`,
    `worst of all ratios ${f.worstRatio.toFixed(2)}`,
    "every ratio ≤ 1.1",
    f.worstRatio <= 1.1,
  );
  const { benchEditorOpen } = await import("./browser/editor-open");
  const o = await benchEditorOpen({ appDist: dist, nodes: smoke ? 200 : 1000, opens: smoke ? 1 : 5 });
  const sec = (t: { interactiveMs: number; longestTaskMs: number }) =>
    `${(t.interactiveMs / 1000).toFixed(2)} s (longest task ${t.longestTaskMs.toFixed(0)} ms)`;
  line(
    `4b. open ${o.nodes} nodes → interactive (median of ${o.app.length})`,
    `${sec(o.appMedian)} vs bare ${sec(o.bareMedian)}`,
    "< 2 s",
    o.appMedian.interactiveMs < 2000,
  );
  const { benchReopenCached, describePhases } = await import("./browser/reopen-cached");
  const r = await benchReopenCached({ appDist: dist, nodes: smoke ? 10 : 50, cycles: smoke ? 5 : 20, reopens: 3 });
  const worst = Math.max(...r.interactiveMs);
  line(
    `6a. reopen ${r.nodes} cached videos (nav → all shown → interactive)`,
    r.reopenMs.map((m, i) => `${m.toFixed(0)} → ${(r.interactiveMs[i] ?? NaN).toFixed(0)}`).join(", ") + " ms",
    "< 1000 ms",
    worst < 1000,
  );
  for (const p of r.phases) console.log(`      ${describePhases(p)}`);
  console.log(
    `      (reloading the open app instead, with Chromium's teardown of its 50 playing videos: ${r.reloadMs.map((m) => m.toFixed(0)).join(", ")} ms)`,
  );
  const [first = 0, last = 0] = [r.liveUrls[0], r.liveUrls.at(-1)];
  line(
    `6b. live object URLs over ${r.cycles} open/close cycles`,
    `${first} → ${last} (max ${Math.max(...r.liveUrls)})`,
    "no growth",
    last <= first,
  );
  // 5 again, from the network: every script fetched before the app is usable must be in the count above.
  const { benchStartLoads } = await import("./browser/first-load");
  const kb = (files: { gzipBytes: number }[]) => (files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1000).toFixed(1);
  for (const s of await benchStartLoads({ appDist: dist })) {
    const uncounted = s.untilUsable.filter((f) => !bundle.files.some((b) => b.file === f.file));
    const later =
      s.afterwards.length === 0
        ? "nothing after"
        : `then ${s.afterwards.map((f) => f.file.replace(/^assets\//, "")).join(", ")} (${kb(s.afterwards)} kB)`;
    line(
      `5b. scripts at start in Chromium: ${s.start}`,
      `${kb(s.untilUsable)} kB until usable${uncounted.length ? ` (${uncounted.length} not counted in 5)` : ""}, ${later}`,
      "all counted in 5",
      uncounted.length === 0,
    );
  }
}

import { join } from "node:path";
import { benchReopenAB, benchReopenCached, describePhases } from "./reopen-cached";

// Alone: `run-reopen.ts [nodes] [cycles]`, against BENCH_DIST (a build other than dist/, e.g. `vite build --outDir
// /tmp/x`, so a bench does not race other builds). A/B: `run-reopen.ts --ab <distA> <distB> [nodes] [rounds]`.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const args = process.argv.slice(2);
if (args[0] === "--ab") {
  const [, a = "", b = "", nodes = "50", rounds = "4"] = args;
  const r = await benchReopenAB({ dists: [a, b], nodes: Number(nodes), rounds: Number(rounds) });
  for (const build of r.builds) {
    console.log(
      `${build.dist}: median ${median(build.reopenMs).toFixed(0)} ms (${build.reopenMs.map((m) => m.toFixed(0)).join(", ")}); interactive median ${median(build.interactiveMs).toFixed(0)} ms (${build.interactiveMs.map((m) => m.toFixed(0)).join(", ")})`,
    );
    for (const p of build.phases) console.log(`  ${describePhases(p)}`);
  }
} else {
  const r = await benchReopenCached({
    appDist: process.env.BENCH_DIST ?? join(import.meta.dirname, "..", "..", "..", "dist"),
    nodes: Number(args[0] ?? 50),
    cycles: Number(args[1] ?? 20),
    reopens: 3,
  });
  console.log(JSON.stringify({ ...r, phases: undefined }));
  for (const p of r.phases) console.log(describePhases(p));
}

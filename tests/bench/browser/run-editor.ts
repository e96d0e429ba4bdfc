// Bench 4 alone: `tsx tests/bench/browser/run-editor.ts [nodes] [steps] [--open-only | --frames-only] [--opens=N]
// [--rounds=N] [--zoom=fit|1 (one level only)] [--json]`.
import { join } from "node:path";
import { benchEditorFrames, describeEditorFrames } from "./editor-frames";
import { benchEditorOpen } from "./editor-open";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const flag = (name: string) => process.argv.includes(`--${name}`);
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const opens = Number(option("opens") ?? 5);
// BENCH_DIST: a build other than dist/ (e.g. `vite build --outDir /tmp/x`, so a bench does not race other builds).
const appDist = process.env.BENCH_DIST ?? join(import.meta.dirname, "..", "..", "..", "dist");
const nodes = Number(args[0] ?? 1000);
if (!flag("open-only")) {
  const zoom = option("zoom");
  const f = await benchEditorFrames({
    appDist,
    nodes,
    steps: Number(args[1] ?? 120),
    rounds: Number(option("rounds") ?? 3),
    zooms: zoom === "fit" ? ["fit"] : zoom === "1" ? [1] : undefined,
  });
  console.log(flag("json") ? JSON.stringify(f, null, 1) : describeEditorFrames(f).join("\n"));
}
if (!flag("frames-only")) console.log(JSON.stringify(await benchEditorOpen({ appDist, nodes, opens }), null, 1));

// Bench 4 alone: `tsx tests/bench/browser/run-editor.ts [nodes] [steps] [--open-only | --frames-only] [--opens=N]`.
import { join } from "node:path";
import { benchEditorFrames } from "./editor-frames";
import { benchEditorOpen } from "./editor-open";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const flag = (name: string) => process.argv.includes(`--${name}`);
const opens = Number(process.argv.find((a) => a.startsWith("--opens="))?.slice("--opens=".length) ?? 5);
// BENCH_DIST: a build other than dist/ (e.g. `vite build --outDir /tmp/x`, so a bench does not race other builds).
const appDist = process.env.BENCH_DIST ?? join(import.meta.dirname, "..", "..", "..", "dist");
const nodes = Number(args[0] ?? 1000);
if (!flag("open-only"))
  console.log(JSON.stringify(await benchEditorFrames({ appDist, nodes, steps: Number(args[1] ?? 60) }), null, 1));
if (!flag("frames-only")) console.log(JSON.stringify(await benchEditorOpen({ appDist, nodes, opens }), null, 1));

import { join } from "node:path";
import { benchEditorFrames } from "./editor-frames";
// BENCH_DIST: a build other than dist/ (e.g. `vite build --outDir /tmp/x`, so a bench does not race other builds).
const r = await benchEditorFrames({ appDist: process.env.BENCH_DIST ?? join(import.meta.dirname, "..", "..", "..", "dist"), nodes: Number(process.argv[2] ?? 1000), steps: Number(process.argv[3] ?? 60) });
console.log(JSON.stringify(r, null, 1));

import { join } from "node:path";
import { benchReopenCached } from "./reopen-cached";
// BENCH_DIST: a build other than dist/ (e.g. `vite build --outDir /tmp/x`, so a bench does not race other builds).
const r = await benchReopenCached({ appDist: process.env.BENCH_DIST ?? join(import.meta.dirname, "..", "..", "..", "dist"), nodes: Number(process.argv[2] ?? 50), cycles: Number(process.argv[3] ?? 20), reopens: 3 });
console.log(JSON.stringify(r));

import { join } from "node:path";
import { benchEditorFrames } from "./editor-frames";
const r = await benchEditorFrames({ appDist: join(import.meta.dirname, "..", "..", "..", "dist"), nodes: Number(process.argv[2] ?? 1000), steps: Number(process.argv[3] ?? 60) });
console.log(JSON.stringify(r, null, 1));

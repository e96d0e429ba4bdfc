import { join } from "node:path";
import { benchReopenCached } from "./reopen-cached";
const r = await benchReopenCached({ appDist: join(import.meta.dirname, "..", "..", "..", "dist"), nodes: Number(process.argv[2] ?? 50), cycles: Number(process.argv[3] ?? 20), reopens: 3 });
console.log(JSON.stringify(r));

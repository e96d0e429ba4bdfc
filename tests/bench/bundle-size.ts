import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Benchmark 5: first-load JavaScript of the built app, gzipped: the entry script and every
 * module it preloads, as named in dist/index.html. Chunks loaded on demand are not counted; that
 * start-up code fetches no other chunk before the app is usable is checked in Chromium by
 * browser/first-load.ts (bench 5b, `--browser`). Target ≤ 180 kB.
 */
export interface BundleFigures {
  files: { file: string; rawBytes: number; gzipBytes: number }[];
  gzipKb: number;
}

export function benchFirstLoadJs(distDir: string): BundleFigures {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const refs = new Set<string>();
  for (const m of html.matchAll(
    /<script[^>]*\bsrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g,
  ))
    refs.add((m[1] ?? m[2] ?? "").replace(/^\.?\//, ""));
  if (refs.size === 0) throw new Error("dist/index.html names no script: build first (npm run build)");
  const files = [...refs].map((file) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzipKb: files.reduce((s, f) => s + f.gzipBytes, 0) / 1000 };
}

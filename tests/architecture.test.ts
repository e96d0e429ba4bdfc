import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The pure layers (domain, nodes, engine) must run anywhere: in the browser, in the CLI
// and in tests without I/O. They may import each other (downwards) and small pure
// libraries (zod), never React, Dexie, fal or Node built-ins.
const root = join(import.meta.dirname, "..", "src");
const PURE = ["domain", "nodes", "engine"] as const;
const FORBIDDEN = [
  /^react($|\/|-dom)/,
  /^@xyflow\//,
  /^dexie/,
  /^@fal-ai\//,
  /^node:/,
  /^(fs|path|os|child_process|http|https|net|crypto|url|stream|zlib|util|events|buffer)(\/|$)/,
  /^zustand/,
  /^immer/,
];
// Which src folders each pure layer may reach into.
const ALLOWED_LAYERS: Record<(typeof PURE)[number], string[]> = {
  domain: ["domain"],
  nodes: ["domain", "nodes"],
  engine: ["domain", "nodes", "engine"],
};

// The browser app's composition root: the start-up folder, and the entry that calls it.
const COMPOSITION_ROOT = [/^main\.tsx$/, /^ui\/app\/start\//];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}
const importsOf = (src: string) =>
  [
    ...src.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? "");

describe("layer boundaries", () => {
  for (const layer of PURE) {
    it(`${layer} imports no React, Dexie, fal, zustand, immer or Node built-ins, and no outer layer`, () => {
      const violations: string[] = [];
      for (const file of filesUnder(join(root, layer))) {
        for (const spec of importsOf(readFileSync(file, "utf8"))) {
          const rel = relative(root, file);
          if (FORBIDDEN.some((re) => re.test(spec))) violations.push(`${rel} imports ${spec}`);
          if (spec.startsWith(".")) {
            const target = relative(root, join(file, "..", spec)).split(/[\\/]/)[0] ?? "";
            if (!ALLOWED_LAYERS[layer].includes(target))
              violations.push(`${rel} reaches into src/${target} via ${spec}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  // The browser app's composition root picks the adapters (Dexie, fal, Web Locks, bundles, the catalogue) and hands
  // them to the views through the Services context or as port types of src/domain and src/engine; every other file
  // of src/ui and src/editor reaches I/O only through what it is handed. The CLI (src/cli) is an app of its own.
  it("only the composition root of the browser app imports adapters", () => {
    const isRoot = (rel: string) => COMPOSITION_ROOT.some((re) => re.test(rel.split(/[\\/]/).join("/")));
    const violations: string[] = [];
    for (const file of [...filesUnder(join(root, "ui")), ...filesUnder(join(root, "editor"))]) {
      const rel = relative(root, file);
      if (isRoot(rel)) continue;
      for (const spec of importsOf(readFileSync(file, "utf8")))
        if (spec.startsWith(".") && relative(root, join(file, "..", spec)).split(/[\\/]/)[0] === "adapters")
          violations.push(`${rel} imports ${spec}`);
    }
    expect(violations).toEqual([]);
  });

  it("finds the imports it checks (the scanner is not blind)", () => {
    expect(
      importsOf(
        `import { a } from "dexie";\nimport type { B } from '../x';\nconst m = await import("node:fs");\nimport "react";`,
      ),
    ).toEqual(["dexie", "../x", "node:fs", "react"]);
  });
});

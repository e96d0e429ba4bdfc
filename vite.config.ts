import react from "@vitejs/plugin-react";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { falProxyPlugin } from "./src/proxy/vite-plugin.ts";
import { reactFlowPureComponents } from "./scripts/react-flow-pure.ts";

const ZOD_COPY = "?reelflow-full-zod";

/**
 * Full zod (`import … from "zod"`, the catalogue's check of request bodies against fal's JSON Schemas, loaded on
 * demand) gets its own copy of zod's core modules. The first screen parses workflows with `zod/mini`, which
 * shares those modules; one copy would carry everything full zod uses into the first-load script (+14 kB gzip,
 * over the 180 kB budget). Build only: the dev server pre-bundles zod as usual.
 */
function fullZodApart(): Plugin {
  return {
    name: "reelflow-full-zod-apart",
    apply: "build",
    enforce: "pre",
    async resolveId(source, importer, opts) {
      const inCopy = importer?.endsWith(ZOD_COPY) ?? false;
      if (!importer || (!inCopy && source !== "zod")) return null;
      const resolved = await this.resolve(source, inCopy ? importer.slice(0, -ZOD_COPY.length) : importer, {
        ...opts,
        skipSelf: true,
      });
      return resolved && !resolved.external ? `${resolved.id}${ZOD_COPY}` : resolved;
    },
    load(id) {
      return id.endsWith(ZOD_COPY)
        ? { code: readFileSync(id.slice(0, -ZOD_COPY.length), "utf8"), moduleType: "js" }
        : null;
    },
  };
}

// `base: "./"` makes every asset URL relative, so dist/ works from any sub-path of a static host
// (e.g. https://example.org/reelflow/) with no server routes.
export default defineConfig(({ command }) => ({
  base: "./",
  // falProxyPlugin: `npm start` also serves the local fal proxy at /api/fal/proxy (FAL_KEY from env/.env.local).
  plugins: [react(), falProxyPlugin(), fullZodApart(), reactFlowPureComponents()],
  build: {
    target: "es2022",
    sourcemap: false,
    // Rarely used parts (settings, logs, examples panels, the demo clip renderer, the fal client) are
    // split out with dynamic import() in src/ui, which keeps the first-load script small. The largest chunk is
    // the bundled model catalogue snapshot's video part (about 1.7 MB minified, 128 kB gzip; the image part is
    // its own chunk), data loaded on demand.
    chunkSizeWarningLimit: 1800,
  },
  server: { port: 5173 },
  resolve: {
    // Dexie's package entry wraps its ES5 UMD build (for CommonJS/ESM singletons, which a browser
    // bundle of ES modules does not need); its modern ES module build is 1.3 kB gzip smaller. (Dexie
    // loads right after the first paint; the first screen is read by src/adapters/db/start-reader.ts.)
    // d3-color: React Flow's zoom tweens never blend colours (src/ui/vendor/d3-color-none.ts), 4.4 kB gzip.
    // React 19 has useSyncExternalStore, so zustand's selector hook needs no shim of it (0.1 kB gzip).
    alias:
      command === "build"
        ? [
            { find: /^dexie$/, replacement: "dexie/dist/modern/dexie.mjs" },
            {
              find: /^d3-color$/,
              replacement: fileURLToPath(new URL("./src/ui/vendor/d3-color-none.ts", import.meta.url)),
            },
            {
              find: /^use-sync-external-store\/shim\/with-selector(\.js)?$/,
              replacement: "use-sync-external-store/with-selector.js",
            },
          ]
        : [],
  },
  // Pre-bundle what is only imported lazily: otherwise the dev server discovers it on the first run,
  // re-optimises and reloads the page in the middle of that run.
  optimizeDeps: { include: ["@fal-ai/client", "dexie", "zod", "immer", "zustand", "@xyflow/react"] },
}));

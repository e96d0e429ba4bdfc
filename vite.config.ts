import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { falProxyPlugin } from "./src/proxy/vite-plugin.ts";

// `base: "./"` makes every asset URL relative, so dist/ works from any sub-path of a static host
// (e.g. https://example.org/reelflow/) with no server routes.
export default defineConfig(({ command }) => ({
  base: "./",
  // falProxyPlugin: `npm start` also serves the local fal proxy at /api/fal/proxy (FAL_KEY from env/.env.local).
  plugins: [react(), falProxyPlugin()],
  build: {
    target: "es2022",
    sourcemap: false,
    // Rarely used parts (settings, logs, examples panels, the demo clip renderer, the fal client) are
    // split out with dynamic import() in src/ui, which keeps the first-load script small.
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173 },
  resolve: {
    // Dexie's package entry wraps its ES5 UMD build (for CommonJS/ESM singletons, which a browser
    // bundle of ES modules does not need); its modern ES module build is 1.3 kB gzip smaller. (Dexie
    // loads right after the first paint; the first screen is read by src/adapters/db/start-reader.ts.)
    alias: command === "build" ? [{ find: /^dexie$/, replacement: "dexie/dist/modern/dexie.mjs" }] : [],
  },
  // Pre-bundle what is only imported lazily: otherwise the dev server discovers it on the first run,
  // re-optimises and reloads the page in the middle of that run.
  optimizeDeps: { include: ["@fal-ai/client", "dexie", "zod", "immer", "zustand", "@xyflow/react"] },
}));

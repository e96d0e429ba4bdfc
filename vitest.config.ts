import { defineConfig } from "vitest/config";

// Unit and integration tests. Browser journeys live in tests/e2e and run under Playwright.
// Default environment is node (Dexie tests storing Blobs need it: jsdom turns Blobs into {});
// React component tests opt into jsdom with a `// @vitest-environment jsdom` comment.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
  },
});

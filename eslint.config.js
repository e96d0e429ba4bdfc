// @ts-check
// ESLint for the whole tree: `npm run lint` (and so `npm test` and CI). Formatting is Prettier's job
// (prettier.config.js); no rule here is about layout. A rule switched off says why on its line.
// `npm run lint` runs two workers (--concurrency 2): about 1 minute on two idle cores instead of 1m40 with one; each
// worker builds its own TypeScript program (2.5 GB peak measured, 1.9 GB with one). No cache: it misses type changes.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["dist/", "dist-*/", "test-results/", "playwright-report/", ".reelflow/", "public/"]),
  js.configs.recommended,
  {
    // TypeScript with type information: the tsconfig.json the typecheck uses, read once through the project
    // service (one program for the whole tree, not one per file).
    files: ["**/*.{ts,tsx,mts}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An `async` function without `await` is how we implement a Promise-returning port (fakes, caches, stores):
      // a throw inside it becomes a rejection, which is what the callers handle.
      "@typescript-eslint/require-await": "off",
      // Our objects' methods are closures and Zustand actions (arrow functions that never read `this`), passed
      // around unbound on purpose (`const { setNodes } = useStore()`); the rule cannot tell them from class methods.
      "@typescript-eslint/unbound-method": "off",
      // A leading underscore names a value that is there for its position: a skipped parameter, an omitted key
      // in `const { a: _a, ...rest } = x`.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
    },
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    rules: {
      // Tests read JSON answers (`res.json()`, `JSON.parse`) and Vitest's asymmetric matchers (`expect.any`), typed
      // `any`, and let `expect` check their shape: the assertion is the type check there.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    // React code: the UI and its tests. Not the engine and adapters (the hooks plugin compiles every function it
    // is given, a fifth of the lint's time when it was given the whole tree) nor Playwright specs, whose fixtures
    // call a `use` that is not React's.
    files: ["src/ui/**/*.{ts,tsx}", "src/main.tsx", "tests/ui/**/*.{ts,tsx}", "tests/bench/browser/**/*.tsx"],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    rules: {
      // Checked, not merely mentioned: a missing dependency fails the lint like any other error.
      "react-hooks/exhaustive-deps": "error",
      // autoFocus is used where a dialog or picker opens, to move focus into it as the WAI-ARIA dialog pattern asks.
      "jsx-a11y/no-autofocus": "off",
      // The next three check code for the React Compiler, which this app is not built with (plain Vite + React).
      // Our effects set state on purpose when their input changes: a new object URL (use-object-url), the catalogue
      // line cleared while it reloads, the compare dialog emptied for new takes, a sweep's statuses reset, the logs
      // panel opened by a run's store, the storage panel's first read. Without the compiler each is one more render.
      "react-hooks/set-state-in-effect": "off",
      // Canvas keeps its React Flow node and edge caches in refs and reads them in render (useMemo) so a pan or drag
      // rebuilds only what changed; useEscapeCloses keeps the latest onClose in a ref, written in render.
      "react-hooks/refs": "off",
      // Whether the compiler could keep our useCallback/useMemo: with no compiler, they are kept as written, and
      // exhaustive-deps checks their dependencies.
      "react-hooks/preserve-manual-memoization": "off",
    },
  },
);

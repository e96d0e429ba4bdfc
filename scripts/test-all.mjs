#!/usr/bin/env node
// Runs everything CI runs: typecheck, lint (ESLint, then Prettier's check), unit/integration tests (vitest),
// browser journeys (Playwright), then prints one closing line `tests: N passed, N failed` that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const out = join(process.cwd(), "test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit` to skip the browser
const want = (name) => only.length === 0 || only.includes(name);

let passed = 0;
let failed = 0;
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

if (want("typecheck")) {
  const code = run("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
  if (code === 0) passed += 1;
  else failed += 1;
  console.log(`typecheck: ${code === 0 ? "passed" : "FAILED"}`);
}

if (want("lint")) {
  // ESLint and the format check count as one step, like the typecheck: passed only if both pass.
  // Both run even when the first fails, so one run shows every problem.
  const eslint = run("npm", ["run", "--silent", "lint"]);
  const prettier = run("npm", ["run", "--silent", "format:check"]);
  const ok = eslint === 0 && prettier === 0;
  if (ok) passed += 1;
  else failed += 1;
  const which = [eslint === 0 ? "" : " (eslint)", prettier === 0 ? "" : " (prettier)"].join("");
  console.log(`lint: ${ok ? "passed" : "FAILED"}${which}`);
}

if (want("unit")) {
  const file = join(out, "vitest.json");
  const code = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    // A suite that failed to load has no tests but is still a failure.
    failed += r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
  } else if (code !== 0) failed += 1;
}

if (want("e2e") && existsSync("playwright.config.ts")) {
  const file = join(out, "playwright.json");
  const code = run("npx", ["playwright", "test", "--reporter=list,json,./tests/e2e/fault-matrix-reporter.ts"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, "utf8")).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
    if (code !== 0 && !s.unexpected) failed += 1;
  } else if (code !== 0) failed += 1;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

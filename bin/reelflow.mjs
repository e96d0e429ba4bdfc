#!/usr/bin/env node
// `npx reelflow …` from the repo root: npm 11 runs this file because it is the `bin` of the
// package in the current directory. The CLI is TypeScript, run through tsx's loader (a
// dependency), so there is no build step; tsx caches the transpiled files between runs.
import { readFileSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const { main } = await import("../src/cli/main.ts");
await main(process.argv.slice(2), version);

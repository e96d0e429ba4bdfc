// Issue 16 item 16: `npm ci` prints no warning a new user must puzzle over. npm 11 warns about every installed
// package with an install script that package.json's allowScripts does not cover ("1 package has install scripts
// not yet covered by allowScripts: esbuild…"); the lockfile says which packages have one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(root, file), "utf8"));

interface PackageJson {
  allowScripts?: Record<string, unknown>;
}
interface Lockfile {
  packages: Record<string, { hasInstallScript?: boolean }>;
}

/** Names of the locked packages with an install script that allowScripts does not allow. */
function uncovered(pkg: PackageJson, lock: Lockfile): string[] {
  const names = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== "" && entry.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
  return [...new Set(names)].filter((name) => pkg.allowScripts?.[name] !== true).sort();
}

describe("npm ci's install scripts", () => {
  const pkg = readJson("package.json") as PackageJson;
  const lock = readJson("package-lock.json") as Lockfile;

  it("are all allowed in package.json, so npm ci does not warn about them", () => {
    expect(uncovered(pkg, lock)).toEqual([]);
  });

  it("would be named if allowScripts left one out (the check can fail)", () => {
    expect(uncovered({}, lock)).toContain("esbuild");
  });
});

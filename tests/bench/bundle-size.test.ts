import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { benchFirstLoadJs } from "./bundle-size";

// Bench 5 counts what index.html loads (entry and modulepreloads), not chunks fetched on demand.
describe("first-load JavaScript count (bench 5)", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("counts the entry and its modulepreloads, gzipped, and leaves on-demand chunks out", () => {
    dir = mkdtempSync(join(tmpdir(), "reelflow-bench5-"));
    mkdirSync(join(dir, "assets"));
    const files = {
      "index-A.js": `import "./shared-B.js"; console.log(${JSON.stringify("entry ".repeat(400))});`,
      "shared-B.js": `export const shared = ${JSON.stringify("shared ".repeat(300))};`,
      "panel-C.js": `export const panel = ${JSON.stringify("lazy ".repeat(5000))};`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "assets", name), text);
    writeFileSync(
      join(dir, "index.html"),
      `<!doctype html><html><head>
    <script type="module" crossorigin src="./assets/index-A.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/shared-B.js">
    <link rel="stylesheet" crossorigin href="./assets/index.css">
  </head><body><div id="root"></div></body></html>`,
    );
    const figures = benchFirstLoadJs(dir);
    expect(figures.files.map((f) => f.file).sort()).toEqual(["assets/index-A.js", "assets/shared-B.js"]);
    const gz = (name: keyof typeof files) => gzipSync(files[name], { level: 9 }).length;
    expect(figures.gzipKb).toBeCloseTo((gz("index-A.js") + gz("shared-B.js")) / 1000, 6);
  });

  it("refuses a dist without a script rather than report 0 kB", () => {
    dir = mkdtempSync(join(tmpdir(), "reelflow-bench5-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>x</title>");
    expect(() => benchFirstLoadJs(dir)).toThrow(/names no script/);
  });
});

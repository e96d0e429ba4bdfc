import { describe, expect, it } from "vitest";
import { DEFAULT_CACHE_DIR, parseCliArgs } from "../../src/cli/args";
import { resolveConnection } from "../../src/cli/connection";

describe("reelflow arguments", () => {
  it("reads every option of run", () => {
    const r = parseCliArgs([
      "run",
      "w.json",
      "--proxy",
      "http://127.0.0.1:9/p",
      "--cache-dir",
      "c",
      "--concurrency",
      "2",
      "--dry-run",
      "--budget",
      "$1.50",
      "--json",
    ]);
    expect(r).toEqual({
      ok: true,
      command: {
        kind: "run",
        file: "w.json",
        proxy: "http://127.0.0.1:9/p",
        cacheDir: "c",
        concurrency: 2,
        dryRun: true,
        budgetUsd: 1.5,
        json: true,
        resubmit: [],
        newTake: [],
        saveTakes: false,
        allowUnknownPrice: false,
      },
    });
    const allowed = parseCliArgs(["run", "w.json", "--allow-unknown-price"]);
    expect(allowed.ok && allowed.command.kind === "run" && allowed.command.allowUnknownPrice).toBe(true);
  });

  it("collects --resubmit ids, repeated or comma-separated", () => {
    const r = parseCliArgs(["run", "w.json", "--resubmit", "a, b", "--resubmit", "c"]);
    expect(r.ok && r.command.kind === "run" && r.command.resubmit).toEqual(["a", "b", "c"]);
  });

  it("collects --new-take ids, repeated or comma-separated", () => {
    const r = parseCliArgs(["run", "w.json", "--new-take", "v1,v2", "--new-take", " v3 "]);
    expect(r.ok && r.command.kind === "run" && r.command.newTake).toEqual(["v1", "v2", "v3"]);
  });

  it("takes --save-takes only with --new-take, and never with --dry-run", () => {
    const r = parseCliArgs(["run", "w.json", "--new-take", "v", "--save-takes"]);
    expect(r.ok && r.command.kind === "run" && r.command.saveTakes).toBe(true);
    const alone = parseCliArgs(["run", "w.json", "--save-takes"]);
    expect(alone.ok ? [] : alone.errors).toEqual([
      expect.stringMatching(/--save-takes records new takes .* --new-take <ids>/),
    ]);
    const dry = parseCliArgs(["run", "w.json", "--new-take", "v", "--save-takes", "--dry-run"]);
    expect(dry.ok ? [] : dry.errors).toEqual([
      expect.stringMatching(/--save-takes writes the file after a run; a --dry-run sends nothing/),
    ]);
  });

  it("fills defaults", () => {
    const r = parseCliArgs(["run", "w.json"]);
    expect(r.ok && r.command).toMatchObject({
      cacheDir: DEFAULT_CACHE_DIR,
      concurrency: 4,
      dryRun: false,
      json: false,
      budgetUsd: undefined,
      proxy: undefined,
    });
  });

  it("names every bad argument at once", () => {
    const r = parseCliArgs(["run", "w.json", "extra", "--concurrency", "0", "--budget", "lots", "--proxy", "ftp://x"]);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toHaveLength(4);
    expect(errors.join("\n")).toMatch(/extra/);
    expect(errors.join("\n")).toMatch(/--concurrency .* got "0"/);
    expect(errors.join("\n")).toMatch(/--budget .* got "lots"/);
    expect(errors.join("\n")).toMatch(/--proxy .* "ftp:\/\/x"/);
  });

  it("refuses unknown options and commands, and a run without a file", () => {
    expect(parseCliArgs(["run", "w.json", "--prxy", "u"])).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/--prxy/)],
    });
    expect(parseCliArgs(["go", "w.json"])).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/unknown command "go": the commands are `run <file>` and `models \[query\]`/)],
    });
    expect(parseCliArgs(["run"])).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/needs a workflow file/)],
    });
    expect(parseCliArgs([])).toMatchObject({ ok: false });
  });
});

describe("reelflow models arguments", () => {
  it("reads the query words, the category, --json, --proxy and --cache-dir", () => {
    const r = parseCliArgs([
      "models",
      "kling",
      "o3",
      "--category",
      "image-to-video",
      "--json",
      "--proxy",
      "http://p/x",
      "--cache-dir",
      "c",
    ]);
    expect(r).toEqual({
      ok: true,
      command: {
        kind: "models",
        query: "kling o3",
        category: "image-to-video",
        json: true,
        proxy: "http://p/x",
        cacheDir: "c",
      },
    });
    expect(parseCliArgs(["models"])).toEqual({
      ok: true,
      command: {
        kind: "models",
        query: undefined,
        category: undefined,
        json: false,
        proxy: undefined,
        cacheDir: DEFAULT_CACHE_DIR,
      },
    });
  });

  it("refuses a category it does not know, naming the choices, and options of run", () => {
    const bad = parseCliArgs(["models", "--category", "text-to-audio"]);
    expect(bad.ok ? [] : bad.errors).toEqual([
      '--category must be one of text-to-video, image-to-video, video-to-video, text-to-image, image-to-image, got "text-to-audio"',
    ]);
    const runOnly = parseCliArgs(["models", "--budget", "2", "--dry-run"]);
    expect(runOnly.ok ? [] : runOnly.errors).toEqual([
      "--dry-run is an option of `reelflow run`",
      "--budget is an option of `reelflow run`",
    ]);
    const modelsOnly = parseCliArgs(["run", "w.json", "--category", "text-to-video"]);
    expect(modelsOnly.ok ? [] : modelsOnly.errors).toEqual(["--category is an option of `reelflow models`"]);
  });
});

describe("how the CLI reaches fal", () => {
  it("prefers the proxy, else FAL_KEY, else says how to fix it", () => {
    expect(resolveConnection("http://p", { FAL_KEY: "k" })).toEqual({
      ok: true,
      connection: { kind: "proxy", url: "http://p" },
    });
    expect(resolveConnection(undefined, { FAL_KEY: " k:s " })).toEqual({
      ok: true,
      connection: { kind: "key", key: "k:s" },
    });
    const none = resolveConnection(undefined, { FAL_KEY: "  " });
    expect(none.ok).toBe(false);
    expect(!none.ok && none.error).toMatch(/--proxy.*FAL_KEY/s);
  });
});

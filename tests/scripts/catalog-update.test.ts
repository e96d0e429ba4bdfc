import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkedSnapshot, mergedSnapshot } from "../../src/adapters/catalogue/snapshot";
import type { CatalogueSnapshot, FalModel } from "../../src/nodes/catalogue/fal-api";
import { runCatalogUpdate, type UpdateIo } from "../../scripts/catalog-update";
import { sortedSnapshot } from "../../scripts/catalog-snapshot-file";
import { falModel } from "../adapters/catalogue/fixtures";
import { startPlatformServer, TEST_KEY, type PlatformServer } from "../adapters/catalogue/platform-server";

// `npm run catalog:update` against a real HTTP server on 127.0.0.1 playing fal's Model and Pricing APIs
// (directly as api.fal.ai with a key, or as a proxy with `x-fal-target-url`), through the real fetch.

const NOW = new Date("2026-12-06T10:00:00.000Z");
const MODELS: FalModel[] = [
  falModel("zeta/t2v", "Zeta", "text-to-video"),
  falModel("alpha/t2v", "Alpha", "text-to-video"),
  falModel("mid/t2v", "Mid", "text-to-video"),
  falModel("beta/i2v", "Beta", "image-to-video"),
  falModel("gamma/v2v", "Gamma", "video-to-video"),
  falModel("old/t2v", "Old", "text-to-video", "deprecated"),
  { endpoint_id: "img/t2i", metadata: { display_name: "Image", category: "text-to-image", status: "active" } },
];
const PRICES = [
  { endpoint_id: "alpha/t2v", unit_price: 0.1, unit: "seconds", currency: "USD" },
  { endpoint_id: "beta/i2v", unit_price: 0.05, unit: "seconds", currency: "USD" },
  { endpoint_id: "gamma/v2v", unit_price: 14, unit: "units", currency: "USD" },
  { endpoint_id: "img/t2i", unit_price: 0.03, unit: "image", currency: "USD" },
];

let server: PlatformServer;
let dir: string;
/** The directory given as --out-dir, and the two parts of the snapshot written into it. */
let out: string;
let videoFile: string;
let imageFile: string;
beforeEach(async () => {
  server = await startPlatformServer({ models: MODELS, prices: PRICES });
  dir = mkdtempSync(join(tmpdir(), "reelflow-catalog-update-"));
  out = join(dir, "snapshot");
  videoFile = join(out, "fal-video-models.snapshot.json");
  imageFile = join(out, "fal-image-models.snapshot.json");
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function io(env: Record<string, string | undefined>) {
  const lines = { out: [] as string[], err: [] as string[] };
  const value: UpdateIo = { env, out: (l) => lines.out.push(l), err: (l) => lines.err.push(l), now: () => NOW };
  return { io: value, lines };
}
const part = (file: string): CatalogueSnapshot => checkedSnapshot(JSON.parse(readFileSync(file, "utf8")));
/** Both parts as one snapshot, sorted as one file was before the split. */
const written = (): CatalogueSnapshot => sortedSnapshot(mergedSnapshot(part(videoFile), part(imageFile)));
const bothFiles = () => readFileSync(videoFile, "utf8") + readFileSync(imageFile, "utf8");
const modelCalls = () => server.callsOf("models").map((r) => r.target.searchParams);

describe("npm run catalog:update", () => {
  it("with FAL_KEY: every page of each video and image category's active models, their prices, one sorted snapshot", async () => {
    const { io: env, lines } = io({ FAL_KEY: TEST_KEY });
    const code = await runCatalogUpdate(["--base-url", server.url, "--out-dir", out, "--page-size", "2"], env);
    expect(lines.err).toEqual([]);
    expect(code).toBe(0);
    const snap = written();
    expect(snap).toMatchObject({ format: "reelflow/fal-catalogue", version: 1, origin: "fal-api" });
    expect(snap.madeAt).toBe(NOW.toISOString());
    const sorted = ["alpha/t2v", "beta/i2v", "gamma/v2v", "img/t2i", "mid/t2v", "zeta/t2v"];
    expect(snap.models.map((m) => m.endpoint_id)).toEqual(sorted);
    // Each document as fal gave it (the image model here was listed without one).
    const documented = snap.models.filter((m) => m.endpoint_id !== "img/t2i");
    expect(documented.every((m) => m.openapi && "openapi" in m.openapi)).toBe(true);
    expect(snap.prices).toEqual([
      { ...PRICES[0], source: "fal pricing API", fetchedAt: NOW.toISOString() },
      { ...PRICES[1], source: "fal pricing API", fetchedAt: NOW.toISOString() },
      { ...PRICES[2], source: "fal pricing API", fetchedAt: NOW.toISOString() },
      { ...PRICES[3], source: "fal pricing API", fetchedAt: NOW.toISOString() },
    ]);
    expect(snap.note).toContain("6 active video and image models");
    expect(snap.note).toContain("4 prices from fal's Pricing API");

    // Three text-to-video models at two a page: a second page asked with the first one's cursor.
    const t2v = modelCalls().filter((q) => q.get("category") === "text-to-video");
    expect(t2v.map((q) => q.get("cursor"))).toEqual([null, "2"]);
    expect(modelCalls().map((q) => q.get("category"))).toEqual([
      "text-to-video",
      "text-to-video",
      "image-to-video",
      "video-to-video",
      "text-to-image",
      "image-to-image",
    ]);
    for (const q of modelCalls()) {
      expect(q.get("status")).toBe("active");
      expect(q.getAll("expand")).toEqual(["openapi-3.0"]);
      expect(q.get("limit")).toBe("2");
    }
    for (const r of server.requests) {
      expect(r.via).toBe("direct");
      expect(r.headers.authorization).toBe(`Key ${TEST_KEY}`);
    }
    expect(lines.out.join("\n")).toContain("wrote 6 models and 4 prices");

    // Two files: the video models and the image models, each a snapshot with the same envelope.
    const [video, image] = [part(videoFile), part(imageFile)];
    expect(video.models.map((m) => m.endpoint_id)).toEqual([
      "alpha/t2v",
      "beta/i2v",
      "gamma/v2v",
      "mid/t2v",
      "zeta/t2v",
    ]);
    expect(video.prices.map((p) => p.endpoint_id)).toEqual(["alpha/t2v", "beta/i2v", "gamma/v2v"]);
    expect(image.models.map((m) => m.endpoint_id)).toEqual(["img/t2i"]);
    expect(image.prices.map((p) => p.endpoint_id)).toEqual(["img/t2i"]);
    const envelope = ({ format, version, madeAt, origin, note }: CatalogueSnapshot) => ({
      format,
      version,
      madeAt,
      origin,
      note,
    });
    expect(envelope(image)).toEqual(envelope(video));
  });

  it("asks prices in batches of at most 50 endpoint ids", async () => {
    for (let i = 0; i < 120; i++) server.models.set(`bulk/m${i}`, falModel(`bulk/m${i}`, `Bulk ${i}`));
    const code = await runCatalogUpdate(["--base-url", server.url, "--out-dir", out], io({ FAL_KEY: TEST_KEY }).io);
    expect(code).toBe(0);
    const batches = server.callsOf("pricing").map((r) => r.target.searchParams.getAll("endpoint_id").length);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(126);
    expect(Math.max(...batches)).toBeLessThanOrEqual(50);
    expect(written().models).toHaveLength(126);
  });

  it("keeps the models without prices, and says so, when fal's Pricing API refuses the key (401)", async () => {
    const { io: env, lines } = io({ FAL_KEY: "an-api-scope-key" });
    const code = await runCatalogUpdate(["--base-url", server.url, "--out-dir", out], env);
    expect(code).toBe(0);
    expect(server.callsOf("pricing")).toHaveLength(1);
    const snap = written();
    expect(snap.models).toHaveLength(6);
    expect(snap.prices).toEqual([]);
    expect(snap.note).toContain("no prices (fal's Pricing API refused the key)");
    expect(lines.err.join("\n")).toMatch(/Pricing API refused the key .*HTTP 401.*kept without prices/);
  });

  it("through --proxy: no key here, fal's URLs in x-fal-target-url", async () => {
    const code = await runCatalogUpdate(["--proxy", server.proxyUrl, "--out-dir", out], io({}).io);
    expect(code).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    for (const r of server.requests) {
      expect(r.via).toBe("proxy");
      expect(r.target.origin).toBe("https://api.fal.ai");
      expect(r.headers.authorization).toBeUndefined();
    }
    expect(written().prices).toHaveLength(4);
  });

  it("leaves the snapshot as it was and exits 1 when fal's Model API fails", async () => {
    mkdirSync(out);
    writeFileSync(videoFile, "previous");
    const down = JSON.stringify({ error: { type: "server_error", message: "down" } });
    server.behaviour.answer = { api: "models", canned: { status: 503, body: down } };
    const { io: env, lines } = io({ FAL_KEY: TEST_KEY });
    expect(await runCatalogUpdate(["--base-url", server.url, "--out-dir", out], env)).toBe(1);
    expect(readFileSync(videoFile, "utf8")).toBe("previous");
    expect(existsSync(imageFile)).toBe(false);
    expect(lines.err.join("\n")).toMatch(/unavailable for now \(HTTP 503: down\).*not changed/);
  });

  it("without a key or a proxy: exit 2, says what to set, sends nothing (as a process too)", async () => {
    const { io: env, lines } = io({ FAL_KEY: "" });
    expect(await runCatalogUpdate(["--base-url", server.url, "--out-dir", out], env)).toBe(2);
    expect(lines.err.join("\n")).toMatch(/set FAL_KEY .*or pass --proxy <url>/);
    expect(server.requests).toEqual([]);
    expect(existsSync(out)).toBe(false);

    const run = await runScript(["--out-dir", out], { FAL_KEY: "" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/set FAL_KEY/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("runs as npm's script does (tsx, real fetch) and writes the same file twice for the same answers", async () => {
    const run = await runScript(["--base-url", server.url, "--out-dir", out], { FAL_KEY: TEST_KEY });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(written().models).toHaveLength(6);
    const first = bothFiles().replace(/"(madeAt|fetchedAt)": "[^"]+"/g, "");
    await runCatalogUpdate(["--base-url", server.url, "--out-dir", out], io({ FAL_KEY: TEST_KEY }).io);
    expect(bothFiles().replace(/"(madeAt|fetchedAt)": "[^"]+"/g, "")).toBe(first);
  }, 60_000);
});

function runScript(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      join(process.cwd(), "node_modules", ".bin", "tsx"),
      ["scripts/catalog-update.ts", ...args],
      { env: { ...process.env, ...env }, cwd: process.cwd() },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode ?? -1, stderr }),
    );
  });
}

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PUBLISHED_PRICES, type PublishedPrice } from "../src/adapters/catalogue/snapshot-prices";
import type { CatalogueSnapshot, FalModel } from "../src/nodes/catalogue/fal-api";
import { readEndpointMap } from "./catalog-fal-js-endpoints";
import { imageCategoryOf } from "./catalog-image-category";
import { falModelOf } from "./catalog-openapi-doc";
import { priceFactsOf } from "./catalog-published-prices";
import { SNAPSHOT_DIR, sortedSnapshot, writeSnapshotFiles } from "./catalog-snapshot-file";
import { readTypeTable, SchemaWriter } from "./catalog-ts-schema";
import { videoCategoryOf } from "./catalog-video-category";

/**
 * `npm run catalog:from-fal-js`: the first snapshot, made from public material because fal cannot be reached
 * from the machines this project is built on: fal's video models, and its text-to-image and image edit models
 * (a result that is a list of images), so the image nodes offer them offline too. Fields, enums and defaults come
 * from fal-js's endpoint types
 * (`EndpointTypeMap`), prices from src/adapters/catalogue/snapshot-prices.ts. fal-js has no bounds, so the
 * documents have none. `npm run catalog:update` with a fal key replaces it with fal's own answer.
 *
 *   tsx scripts/catalog-from-fal-js.ts [--fal-js <endpoints.d.ts>] [--out-dir <dir>] [--date YYYY-MM-DD]
 */

export const FAL_JS_TYPES = "node_modules/@fal-ai/client/src/types/endpoints.d.ts";

export interface FromFalJsOptions {
  falJsVersion: string;
  /** ISO date the snapshot is made. */
  madeAt: string;
  prices?: readonly PublishedPrice[];
}

/** Every video and image endpoint of a fal-js endpoints.d.ts as FalModels, with the published prices. */
export function snapshotFromFalJs(fileName: string, text: string, options: FromFalJsOptions): CatalogueSnapshot {
  const models = modelsOf(fileName, text);
  const rows = options.prices ?? PUBLISHED_PRICES;
  return sortedSnapshot({
    format: "reelflow/fal-catalogue",
    version: 1,
    madeAt: options.madeAt,
    origin: "public-material",
    note: noteOf(options, rows),
    models,
    prices: priceFactsOf(rows, models),
  });
}

/**
 * The endpoints whose result is one `video` (in a video category) or a list of `images` (text-to-image, or
 * image-to-image for an edit), each in its category; the rest (audio, 3D, text, unclassified) are left out.
 */
export function modelsOf(fileName: string, text: string): FalModel[] {
  const table = readTypeTable(fileName, text);
  return readEndpointMap(table).flatMap((endpoint) => {
    const probe = new SchemaWriter(table);
    const output = probe.fieldsOf(endpoint.output).map((field) => field.name);
    const inputs = () => probe.fieldsOf(endpoint.input);
    const category = output.includes("video")
      ? videoCategoryOf(endpoint.id, inputs())
      : output.includes("images")
        ? imageCategoryOf(endpoint.id, inputs())
        : undefined;
    return category ? [falModelOf(table, endpoint, category)] : [];
  });
}

function noteOf(options: FromFalJsOptions, rows: readonly PublishedPrice[]): string {
  const checked = [...new Set(rows.map((row) => row.checked))].sort().join(" and ");
  return (
    `Built on ${options.madeAt.slice(0, 10)} from fal-js ${options.falJsVersion} endpoint types (fields, enums, ` +
    `defaults; no bounds) and prices published on fal's pages (checked ${checked}); ` +
    "run npm run catalog:update with a fal key for fal's own."
  );
}

/** The version of @fal-ai/client in node_modules (run from the repository root, as npm does). */
export function installedFalJsVersion(): string {
  const manifest = JSON.parse(readFileSync("node_modules/@fal-ai/client/package.json", "utf8")) as { version: string };
  return manifest.version;
}

function optionValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(argv: readonly string[]): Promise<void> {
  const source = resolve(optionValue(argv, "--fal-js") ?? FAL_JS_TYPES);
  const outDir = resolve(optionValue(argv, "--out-dir") ?? SNAPSHOT_DIR);
  const madeAt = optionValue(argv, "--date") ?? new Date().toISOString().slice(0, 10);
  const options = { falJsVersion: installedFalJsVersion(), madeAt };
  const snapshot = snapshotFromFalJs(source, readFileSync(source, "utf8"), options);
  const written = await writeSnapshotFiles(outDir, snapshot);
  const failed = snapshot.models.filter((model) => model.openapi && "error" in model.openapi).length;
  process.stdout.write(
    `catalog:from-fal-js: ${snapshot.models.length} video and image models (${failed} without a document), ` +
      `${snapshot.prices.length} prices → ${written.join(", ")}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`catalog:from-fal-js: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

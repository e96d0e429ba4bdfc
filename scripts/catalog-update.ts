import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createFalPlatformClient, FAL_PLATFORM_ORIGIN, type PlatformClient } from "../src/adapters/catalogue/platform";
import { isFalPlatformError } from "../src/adapters/catalogue/platform-error";
import {
  MODEL_CATEGORIES,
  type CatalogueSnapshot,
  type FalModel,
  type ModelCategory,
  type PriceFact,
} from "../src/nodes/catalogue/fal-api";
import { SNAPSHOT_DIR, writeSnapshotFiles } from "./catalog-snapshot-file";

/**
 * `npm run catalog:update`: fetches fal's active video and image models (the categories Reelflow's nodes run, with
 * their OpenAPI documents) and their prices, and writes the bundled snapshot. The HTTP is src/adapters/catalogue/platform.ts, the client the app uses.
 *
 *   FAL_KEY=… npm run catalog:update [-- --out-dir <dir>] [--base-url <url>] [--page-size <n>]
 *   npm run catalog:update -- --proxy https://you.example.com/api/fal/proxy
 */

export const EXIT_OK = 0;
export const EXIT_FAL_FAILED = 1;
export const EXIT_USAGE = 2;

export interface UpdateIo {
  env: Readonly<Record<string, string | undefined>>;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
}

interface UpdateOptions {
  proxyUrl?: string;
  baseUrl: string;
  outDir: string;
  pageSize: number;
}

const USAGE =
  "catalog:update needs a way to reach fal: set FAL_KEY to a fal key (FAL_KEY=… npm run catalog:update), " +
  "or pass --proxy <url> of a Reelflow proxy that forwards fal's Model and Pricing APIs.";

export async function runCatalogUpdate(argv: readonly string[], io: UpdateIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === "string") return usageError(io, parsed);
  const key = io.env.FAL_KEY?.trim() || undefined;
  if (!key && !parsed.proxyUrl) return usageError(io, USAGE);
  const client = createFalPlatformClient({ proxyUrl: parsed.proxyUrl, credentials: key, baseUrl: parsed.baseUrl });
  const now = (io.now ?? (() => new Date()))();
  try {
    const snapshot = await fetchSnapshot(client, parsed.pageSize, now, io);
    const written = await writeSnapshotFiles(parsed.outDir, snapshot);
    const { models, prices } = snapshot;
    io.out(`catalog:update: wrote ${models.length} models and ${prices.length} prices to ${written.join(" and ")}`);
    return EXIT_OK;
  } catch (error) {
    io.err(`catalog:update: ${error instanceof Error ? error.message : String(error)}; the snapshot was not changed.`);
    return EXIT_FAL_FAILED;
  }
}

function usageError(io: UpdateIo, message: string): number {
  io.err(message);
  return EXIT_USAGE;
}

function parseArgs(argv: readonly string[]): UpdateOptions | string {
  const options: UpdateOptions = { baseUrl: FAL_PLATFORM_ORIGIN, outDir: resolve(SNAPSHOT_DIR), pageSize: 50 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined || value.startsWith("--")) return `catalog:update: ${name} needs a value.`;
    if (name === "--proxy") options.proxyUrl = value;
    else if (name === "--base-url") options.baseUrl = value;
    else if (name === "--out-dir") options.outDir = resolve(value);
    else if (name === "--page-size" && Number.isInteger(Number(value)) && Number(value) > 0) {
      options.pageSize = Number(value);
    } else return `catalog:update: unknown option ${name} ${value}. ${USAGE}`;
  }
  return options;
}

async function fetchSnapshot(
  client: PlatformClient,
  pageSize: number,
  now: Date,
  io: UpdateIo,
): Promise<CatalogueSnapshot> {
  const models = new Map<string, FalModel>();
  const counts: string[] = [];
  for (const category of MODEL_CATEGORIES) {
    const found = await activeModels(client, category, pageSize);
    for (const model of found) if (!models.has(model.endpoint_id)) models.set(model.endpoint_id, model);
    counts.push(`${found.length} ${category}`);
  }
  io.out(`catalog:update: fal's Model API lists ${counts.join(", ")}.`);
  const priced = await pricesOf(client, [...models.keys()], now);
  if (priced.refusal) io.err(`catalog:update: ${priced.refusal}`);
  const date = now.toISOString();
  return {
    format: "reelflow/fal-catalogue",
    version: 1,
    madeAt: date,
    origin: "fal-api",
    note: noteOf(date, models.size, priced),
    models: [...models.values()],
    prices: priced.facts,
  };
}

/** Every page of one category's active models, each with its OpenAPI document. */
async function activeModels(client: PlatformClient, category: ModelCategory, limit: number): Promise<FalModel[]> {
  const models: FalModel[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const answer = await client.models({ category, status: "active", expandOpenapi: true, limit, cursor });
    models.push(...answer.models);
    if (!answer.has_more || answer.next_cursor === null) break;
    cursor = answer.next_cursor;
  }
  return models;
}

interface Priced {
  facts: PriceFact[];
  /** Why there are no prices, when fal's Pricing API refused the key (it may need an admin key). */
  refusal?: string;
}

async function pricesOf(client: PlatformClient, endpointIds: readonly string[], now: Date): Promise<Priced> {
  try {
    const prices = await client.prices(endpointIds);
    const fetchedAt = now.toISOString();
    return { facts: prices.map((price) => ({ ...price, source: "fal pricing API", fetchedAt })) };
  } catch (error) {
    if (!isFalPlatformError(error) || error.kind !== "unauthorized") throw error;
    return {
      facts: [],
      refusal:
        `fal's Pricing API refused the key (${error.message}); the models are kept without prices. ` +
        "Pricing may need an admin key: run again with one to add them.",
    };
  }
}

function noteOf(date: string, modelCount: number, priced: Priced): string {
  const prices = priced.refusal
    ? "no prices (fal's Pricing API refused the key)"
    : `${priced.facts.length} prices from fal's Pricing API`;
  const models = `${modelCount} active video and image models with their OpenAPI documents`;
  return `Fetched from fal on ${date.slice(0, 10)}: ${models}, ${prices}.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const io: UpdateIo = {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  void runCatalogUpdate(process.argv.slice(2), io).then((code) => process.exit(code));
}

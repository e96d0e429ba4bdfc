import { resolve } from "node:path";
import { describeCatalogueStatus, type CatalogueStatus } from "../adapters/catalogue/live-status";
import type { CatalogueEntry, CatalogueQuery } from "../adapters/catalogue/search-entries";
import type { CatalogueService } from "../adapters/catalogue/service";
import type { ModelCategory } from "../nodes/catalogue/fal-api";
import { curatedAdapter } from "../nodes/registry";
import { rate } from "./amounts";
import type { CliCommand } from "./args";
import { EXIT, type ExitCode } from "./exit-codes";

/**
 * `reelflow models`: what the catalogue offers, curated models first, each with its price at its default
 * settings and where the row came from (curated, or fal's schema from the bundled snapshot or the live
 * catalogue), and one closing line saying which catalogue answered.
 */

/** What the listing needs of the model catalogue (src/adapters/catalogue/service.ts). */
export type ListingCatalogue = Pick<CatalogueService, "ready" | "search" | "searchLive" | "status">;

export interface ModelsRequest {
  query: string | undefined;
  category: ModelCategory | undefined;
  /** A proxy or a key is there, so fal's live catalogue is searched too. */
  live: boolean;
}

/**
 * The rows to list: the local catalogue (curated, bundled snapshot, live answers kept in the cache) matching the
 * words and category, and with a live catalogue what fal's own search answers, a live row replacing the local
 * one of its endpoint. Curated first; then the rest by name. A live search that fails leaves the local rows (the
 * catalogue's status says why).
 */
export async function listModels(
  catalogue: ListingCatalogue,
  req: ModelsRequest,
  signal?: AbortSignal,
): Promise<CatalogueEntry[]> {
  await catalogue.ready();
  const q: CatalogueQuery = {
    ...(req.query ? { query: req.query } : {}),
    ...(req.category ? { category: req.category } : {}),
  };
  const rows = new Map(catalogue.search(q).map((r) => [r.endpoint, r]));
  if (req.live) {
    const found = await catalogue.searchLive(req.query ?? "", req.category, signal).catch(() => []);
    for (const r of found) if (req.category === undefined || r.category === req.category) rows.set(r.endpoint, r);
  }
  const all = [...rows.values()];
  const byName = (a: CatalogueEntry, b: CatalogueEntry) =>
    a.name.localeCompare(b.name) || a.endpoint.localeCompare(b.endpoint);
  return [...all.filter((r) => r.curated), ...all.filter((r) => !r.curated).sort(byName)];
}

/** The listing as a table for people, with its source line last. */
export function modelLines(rows: readonly CatalogueEntry[], status: CatalogueStatus): string[] {
  const cells = rows.map((r) => [markOf(r), r.endpoint, r.name, r.category, priceText(r), flagsOf(r)]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(0, ...cells.map((c) => c[i]!.length)));
  const row = (c: string[]) => c.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join("  ");
  const lines = cells.map((c) => row(c).trimEnd());
  const count = rows.length === 0 ? "No model matches." : `${rows.length} model${rows.length === 1 ? "" : "s"}.`;
  lines.push(`${count} ${sourceSentence(status)}`);
  return lines;
}

/** Where the rows and their prices came from, as a sentence. */
export function sourceSentence(status: CatalogueStatus): string {
  const fallback = describeCatalogueStatus(status);
  if (fallback !== undefined) return `Catalogue: ${fallback}.`;
  const checked = status.live.checkedAt ? ` (checked ${status.live.checkedAt.slice(0, 16).replace("T", " ")} UTC)` : "";
  return `Catalogue: fal's live catalogue${checked}.`;
}

const markOf = (r: CatalogueEntry): string => (r.curated ? "curated" : "fal schema");

/** "$0.10/s", else the basis ("$0.50 per video (…)", "price unknown (unit units)"). */
function priceText(r: CatalogueEntry): string {
  if (r.pricePerSecondUsd !== null) return `${rate(r.pricePerSecondUsd)}/s`;
  return r.priceBasis;
}

function flagsOf(r: CatalogueEntry): string {
  const retired = r.curated ? curatedAdapter(r.endpoint)?.retired : undefined;
  const source = r.origin.kind === "schema" ? `${r.origin.from === "live" ? "live" : "snapshot"} ${r.origin.date}` : "";
  const state = retired ? `retired ${retired.on}, use ${retired.successor}` : r.deprecated ? "deprecated" : "";
  return [source, state].filter(Boolean).join("; ");
}

export interface ModelsCommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal?: AbortSignal;
}

type ModelsCommand = Extract<CliCommand, { kind: "models" }>;

/** `reelflow models …`: always exit 0 once the arguments were valid (an empty list is an answer). */
export async function runModelsCommand(cmd: ModelsCommand, io: ModelsCommandIo): Promise<ExitCode> {
  // Loaded here: `reelflow run` of curated models and --help start without the catalogue code.
  const { openCatalogue } = await import("./catalogue");
  const catalogue = openCatalogue(resolve(io.cwd, cmd.cacheDir), cmd.proxy, io.env);
  const live = cmd.proxy !== undefined || Boolean(io.env.FAL_KEY?.trim());
  const rows = await listModels(catalogue, { query: cmd.query, category: cmd.category, live }, io.signal);
  const status = catalogue.status();
  if (!cmd.json) {
    for (const line of modelLines(rows, status)) io.out(line);
    return EXIT.ok;
  }
  io.out(JSON.stringify(rows, null, 2));
  // stdout stays one JSON document; a catalogue that could not answer is still said.
  const fallback = describeCatalogueStatus(status);
  if (fallback !== undefined && live) io.err(`reelflow: ${fallback}`);
  return EXIT.ok;
}

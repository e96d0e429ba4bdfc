import { describeCatalogueStatus, type CatalogueStatus } from "../adapters/catalogue/live-status";
import type { Plan } from "../engine/plan";

// Apart from ./catalogue.ts so a run's output code does not load the catalogue service with it.

/** Where the models of a plan that were read from fal's schema came from: "the bundled snapshot of 2026-12-06". */
export function schemaSources(plan: Plan): string[] {
  const sources = new Set<string>();
  for (const node of plan.nodes.values()) {
    if (node.role !== "generation") continue;
    const origin = node.adapter.origin;
    if (origin?.kind !== "schema") continue;
    sources.add(origin.from === "live" ? `fal's live catalogue (${origin.date})` : snapshotSource(origin.date));
  }
  return [...sources];
}

const snapshotSource = (date: string) => `the bundled snapshot of ${date.slice(0, 10)}`;

/**
 * What a run or dry run says about the catalogue, or undefined when there is nothing to say (only curated
 * models, and fal's catalogue answered or was not needed): where the models read from fal's schema came from,
 * and, when fal's catalogue was asked and could not answer, that the bundled snapshot stood in and why.
 */
export function catalogueNote(plan: Plan, status: CatalogueStatus): string | undefined {
  const sources = schemaSources(plan);
  const trouble = liveTrouble(status);
  // "using the bundled snapshot of <date>: …" already says where they came from.
  const saidByTrouble =
    trouble !== undefined && sources.length === 1 && sources[0] === snapshotSource(status.snapshot.date);
  const parts: string[] = [];
  if (sources.length > 0 && !saidByTrouble) {
    const offline =
      status.live.state === "not-configured" ? " (fal's live catalogue is not connected: give --proxy or FAL_KEY)" : "";
    parts.push(`models read from fal's schema come from ${sources.join(" and ")}${offline}`);
  }
  if (trouble) parts.push(trouble);
  return parts.length === 0 ? undefined : `Catalogue: ${parts.join("; ")}.`;
}

/** "using the bundled snapshot of 2026-12-06: fal's catalogue could not be reached (…)": fal was asked and failed. */
function liveTrouble(status: CatalogueStatus): string | undefined {
  const failed = (s: CatalogueStatus["live"]) => s.state !== "ok" && s.state !== "not-configured";
  if (failed(status.live)) return describeCatalogueStatus(status);
  if (failed(status.prices)) {
    const why = status.prices.message ?? "no answer";
    const snapshot = `the bundled snapshot of ${status.snapshot.date}`;
    return `using the prices of ${snapshot}: fal's pricing API could not be read (${why})`;
  }
  return undefined;
}

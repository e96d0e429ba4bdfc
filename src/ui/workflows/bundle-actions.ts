import type { BundleImport } from "../../domain/sharing";
import type { SaveOutcome } from "./save-file";

/** What exporting a bundle did (the export itself is wired at start-up: src/ui/app/start/bundles.ts). */
export interface BundleExportOutcome {
  outcome: SaveOutcome;
  fileName: string;
  results: number;
  warnings: string[];
}

export type BundleImportOutcome = { ok: true; imported: BundleImport } | { ok: false; problems: string[] };

/** One line for the user: what came in and what did not. */
export function describeImport(name: string, r: BundleImport): string {
  const parts = [`Imported "${name}" as a new workflow`];
  parts.push(`${r.restored} result${r.restored === 1 ? "" : "s"} restored`);
  if (r.alreadyPresent) parts.push(`${r.alreadyPresent} already here`);
  if (r.assets) parts.push(`${r.assets} local file${r.assets === 1 ? "" : "s"}`);
  return `${parts.join(", ")}.${r.migratedFrom ? ` (Upgraded from workflow version ${r.migratedFrom}.)` : ""}`;
}

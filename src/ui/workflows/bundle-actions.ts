import {
  bundleFileName,
  BundleError,
  exportBundleWithReport,
  importBundle,
  type BundleImport,
} from "../../adapters/bundle";
import type { ReelflowDb } from "../../adapters/db";
import type { Workflow } from "../../domain/workflow";
import { saveBlob, type SaveOutcome } from "./save-file";
import { messageOf } from "../../domain/message-of";

export interface BundleExportOutcome {
  outcome: SaveOutcome;
  fileName: string;
  results: number;
  warnings: string[];
}

/** Export bundle: the open workflow with its cached results, as one .zip. */
export async function exportOpenWorkflow(db: ReelflowDb, workflow: Workflow): Promise<BundleExportOutcome> {
  const { blob, manifest, warnings } = await exportBundleWithReport(db, workflow);
  const fileName = bundleFileName(workflow);
  const outcome = await saveBlob(blob, fileName, {
    description: "Reelflow bundle",
    mime: "application/zip",
    extension: ".zip",
  });
  return { outcome, fileName, results: manifest.entries.length, warnings };
}

export type BundleImportOutcome = { ok: true; imported: BundleImport } | { ok: false; problems: string[] };

/** Import bundle: restores the results; the caller opens the workflow as a new one. Nothing is written when refused. */
export async function importBundleFile(db: ReelflowDb, file: Blob): Promise<BundleImportOutcome> {
  try {
    return { ok: true, imported: await importBundle(db, file) };
  } catch (e) {
    if (e instanceof BundleError) return { ok: false, problems: e.problems };
    return { ok: false, problems: [`The bundle could not be imported: ${messageOf(e)}`] };
  }
}

/** One line for the user: what came in and what did not. */
export function describeImport(name: string, r: BundleImport): string {
  const parts = [`Imported "${name}" as a new workflow`];
  parts.push(`${r.restored} result${r.restored === 1 ? "" : "s"} restored`);
  if (r.alreadyPresent) parts.push(`${r.alreadyPresent} already here`);
  if (r.assets) parts.push(`${r.assets} local file${r.assets === 1 ? "" : "s"}`);
  return `${parts.join(", ")}.${r.migratedFrom ? ` (Upgraded from workflow version ${r.migratedFrom}.)` : ""}`;
}

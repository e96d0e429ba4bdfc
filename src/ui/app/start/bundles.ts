import { bundleFileName, BundleError, exportBundleWithReport, importBundle } from "../../../adapters/bundle";
import type { ReelflowDb } from "../../../adapters/db";
import { messageOf } from "../../../domain/message-of";
import type { Workflow } from "../../../domain/workflow";
import type { BundleExportOutcome, BundleImportOutcome } from "../../workflows/bundle-actions";
import { saveBlob } from "../../workflows/save-file";

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

/** Import bundle: restores the results; the caller opens the workflow as a new one. Nothing is written when refused. */
export async function importBundleFile(db: ReelflowDb, file: Blob): Promise<BundleImportOutcome> {
  try {
    return { ok: true, imported: await importBundle(db, file) };
  } catch (e) {
    if (e instanceof BundleError) return { ok: false, problems: e.problems };
    return { ok: false, problems: [`The bundle could not be imported: ${messageOf(e)}`] };
  }
}

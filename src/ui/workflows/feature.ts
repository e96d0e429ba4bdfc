import type { ReelflowDb } from "../../adapters/db";
import type { Workflow } from "../../domain/workflow";
import type { BundleExportOutcome, BundleImportOutcome } from "./bundle-actions";
import type { WorkflowService } from "./workflow-service";

/** What the Workflows panel needs: the list, and bundles in and out of this browser's database. */
export interface WorkflowsFeature {
  list: WorkflowService;
  exportBundle(workflow: Workflow): Promise<BundleExportOutcome>;
  importBundle(file: Blob): Promise<BundleImportOutcome>;
}

export function createWorkflowsFeature(db: ReelflowDb, list: WorkflowService): WorkflowsFeature {
  return {
    list,
    // Bundles (zip, fflate) load on demand: rarely used, and not needed to open the app.
    exportBundle: async (w) => (await import("./bundle-actions")).exportOpenWorkflow(db, w),
    importBundle: async (f) => (await import("./bundle-actions")).importBundleFile(db, f),
  };
}

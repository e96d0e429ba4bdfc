import type { ReelflowDb } from "../../adapters/db";
import type { Workflow } from "../../domain/workflow";
import { exportOpenWorkflow, importBundleFile, type BundleExportOutcome, type BundleImportOutcome } from "./bundle-actions";
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
    exportBundle: (w) => exportOpenWorkflow(db, w),
    importBundle: (f) => importBundleFile(db, f),
  };
}

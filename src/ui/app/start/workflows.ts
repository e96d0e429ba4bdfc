import type { ReelflowDb } from "../../../adapters/db";
import type { WorkflowsFeature } from "../../workflows/feature";
import type { WorkflowService } from "../../workflows/workflow-service";

/** Share links (compression) load on demand: rarely used, and not needed to open the app. */
export const shareLinkOnDemand: WorkflowsFeature["shareLink"] = async (w, pageUrl) =>
  (await import("../../../adapters/share")).encodeShareLink(w, pageUrl);

/** The Workflows panel's feature on this browser's database. */
export function createWorkflowsFeature(db: ReelflowDb, list: WorkflowService): WorkflowsFeature {
  return {
    list,
    // Bundles (zip, fflate) load on demand: rarely used, and not needed to open the app.
    exportBundle: async (w) => (await import("./bundles")).exportOpenWorkflow(db, w),
    importBundle: async (f) => (await import("./bundles")).importBundleFile(db, f),
    shareLink: shareLinkOnDemand,
  };
}

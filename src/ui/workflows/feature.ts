import type { ShareLinkResult } from "../../domain/sharing";
import type { Workflow } from "../../domain/workflow";
import type { BundleExportOutcome, BundleImportOutcome } from "./bundle-actions";
import type { WorkflowService } from "./workflow-service";

/**
 * What the Workflows panel needs: the list, bundles in and out of this browser's database, and share links
 * (the start-up wires them: src/ui/app/start/workflows.ts).
 */
export interface WorkflowsFeature {
  list: WorkflowService;
  exportBundle(workflow: Workflow): Promise<BundleExportOutcome>;
  importBundle(file: Blob): Promise<BundleImportOutcome>;
  /** The workflow as a link to this page (`pageUrl`) that opens it, or why it cannot be one. */
  shareLink(workflow: Workflow, pageUrl: string): Promise<ShareLinkResult>;
}

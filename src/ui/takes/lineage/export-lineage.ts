import type { CacheKey, NodeId } from "../../../domain/ids";
import { serializeWorkflow } from "../../../domain/parse";
import type { LineageStep } from "../../../domain/take";
import type { Workflow } from "../../../domain/workflow";
import { fileNameFor } from "../../files/workflow-files";

/**
 * "Export with workflow": the workflow file as usual, plus a top-level `lineage` field saying how
 * one take came to be (its takes and prompts, depth first). The parser keeps unknown top-level
 * fields, so the file still opens in Reelflow (and the field survives a load/save round trip).
 */
export interface LineageExport {
  /** The take the lineage is of. */
  of: { nodeId: NodeId; key: CacheKey };
  exportedAt: string;
  steps: LineageStep[];
}

export function workflowWithLineage(
  workflow: Workflow,
  of: { nodeId: NodeId; key: CacheKey },
  steps: readonly LineageStep[],
  now: Date = new Date(),
): Workflow {
  const lineage: LineageExport = {
    of: { nodeId: of.nodeId, key: of.key },
    exportedAt: now.toISOString(),
    steps: [...steps],
  };
  return { ...workflow, lineage };
}

export const lineageFileText = (
  workflow: Workflow,
  of: { nodeId: NodeId; key: CacheKey },
  steps: readonly LineageStep[],
  now?: Date,
): string => serializeWorkflow(workflowWithLineage(workflow, of, steps, now));

/** `cat-remix-lineage-t2v_1.reelflow.json`: the workflow's file name, saying whose lineage it holds. */
export const lineageFileName = (workflow: Workflow, nodeId: NodeId): string =>
  fileNameFor(workflow).replace(
    /\.reelflow\.json$/,
    `-lineage-${nodeId.replace(/[^A-Za-z0-9_-]+/g, "-")}.reelflow.json`,
  );

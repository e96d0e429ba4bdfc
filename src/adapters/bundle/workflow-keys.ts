import type { CacheKey, ContentHash, NodeId } from "../../domain/ids";
import { isGenerationNode, type Workflow } from "../../domain/workflow";
import { planWorkflow, type Plan } from "../../engine/plan";

/**
 * What of a workflow lives in the local cache: the content key of every generation node (the
 * engine's own plan computes them, so a bundle holds exactly what a run would look up), the local
 * files of its source nodes, and the bytes a run would upload (keyed by content hash).
 */
export interface WorkflowKeys {
  /** Generation cache key → the nodes that have it (two identical nodes share one result). */
  generations: Map<CacheKey, NodeId[]>;
  /** `data.asset` hash → the source nodes that show that file. */
  assets: Map<ContentHash, NodeId[]>;
  /** Content hashes of local bytes a run uploads (assets and `data:` URLs). */
  uploads: Set<ContentHash>;
  /** Generation nodes whose key could not be computed, with the planner's reason. */
  unplanned: { nodeId: NodeId; reason: string }[];
}

export async function workflowKeys(workflow: Workflow): Promise<WorkflowKeys> {
  const keys: WorkflowKeys = { generations: new Map(), assets: new Map(), uploads: new Set(), unplanned: [] };

  for (const n of workflow.nodes) {
    if ((n.type === "image" || n.type === "video") && typeof n.data.asset === "string" && n.data.asset !== "") {
      const hash = n.data.asset as ContentHash;
      keys.assets.set(hash, [...(keys.assets.get(hash) ?? []), n.id]);
    }
  }

  const whole = await planWorkflow(workflow);
  if (whole.ok) {
    addPlan(keys, whole.plan);
    return keys;
  }
  // A half-built graph still has results worth carrying: plan each generation node on its own,
  // so one broken branch does not hide the keys of the others.
  for (const n of workflow.nodes) {
    if (!isGenerationNode(n)) continue;
    const one = await planWorkflow(workflow, { targets: [n.id] });
    if (one.ok) addPlan(keys, one.plan);
    else keys.unplanned.push({ nodeId: n.id, reason: one.errors.map((e) => e.message).join("; ") });
  }
  return keys;
}

function addPlan(keys: WorkflowKeys, plan: Plan): void {
  for (const node of plan.nodes.values()) {
    if (node.role === "generation") {
      const ids = keys.generations.get(node.key) ?? [];
      if (!ids.includes(node.id)) keys.generations.set(node.key, [...ids, node.id]);
    } else if (node.value.kind === "media" && node.value.media.kind !== "remote") {
      // For local bytes the source key is their content hash, which is also the upload cache's key.
      keys.uploads.add(node.key as string as ContentHash);
    }
  }
}

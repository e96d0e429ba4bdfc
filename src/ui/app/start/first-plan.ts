import { readStartResults } from "../../../adapters/db/start-results";
import type { CacheNamespace } from "../../../domain/settings";
import type { StoredTake } from "../../../domain/take";
import type { ContentHash, WorkflowId } from "../../../domain/ids";
import type { Workflow } from "../../../domain/workflow";
import { planWorkflow } from "../../../engine/plan";
import type { ModelCatalogue } from "../../../engine/ports";
import { resolveModels } from "../../../engine/resolve-models";
import { planView, type Lookups } from "../../run/plan-view";

export interface FirstPlan {
  /** The run store's view of the plan (keys, earlier results, the Run button's figures). */
  view: ReturnType<typeof planView>;
  /** The lookups behind it, handed to the run controller so it does not ask again. */
  lookups: Lookups;
  /** Stored videos of the first results, by content hash: the nodes' players start from these. */
  media: Map<ContentHash, Blob>;
  /** The workflow's takes in this mode, oldest first: its take strips start from these. */
  takes: StoredTake[];
}

/**
 * The open workflow's first plan, part of the start snapshot (./snapshot.ts), made at start with plain IndexedDB
 * before Dexie and the run code are loaded (loaded on demand itself: the planner is not part of the first screen's
 * script), so a reopened workflow shows its earlier results, videos and take strips in its first frame. The same
 * planner and plan view as the run controller's, which plans again once here and finds nothing changed.
 * Null when the graph does not plan as a whole or nothing is stored: the controller handles those.
 */
export async function firstPlan(
  doc: Workflow,
  workflowId: WorkflowId,
  namespace: CacheNamespace,
  catalogue?: ModelCatalogue,
): Promise<FirstPlan | null> {
  // Catalogue models first (their code loads only when the workflow names one this process does not know).
  if (catalogue) await resolveModels(doc, catalogue).catch(() => undefined);
  const res = await planWorkflow(doc);
  if (!res.ok) return null;
  const read = await readStartResults(
    namespace,
    [...res.plan.nodes.values()].map((n) => n.key),
    { workflowId },
  );
  if (!read) return null;
  return {
    view: planView(res.plan, [], read.found, namespace === "demo"),
    lookups: read.found,
    media: read.media,
    takes: read.takes,
  };
}

import type { StoredTake } from "../../adapters/db/takes";
import type { CacheNamespace } from "../../adapters/db/database";
import type { ContentHash, WorkflowId } from "../../domain/ids";
import type { Lookups } from "../run/plan-view";
import type { FirstPlan } from "./first-plan";

/**
 * What the first plan read at start (./first-plan.ts), handed over to what shows it: its lookups to
 * the run controller, each video or thumbnail once to the view that shows it, the workflow's takes
 * once to its take strips' feed. All of it belongs to the workflow opened at start, in the mode of
 * the start: asked for another, it has nothing, and `forget()` (another workflow opened) drops it.
 * The lookups are by content key, good for any workflow, but only while the app is still in the
 * start's mode (`modeNow`): a switch before the run controller arrives must not seed it with the
 * other mode's results.
 */
export interface StartHandoff {
  accept(plan: FirstPlan): void;
  lookups(): Lookups | undefined;
  blobAtHand(hash: ContentHash): Blob | undefined;
  takesAtHand(namespace: CacheNamespace, workflowId: WorkflowId): readonly StoredTake[] | undefined;
  forget(): void;
}

export function createStartHandoff(
  workflowId: WorkflowId,
  namespace: CacheNamespace,
  modeNow: () => CacheNamespace,
): StartHandoff {
  let lookups: Lookups | undefined;
  let media = new Map<ContentHash, Blob>();
  let takes: readonly StoredTake[] | undefined;
  return {
    accept(plan) {
      lookups = plan.lookups;
      media = plan.media;
      takes = plan.takes;
    },
    lookups: () => (modeNow() === namespace ? lookups : undefined),
    blobAtHand(hash) {
      const blob = media.get(hash);
      media.delete(hash);
      return blob;
    },
    takesAtHand(ns, wf) {
      if (ns !== namespace || wf !== workflowId) return undefined;
      const list = takes;
      takes = undefined;
      return list;
    },
    forget() {
      media = new Map();
      takes = undefined;
    },
  };
}

import type { NodeId, WorkflowId } from "../../domain/ids";
import type { TakeChoice } from "../../domain/workflow";
import type { RunEvent } from "../../engine/events";
import type { Plan } from "../../engine/plan";
import { takeFromResult } from "../../engine/takes";
import type { TakeService } from "./take-service";

/** What the run controller asks of takes: one session per run of the open workflow (not for sweeps). */
export interface RunTakes {
  /** The workflow open now: a run's takes belong to the one that was open when the run was asked for. */
  openWorkflowId(): WorkflowId | null;
  beginRun(plan: Plan, opts: { simulated: boolean; workflowId: WorkflowId | null }): TakeSession;
}

export interface TakeSession {
  onEvent(ev: RunEvent): void;
  /** Waits for every take of the run to be filed. */
  finish(): Promise<void>;
}

export interface TakeRecorderDeps {
  takes: TakeService;
  /** The workflow open in the editor now (a run's choice is only written into that one). */
  openWorkflowId(): WorkflowId | null;
  /** Makes a run's new take the node's chosen one without an undo step (editor `recordTakeChoice`). */
  choose(nodeId: NodeId, choice: TakeChoice): void;
  onError(message: string): void;
  now?: () => Date;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Files every result a run of the open workflow brings (paid or from the cache) as a take of its
 * node, once per (workflow, node, key), and makes a paid result the node's chosen take: the user
 * asked for it, so it is what flows downstream from now on.
 */
export function createTakeRecorder(deps: TakeRecorderDeps): RunTakes {
  const now = deps.now ?? (() => new Date());
  return {
    openWorkflowId: () => deps.openWorkflowId(),
    beginRun(plan, { simulated, workflowId }) {
      const writes: Promise<unknown>[] = [];
      return {
        onEvent(ev) {
          if (!workflowId || (ev.type !== "succeeded" && ev.type !== "cached")) return;
          const planned = plan.nodes.get(ev.nodeId);
          // A pinned node only serves its take: the node as it is now (maybe edited since) did not make it.
          if (planned?.role !== "generation" || planned.pinned) return;
          const take = takeFromResult({ workflowId, plan, runNodeId: ev.nodeId, result: ev.result, paid: ev.type === "succeeded" && !simulated, now: now() });
          if (ev.type === "succeeded" && deps.openWorkflowId() === workflowId) {
            deps.choose(ev.nodeId, take.variant ? { key: take.key, variant: take.variant } : { key: take.key });
          }
          writes.push(deps.takes.record(take, ev.result).catch((e: unknown) => deps.onError(`The take of ${ev.nodeId} was not kept: ${message(e)}`)));
        },
        async finish() {
          await Promise.all(writes);
        },
      };
    },
  };
}

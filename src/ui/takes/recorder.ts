import type { NodeId, WorkflowId } from "../../domain/ids";
import type { Take } from "../../domain/take";
import type { TakeChoice, Workflow } from "../../domain/workflow";
import { takeKeyFor } from "../../engine/cache-key";
import type { RunEvent } from "../../engine/events";
import { planWorkflow, type Plan } from "../../engine/plan";
import type { CachedResult, Job } from "../../engine/ports";
import { sweptNodeOf, type SweepOfPlan } from "../../engine/sweep";
import { takeFromResult } from "../../engine/takes";
import type { TakeService } from "./take-service";
import { messageOf } from "../../domain/message-of";

/** What the run controller asks of takes: one session per run of the open workflow (not for sweeps). */
export interface RunTakes {
  /** The workflow open now: a run's takes belong to the one that was open when the run was asked for. */
  openWorkflowId(): WorkflowId | null;
  beginRun(plan: Plan, opts: { simulated: boolean; workflowId: WorkflowId | null }): TakeSession;
  /**
   * The job row a run writes before sending, with the workflow it belongs to and the take its result
   * will be (a sweep clone's under the swept node), so a job that ends after a reload is filed too.
   */
  tagJob(job: Job, plan: Plan, opts: { simulated: boolean; workflowId: WorkflowId | null; sweep?: SweepOfRun }): Job;
  /**
   * A job the start-up resume followed to its end (`chosen`: it succeeded here, not served by another
   * tab): filed as a take of its workflow and node, and, like a run's paid success, made the node's
   * chosen take when the open workflow's node still has the content that made it.
   */
  resumed(job: Job, result: CachedResult, opts: { chosen: boolean }): Promise<void>;
}

/** A sweep's run: which param it sweeps, and the value each clone runs with. */
export type SweepOfRun = SweepOfPlan;

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
  /** The document open in the editor now; without it a resumed job's take is never chosen. */
  getWorkflow?(): Workflow;
  onError(message: string): void;
  now?: () => Date;
}

const choiceOf = (take: Pick<Take, "key" | "variant">): TakeChoice =>
  take.variant ? { key: take.key, variant: take.variant } : { key: take.key };

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
          const take = takeFromResult({
            workflowId,
            plan,
            runNodeId: ev.nodeId,
            result: ev.result,
            paid: ev.type === "succeeded" && !simulated,
            now: now(),
          });
          if (ev.type === "succeeded" && deps.openWorkflowId() === workflowId) deps.choose(ev.nodeId, choiceOf(take));
          writes.push(
            deps.takes
              .record(take, ev.result)
              .catch((e: unknown) => deps.onError(`The take of ${ev.nodeId} was not kept: ${messageOf(e)}`)),
          );
        },
        async finish() {
          await Promise.all(writes);
        },
      };
    },

    tagJob(job, plan, { simulated, workflowId, sweep }) {
      if (!workflowId) return job;
      const planned = plan.nodes.get(job.nodeId);
      if (planned?.role !== "generation" || planned.pinned) return { ...job, workflowId };
      const swept = sweep ? sweptNodeOf(job.nodeId) : undefined;
      const value = swept ? sweep?.valueOf(job.nodeId) : undefined;
      const take = takeFromResult({
        workflowId,
        plan,
        runNodeId: job.nodeId,
        ...(swept && value !== undefined ? { nodeId: swept, sweep: { param: sweep!.param, value } } : {}),
        // Known when it ends; the take is completed then.
        result: { requestId: null },
        paid: !simulated,
        now: new Date(job.createdAt),
      });
      return { ...job, workflowId, take };
    },

    async resumed(job, result, { chosen }) {
      const open = deps.openWorkflowId();
      let take: Take | undefined;
      if (job.take) {
        take = {
          ...job.take,
          requestId: result.requestId,
          createdAt: now().toISOString(),
          costUsd: chosen ? job.take.costUsd : 0,
        };
      } else if ((job.workflowId ?? open) === open && open && deps.getWorkflow) {
        // A row written before jobs carried their take: the open workflow's node, if it would make exactly this key.
        const res = await planWorkflow(deps.getWorkflow(), { targets: [job.nodeId] }).catch(() => undefined);
        const planned = res?.ok ? res.plan.nodes.get(job.nodeId) : undefined;
        if (res?.ok && planned?.role === "generation" && planned.key === job.key) {
          take = takeFromResult({
            workflowId: open,
            plan: res.plan,
            runNodeId: job.nodeId,
            result,
            paid: chosen,
            now: now(),
          });
        }
      }
      if (!take) return;
      if (chosen && !take.sweep && open === take.workflowId && (await stillMakes(take)))
        deps.choose(take.nodeId, choiceOf(take));
      await deps.takes
        .record(take, result)
        .catch((e: unknown) => deps.onError(`The take of ${take.nodeId} was not kept: ${messageOf(e)}`));
    },
  };

  /** The open document's node (unpinned) has the content this take was made from. */
  async function stillMakes(take: Take): Promise<boolean> {
    if (!deps.getWorkflow) return false;
    const res = await planWorkflow(deps.getWorkflow(), { targets: [take.nodeId] }).catch(() => undefined);
    const planned = res?.ok ? res.plan.nodes.get(take.nodeId) : undefined;
    if (planned?.role !== "generation" || planned.pinned || planned.endpoint !== take.endpoint) return false;
    return (await takeKeyFor(planned.contentKey, take.variant)) === take.key;
  }
}

import type { WorkflowId } from "../../domain/ids";
import type { Plan } from "../../engine/plan";
import type { EnginePorts, JobLedger } from "../../engine/ports";
import type { RunTakes, SweepOfRun } from "../takes/recorder";

/**
 * The ports one run executes with: each job row it opens names its workflow and the take it becomes, so a reload
 * mid-job loses neither. Without takes, a ledger or a workflow to file under, the ports are the mode's own.
 */
export function portsTaggingJobs(
  ports: EnginePorts,
  takes: RunTakes | undefined,
  tag: { plan: Plan; simulated: boolean; workflowId: WorkflowId | null; sweepOf?: SweepOfRun },
): EnginePorts {
  const ledger = ports.ledger;
  const { plan, simulated, workflowId, sweepOf } = tag;
  if (!takes || !ledger || !workflowId) return ports;
  const tagged: JobLedger = {
    open: (job) =>
      ledger.open(takes.tagJob(job, plan, { simulated, workflowId, ...(sweepOf ? { sweep: sweepOf } : {}) })),
    update: (key, patch) => ledger.update(key, patch),
    get: (key) => ledger.get(key),
    unfinished: () => ledger.unfinished(),
  };
  return { ...ports, ledger: tagged };
}

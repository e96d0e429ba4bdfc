import type { Workflow } from "../../domain/workflow";
import { resolveModels } from "../../engine/resolve-models";
import type { RunMoney } from "../money/money-service";
import type { RunTakes } from "../takes/recorder";
import type { SendingChecks } from "./before-sending";
import type { ResultLookups } from "./result-lookups";
import type { RunEnvironment, RunNotices } from "./run-controller";
import type { RunStore } from "./run-store";

/** What the run controller's steps share: its dependencies, what the cache holds, the run under way. */
export interface ControllerContext {
  store: RunStore;
  env: RunEnvironment;
  getWorkflow(): Workflow;
  notices: RunNotices;
  money?: RunMoney;
  takes?: RunTakes;
  lookups: ResultLookups;
  checks: SendingChecks;
  /** Stops the run under way (null when none is). */
  abort: AbortController | null;
  /** Counts refreshes: one that a later refresh overtook publishes nothing. */
  planSeq: number;
}

/** Before every plan: the workflow's catalogue models become known (or unavailable, with the reason the plan gives). */
export async function resolved(env: RunEnvironment, workflow: Workflow): Promise<Workflow> {
  if (env.catalogue) await resolveModels(workflow, env.catalogue).catch(() => undefined);
  return workflow;
}

/** A plan's problems in one line: the first three, and "…" for more. */
export const describeErrors = (errors: readonly { message: string }[]) =>
  errors.length === 1
    ? (errors[0]?.message ?? "")
    : `${errors.length} problems: ${errors
        .slice(0, 3)
        .map((e) => e.message)
        .join("; ")}${errors.length > 3 ? "; …" : ""}`;

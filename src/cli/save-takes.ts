import { readFile, rename, writeFile } from "node:fs/promises";
import { messageOf } from "../domain/message-of";
import { serializeWorkflow } from "../domain/parse";
import type { NodeId } from "../domain/ids";
import { isGenerationNode, type TakeChoice, type Workflow } from "../domain/workflow";
import type { Plan } from "../engine/plan";
import type { RunState } from "../engine/run-state";

/**
 * The new takes a run made (`--new-take` nodes that succeeded): node → the choice to record in the
 * file, the same `data.take` the app writes when a take is chosen, so later runs keep using it.
 */
export function newTakesMade(plan: Plan, state: RunState): Map<NodeId, TakeChoice> {
  const made = new Map<NodeId, TakeChoice>();
  for (const [id, planned] of plan.nodes) {
    if (planned.role !== "generation" || !planned.newTake) continue;
    if (state.nodes[id]?.status !== "succeeded") continue;
    made.set(id, planned.variant ? { key: planned.key, variant: planned.variant } : { key: planned.key });
  }
  return made;
}

/** The workflow with `choices` recorded as its nodes' chosen takes; everything else as it was. */
export function withChosenTakes(workflow: Workflow, choices: ReadonlyMap<NodeId, TakeChoice>): Workflow {
  return {
    ...workflow,
    nodes: workflow.nodes.map((n) => {
      const take = choices.get(n.id);
      return take && isGenerationNode(n) ? { ...n, data: { ...n.data, take } } : n;
    }),
  };
}

/**
 * Writes the file through a temporary file and a rename, so an interrupted write leaves either the
 * old file or the new one, never half of each.
 */
export async function writeWorkflowFile(path: string, workflow: Workflow): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, serializeWorkflow(workflow), "utf8");
  await rename(temporary, path);
}

/**
 * Records the takes in the workflow file, unless the file changed on disk since this run read it
 * (an edit made during a minutes-long run must not be overwritten).
 */
export async function saveTakes(
  path: string,
  textAtStart: string,
  workflow: Workflow,
  takes: ReadonlyMap<NodeId, TakeChoice>,
): Promise<{ ok: true } | { ok: false; why: string }> {
  try {
    const now = await readFile(path, "utf8");
    if (now !== textAtStart)
      return { ok: false, why: "the file was changed while the run went on, and is left as it is" };
    await writeWorkflowFile(path, withChosenTakes(workflow, takes));
    return { ok: true };
  } catch (e) {
    return { ok: false, why: messageOf(e) };
  }
}

import { workflowId, type WorkflowId } from "../../domain/ids";
import { parseWorkflowText, serializeWorkflow } from "../../domain/parse";
import type { Workflow } from "../../domain/workflow";
import type { StoredWorkflow, WorkflowSummary } from "../../domain/workflow-list";
import type { WorkflowRow } from "./database";

// A workflow row read back is the domain's (src/domain/workflow-list.ts); this file turns rows into it and back,
// apart from the repository (./workflows.ts) so the start reader (./start-reader.ts), which runs before Dexie is
// loaded, reads rows exactly as the repository does.

/** `wf-` and 10 random hex digits: getRandomValues exists even where randomUUID does not (plain http). */
export function newWorkflowId(): WorkflowId {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(5));
  return workflowId(`wf-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`);
}

/**
 * The row saving `workflow` under `id` leaves: the stored one with its name, text and time
 * changed, or a new row when there is none. The repository's save and the start path's early save
 * (./start-reader.ts, before Dexie is loaded) both write exactly this.
 */
export function savedWorkflowRow(
  existing: WorkflowRow | undefined,
  id: WorkflowId,
  workflow: Workflow,
  at: string,
): WorkflowRow {
  const doc = serializeWorkflow(workflow);
  // A save is an edit, so an example opened as a draft becomes one of the person's workflows.
  return existing
    ? { ...keptRow(existing), name: workflow.name, doc, updatedAt: at }
    : { id, name: workflow.name, doc, createdAt: at, updatedAt: at, deletedAt: null };
}

/** The row without its draft flag: a workflow the lists show. */
export function keptRow(row: WorkflowRow): WorkflowRow {
  const { draft: _draft, ...kept } = row;
  return kept;
}

/** Listed as one of the person's workflows (in use or in the trash): every row but a draft (left untouched). */
export const isListed = (row: WorkflowRow): boolean => row.draft !== true;

export const summaryOf = (r: WorkflowRow): WorkflowSummary => ({
  id: r.id,
  name: r.name,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  deletedAt: r.deletedAt,
});

export function storedWorkflowOf(row: WorkflowRow): StoredWorkflow {
  const parsed = parseWorkflowText(row.doc);
  return parsed.ok
    ? { ...summaryOf(row), ok: true, workflow: parsed.workflow }
    : { ...summaryOf(row), ok: false, errors: parsed.errors, text: row.doc };
}

import type { WorkflowId } from "../../domain/ids";
import { parseWorkflowText, serializeWorkflow } from "../../domain/parse";
import { CURRENT_WORKFLOW_VERSION, WORKFLOW_FORMAT, type Workflow } from "../../domain/workflow";
import type { ReelflowDb, WorkflowRow } from "./database";
import { createDexieTakeStore } from "./takes";
import { isListed, keptRow, newWorkflowId, savedWorkflowRow, storedWorkflowOf, summaryOf } from "./workflow-row";
import type { WorkflowRepository, WorkflowSummary } from "../../domain/workflow-list";

export { newWorkflowId } from "./workflow-row";

// What a workflow store does is the domain's (src/domain/workflow-list.ts): this is the one on IndexedDB.

const emptyDoc = (name: string): Workflow => ({
  format: WORKFLOW_FORMAT,
  version: CURRENT_WORKFLOW_VERSION,
  name,
  nodes: [],
  edges: [],
});

const summary = summaryOf;

export function createWorkflowRepository(db: ReelflowDb, clock: () => Date = () => new Date()): WorkflowRepository {
  const now = () => clock().toISOString();

  async function mustGet(id: WorkflowId): Promise<WorkflowRow> {
    const row = await db.workflows.get(id);
    if (!row) throw new Error(`No stored workflow with id "${id}".`);
    return row;
  }

  /** A row for a workflow stored now for the first time. */
  function firstRow(id: WorkflowId, name: string, workflow: Workflow, draft: boolean): WorkflowRow {
    const at = now();
    const row: WorkflowRow = {
      id,
      name,
      doc: serializeWorkflow({ ...workflow, name }),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    if (draft) row.draft = true;
    return row;
  }

  async function insert(name: string, workflow: Workflow, draft = false): Promise<WorkflowSummary> {
    const row = firstRow(newWorkflowId(), name, workflow, draft);
    await db.workflows.add(row);
    return summary(row);
  }

  return {
    async list(opts = {}) {
      const rows = await db.workflows.orderBy("updatedAt").reverse().toArray();
      return rows.filter((r) => isListed(r) && (opts.trash ? r.deletedAt !== null : r.deletedAt === null)).map(summary);
    },

    async create(init = {}) {
      const name = init.name ?? init.workflow?.name ?? "Untitled workflow";
      return insert(name, init.workflow ?? emptyDoc(name), init.draft === true);
    },

    async storeDraft(id, workflow) {
      await db.transaction("rw", db.workflows, async () => {
        if (await db.workflows.get(id)) return;
        await db.workflows.add(firstRow(id, workflow.name, workflow, true));
      });
    },

    async keep(id) {
      await db.transaction("rw", db.workflows, async () => {
        const row = await db.workflows.get(id);
        if (row?.draft) await db.workflows.put(keptRow(row));
      });
    },

    async discardDraft(id) {
      const gone = await db.transaction("rw", db.workflows, async () => {
        const row = await db.workflows.get(id);
        if (!row?.draft) return false;
        await db.workflows.delete(id);
        return true;
      });
      // A draft is kept before its first run, so it has no takes; any left by a run cut short go with it.
      if (gone)
        for (const namespace of ["paid", "demo"] as const)
          await createDexieTakeStore(db, { namespace }).removeWorkflow(id);
      return gone;
    },

    async get(id) {
      const row = await db.workflows.get(id);
      if (!row) return undefined;
      return storedWorkflowOf(row);
    },

    async save(id, workflow) {
      await db.transaction("rw", db.workflows, async () => {
        await db.workflows.put(savedWorkflowRow(await db.workflows.get(id), id, workflow, now()));
      });
    },

    async rename(id, name) {
      await db.transaction("rw", db.workflows, async () => {
        const row = await mustGet(id);
        const parsed = parseWorkflowText(row.doc);
        // The name lives in the document too; an unreadable document keeps its text as it is.
        const doc = parsed.ok ? serializeWorkflow({ ...parsed.workflow, name }) : row.doc;
        await db.workflows.update(id, { name, doc, updatedAt: now() });
      });
    },

    async duplicate(id) {
      const row = await mustGet(id);
      const parsed = parseWorkflowText(row.doc);
      if (!parsed.ok)
        throw new Error(
          `Workflow "${row.name}" cannot be read, so it cannot be duplicated: ${parsed.errors.join("; ")}`,
        );
      const copy = await insert(`${row.name} (copy)`, parsed.workflow);
      // The copy's nodes keep their chosen takes, so they keep their strips too.
      const takes = await db.takes
        .where("[namespace+workflowId]")
        .anyOf([
          ["paid", id],
          ["demo", id],
        ])
        .toArray();
      if (takes.length > 0) await db.takes.bulkPut(takes.map((t) => ({ ...t, workflowId: copy.id })));
      return copy;
    },

    async softDelete(id) {
      await mustGet(id);
      await db.workflows.update(id, { deletedAt: now() });
    },

    async restore(id) {
      await mustGet(id);
      await db.workflows.update(id, { deletedAt: null, updatedAt: now() });
    },

    async purge(id) {
      await db.workflows.delete(id);
      // Its takes go with it; the videos stay in the result cache (another workflow may use them).
      for (const namespace of ["paid", "demo"] as const)
        await createDexieTakeStore(db, { namespace }).removeWorkflow(id);
    },
  };
}

import type { WorkflowId } from "./ids";
import type { Workflow } from "./workflow";

/** A stored workflow as lists show it (this browser's workflows, src/adapters/db/workflows.ts). */
export interface WorkflowSummary {
  id: WorkflowId;
  name: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/**
 * A stored workflow read back. The text goes through the one parser (with migrations), so a
 * workflow saved by an older Reelflow opens upgraded; if it cannot be read, the text is
 * returned untouched with the reasons, and nothing is overwritten.
 */
export type StoredWorkflow = WorkflowSummary &
  ({ ok: true; workflow: Workflow } | { ok: false; errors: string[]; text: string });

/** This browser's workflows (the one store is on IndexedDB: src/adapters/db/workflows.ts). */
export interface WorkflowRepository {
  /** Workflows in use (default) or in the trash, most recently changed first; never a draft (left untouched). */
  list(opts?: { trash?: boolean }): Promise<WorkflowSummary[]>;
  /**
   * `draft`: a workflow the person has not touched yet (an example just opened, a new empty one), stored but not
   * listed until it is saved (edited) or kept (run).
   */
  create(init?: { name?: string; workflow?: Workflow; draft?: boolean }): Promise<WorkflowSummary>;
  /**
   * Stores the workflow a first visit opens under the id it was given, as a draft; a row already there (an edit
   * saved first) is left as it is.
   */
  storeDraft(id: WorkflowId, workflow: Workflow): Promise<void>;
  /** A draft becomes one of the listed workflows, unchanged otherwise (a run of an untouched workflow). */
  keep(id: WorkflowId): Promise<void>;
  /** Deletes the row when it is still a draft (it was left untouched); true when it did. */
  discardDraft(id: WorkflowId): Promise<boolean>;
  get(id: WorkflowId): Promise<StoredWorkflow | undefined>;
  /** Stores the document (autosave). Recreates the row if another tab purged it: nothing typed is lost. */
  save(id: WorkflowId, workflow: Workflow): Promise<void>;
  rename(id: WorkflowId, name: string): Promise<void>;
  duplicate(id: WorkflowId): Promise<WorkflowSummary>;
  /** Moves to the trash (undo with `restore`). */
  softDelete(id: WorkflowId): Promise<void>;
  restore(id: WorkflowId): Promise<void>;
  /** Deletes for good (from the trash). */
  purge(id: WorkflowId): Promise<void>;
}

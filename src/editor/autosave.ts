import type { WorkflowId } from "../domain/ids";
import type { Workflow } from "../domain/workflow";
import type { EditorStore } from "./types";

export interface AutosaveOptions {
  /** Quiet time after the last change before saving. Default 300 ms. */
  delayMs?: number;
  /** Longest a change waits while edits keep coming (typing). Default 1000 ms. */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
  /** Called after each successful save (e.g. to show "Saved"). */
  onSaved?: (id: WorkflowId, doc: Workflow) => void;
}

export interface Autosave {
  /** Saves any pending change now (call before unload or switching workflows). */
  flush(): Promise<void>;
  /** Stops watching; a pending change is flushed first. */
  dispose(): Promise<void>;
}

/**
 * Saves the open document shortly after every change, through `save` (the workflow
 * repository in the app). The editor itself never learns where documents go. Saves run
 * one at a time in order, so an older document can never overwrite a newer one.
 */
export function connectAutosave(
  store: EditorStore,
  save: (id: WorkflowId, doc: Workflow) => Promise<unknown>,
  opts: AutosaveOptions = {},
): Autosave {
  const delay = opts.delayMs ?? 300;
  const maxWait = opts.maxWaitMs ?? 1000;
  let pending: { id: WorkflowId; doc: Workflow } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt = 0;
  let chain: Promise<void> = Promise.resolve();

  const runPending = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const job = pending;
    pending = null;
    if (!job) return chain;
    chain = chain.then(async () => {
      try {
        await save(job.id, job.doc);
        opts.onSaved?.(job.id, job.doc);
      } catch (e) {
        opts.onError?.(e);
      }
    });
    return chain;
  };

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.workflowId !== prev.workflowId) {
      // Another document was loaded: the previous one's last edits still belong to it.
      void runPending();
      return;
    }
    if (state.doc === prev.doc || state.workflowId === null) return;
    const now = Date.now();
    if (!pending) firstPendingAt = now;
    pending = { id: state.workflowId, doc: state.doc };
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(delay, firstPendingAt + maxWait - now));
    timer = setTimeout(() => void runPending(), wait);
  });

  return {
    flush: runPending,
    async dispose() {
      unsubscribe();
      await runPending();
    },
  };
}

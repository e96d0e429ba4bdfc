import type { Patch } from "immer";
import type { CommandName, HistorySummary } from "./types";

/**
 * Undo history in the manner of tldraw's history manager: each step is a labelled mark
 * holding the forward patches and their inverse. Steps of the same command on the same
 * target that arrive within `coalesceMs` of each other merge, so typing a prompt is one
 * step rather than forty.
 */
export interface HistoryEntry {
  command: CommandName;
  label: string;
  /** What the command acted on (e.g. "t2v-1:resolution"); only entries with a target coalesce. */
  target: string | null;
  patches: Patch[];
  inverse: Patch[];
  /** Time of the last edit merged into this entry. */
  at: number;
}

export interface HistoryOptions {
  limit: number;
  coalesceMs: number;
}

export class History {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  /** Set when something (blur, undo, a load) must stop the next edit from merging. */
  private sealed = false;
  /** Reused until the stacks change, so subscribers of `history` do not re-render on every drag frame. */
  private cached: HistorySummary | null = null;

  constructor(private readonly opts: HistoryOptions) {}

  record(entry: HistoryEntry): void {
    this.cached = null;
    this.redoStack = [];
    const last = this.undoStack.at(-1);
    if (
      !this.sealed &&
      last &&
      entry.target !== null &&
      last.command === entry.command &&
      last.target === entry.target &&
      entry.at - last.at <= this.opts.coalesceMs
    ) {
      // Forward patches replay in order; the inverse undoes the newest edit first.
      last.patches = [...last.patches, ...entry.patches];
      last.inverse = [...entry.inverse, ...last.inverse];
      last.at = entry.at;
      return;
    }
    this.sealed = false;
    this.undoStack.push(entry);
    if (this.undoStack.length > this.opts.limit) this.undoStack.splice(0, this.undoStack.length - this.opts.limit);
  }

  /** Moves the newest step to the redo stack and returns it; the caller applies `inverse`. */
  popUndo(): HistoryEntry | undefined {
    this.cached = null;
    const e = this.undoStack.pop();
    if (e) this.redoStack.push(e);
    this.sealed = true;
    return e;
  }

  /** Moves the newest undone step back; the caller applies `patches`. */
  popRedo(): HistoryEntry | undefined {
    this.cached = null;
    const e = this.redoStack.pop();
    if (e) this.undoStack.push(e);
    this.sealed = true;
    return e;
  }

  seal(): void {
    this.sealed = true;
  }

  clear(): void {
    this.cached = null;
    this.undoStack = [];
    this.redoStack = [];
    this.sealed = false;
  }

  summary(): HistorySummary {
    return (this.cached ??= {
      canUndo: this.undoStack.length > 0,
      canRedo: this.redoStack.length > 0,
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
      depth: this.undoStack.length,
    });
  }
}

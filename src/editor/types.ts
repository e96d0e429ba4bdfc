import type { StoreApi } from "zustand/vanilla";
import type { EdgeId, EndpointId, NodeId, WorkflowId } from "../domain/ids";
import type {
  GenerationKind,
  NodeKind,
  ParamValue,
  Position,
  TakeChoice,
  Workflow,
  WorkflowNode,
} from "../domain/workflow";
import type { TakeCommands } from "./take-commands";
import type { ModelAdapter, NodeDefinition } from "../nodes/types";

/** Every edit has a name; history entries and coalescing use it. */
export type CommandName =
  | "addNode"
  | "removeNodes"
  | "removeEdges"
  | "deleteSelection"
  | "moveNodes"
  | "connect"
  | "disconnect"
  | "setParam"
  | "setPromptText"
  | "setMedia"
  | "setEndpoint"
  | "duplicate"
  | "paste"
  | "renameWorkflow"
  | "chooseTake"
  | "setPinned";

/** A command that may be refused answers with the reason, in words a person understands. */
export type CommandResult<T = undefined> = { ok: true; value: T } | { ok: false; reason: string };

export interface Selection {
  nodes: NodeId[];
  edges: EdgeId[];
}

/** What the UI needs to draw the undo/redo buttons. */
export interface HistorySummary {
  canUndo: boolean;
  canRedo: boolean;
  /** Label of the step undo would revert, e.g. "Edit prompt". */
  undoLabel: string | null;
  redoLabel: string | null;
  /** Number of undoable steps kept. */
  depth: number;
}

export interface ConnectRequest {
  source: NodeId;
  sourceHandle: string;
  target: NodeId;
  targetHandle: string;
}

export interface NodeMove {
  id: NodeId;
  position: Position;
}

/** Image/Video source nodes: either a remote/data URL or a local asset by content hash. */
export interface MediaSource {
  url?: string;
  asset?: string;
}

/** A piece of workflow on the clipboard: a complete `reelflow/workflow` document holding the copied part. */
export type Fragment = Workflow;

export interface EditorData {
  /** The open document, exactly what is saved. Immutable (frozen by immer). */
  doc: Workflow;
  /** Repository id of the open workflow, null when it was never stored. */
  workflowId: WorkflowId | null;
  /** Not in history. */
  selection: Selection;
  history: HistorySummary;
  /** Increments on every change of `doc` (commands, undo, redo, drags, loading): autosave watches it. */
  revision: number;
}

export interface EditorCommands extends TakeCommands {
  /** Adds a node; generation kinds get the default model and its param defaults. Selects it. */
  addNode(kind: NodeKind, position: Position, data?: WorkflowNode["data"]): NodeId;
  /** Removes the nodes and every edge touching them, in one step. */
  removeNodes(ids: readonly NodeId[]): void;
  removeEdges(ids: readonly EdgeId[]): void;
  /** Removes the selected nodes (with their edges) and the selected edges, in one step. */
  deleteSelection(): void;
  /** Live positions while dragging: not recorded in history. End the drag with `moveNodes`. */
  dragNodes(moves: readonly NodeMove[]): void;
  /** Final positions (drag end): one undoable step from where the drag started. */
  moveNodes(moves: readonly NodeMove[]): void;
  /**
   * Connects an output to an input. One edge per input: an existing edge into the same input is
   * replaced in the same undoable step. A refused connection changes nothing and says why.
   */
  connect(req: ConnectRequest): CommandResult<EdgeId>;
  /** Same as removeEdges, labelled "Disconnect". */
  disconnect(ids: readonly EdgeId[]): void;
  /** Sets (or with `undefined`, clears back to the default) a generation param. Typing coalesces. */
  setParam(nodeId: NodeId, name: string, value: ParamValue | undefined): CommandResult;
  /** Prompt node text, or the prompt typed into a generation node. Typing coalesces into one step. */
  setPromptText(nodeId: NodeId, text: string): CommandResult;
  /** Image/Video source node: URL or local asset hash (the other one is cleared). */
  setMedia(nodeId: NodeId, media: MediaSource): CommandResult;
  /** Switches the model: keeps the prompt and every param the new model accepts, drops the others. */
  setEndpoint(nodeId: NodeId, endpoint: EndpointId): CommandResult<{ dropped: string[] }>;
  /** Copies the nodes (offset), their inner edges and the edges feeding them; selects the copies. */
  duplicate(ids: readonly NodeId[]): NodeId[];
  /** Inserts a fragment with fresh ids, its top-left corner at `position`; selects it. */
  paste(fragment: Fragment, position: Position): NodeId[];
  renameWorkflow(name: string): void;
  /**
   * A run made a new take of the node: it becomes the chosen one (data.take) with no undo step of
   * its own (the run is not an edit; undoing the user's last edit must not first undo this).
   */
  recordTakeChoice(nodeId: NodeId, choice: TakeChoice): void;
  /** Loads another document: clears history and selection (not undoable). */
  replaceDocument(workflow: Workflow, opts?: { workflowId?: WorkflowId | null }): void;

  undo(): boolean;
  redo(): boolean;
  /** Ends the current typing burst so the next keystroke starts a new undo step (e.g. on blur). */
  breakCoalescing(): void;

  setSelection(sel: Partial<Selection>): void;
  selectAll(): void;
  clearSelection(): void;
}

export type EditorState = EditorData & EditorCommands;
export type EditorStore = StoreApi<EditorState>;

/** Where the editor looks up node kinds, models and connection rules (the registry by default). */
export interface EditorDeps {
  getDefinition(kind: NodeKind): NodeDefinition;
  findAdapter(endpoint: string): ModelAdapter | undefined;
  defaultAdapter(kind: GenerationKind): ModelAdapter;
  checkConnection(workflow: Workflow, req: ConnectRequest): { ok: true } | { ok: false; reason: string };
}

export interface EditorOptions {
  /** Initial document; an empty untitled workflow when absent. */
  doc?: Workflow;
  workflowId?: WorkflowId | null;
  deps?: Partial<EditorDeps>;
  /** Undo depth kept (oldest steps dropped). Default 200. */
  historyLimit?: number;
  /** Edits of the same command on the same target within this many ms merge. Default 1000. */
  coalesceMs?: number;
  /** Injected clock (tests). */
  now?: () => number;
}

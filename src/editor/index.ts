/**
 * Reelflow editor: the open workflow document, its selection and its undo history.
 *
 * ── Store ───────────────────────────────────────────────────────────────────────────
 *   const store = createEditorStore({ doc?, workflowId?, deps?, historyLimit?, coalesceMs?, now? });
 *   // vanilla zustand 5 store; in React: useStore(store, selector) from "zustand"
 *
 *   State (EditorState = EditorData & EditorCommands):
 *     doc: Workflow            the document, exactly what is saved; frozen; unchanged nodes keep identity
 *     workflowId: WorkflowId | null   repository id of the open workflow (set by replaceDocument)
 *     selection: { nodes: NodeId[]; edges: EdgeId[] }   not in history
 *     history: { canUndo, canRedo, undoLabel, redoLabel, depth }
 *     revision: number         +1 on every change of doc (autosave watches it)
 *
 *   Commands (each one undoable step, with a label such as "Edit prompt"):
 *     addNode(kind, position, data?) → NodeId        generation kinds: default model + its param defaults; selects it
 *     removeNodes(ids) / removeEdges(ids) / deleteSelection()   nodes go with their edges
 *     dragNodes(moves)   live positions during a drag, NOT recorded
 *     moveNodes(moves)   drag end: one step back to where the drag started
 *     connect({source, sourceHandle, target, targetHandle}) → {ok:true, value: EdgeId} | {ok:false, reason}
 *                        one edge per input: replaces the old edge in the same step; refusals come from
 *                        src/nodes/connect.ts checkConnection, in words to show the user
 *     disconnect(edgeIds)
 *     setParam(nodeId, name, value | undefined) → CommandResult     typing coalesces (same node+param, ~1 s)
 *     setPromptText(nodeId, text) → CommandResult   prompt node text, or a generation node's typed prompt
 *                                                   (data.params.prompt); typing coalesces
 *     setMedia(nodeId, { url?, asset? }) → CommandResult   image/video nodes; bad URLs refused (doc stays loadable)
 *     setEndpoint(nodeId, endpoint) → CommandResult<{ dropped: string[] }>  keeps prompt + accepted params
 *     duplicate(ids) → NodeId[]       copies + inner edges + edges feeding them; selects copies
 *     paste(fragment, position) → NodeId[]   fresh ids, top-left at position; selects them
 *     renameWorkflow(name)            coalesces while typing
 *     chooseTake(nodeId, take) → CommandResult   data.take + the take's model, params, typed prompt (take-commands.ts)
 *     setPinned(nodeId, pinned, take?) → CommandResult   pinning needs data.take or `take` (set in the same step)
 *     recordTakeChoice(nodeId, { key, variant })   a run's new take becomes data.take: NOT recorded in history
 *     replaceDocument(workflow, { workflowId? })   loading: clears history + selection (not undoable)
 *     undo() / redo() → boolean;  breakCoalescing()  (call on blur so the next typing is a new step)
 *     setSelection({nodes?, edges?}) / selectAll() / clearSelection()
 *
 *   Refused commands change nothing and return { ok: false, reason } (never throw for user input).
 *
 * ── Selectors (selectors.ts) ────────────────────────────────────────────────────────
 *   selectDoc, selectNodes, selectEdges, selectWorkflowName, selectSelection, selectHistory,
 *   selectRevision, selectNode(id), selectIsNodeSelected(id), selectIsEdgeSelected(id),
 *   selectIncomingEdges(id)   (all return stable references while nothing changed)
 *
 * ── Clipboard (clipboard.ts) ────────────────────────────────────────────────────────
 *   serializeFragment(doc, nodeIds) → string | null   a `reelflow/workflow` JSON of the nodes + inner edges
 *   parseFragment(text) → { ok: true, fragment } | { ok: false, errors }   via parseWorkflowText
 *   looksLikeFragment(text) → boolean
 *
 * ── Autosave (autosave.ts) ──────────────────────────────────────────────────────────
 *   connectAutosave(store, save, { delayMs? }) → { flush(), dispose() }
 *     calls save(workflowId, doc) at most once per delay after changes (never for workflowId null)
 *
 * ── Helpers ─────────────────────────────────────────────────────────────────────────
 *   emptyWorkflow(name?), nodeById(doc, id), edgeInto(doc, target, handle), NODE_ID_PREFIX,
 *   specAccepts(spec, value), defaultParams(adapter), paramsForModel(adapter, params, ports)
 */
export { createEditorStore } from "./store";
export * from "./types";
export * from "./selectors";
export { serializeFragment, parseFragment, looksLikeFragment, type FragmentParse } from "./clipboard";
export { connectAutosave, type Autosave, type AutosaveOptions } from "./autosave";
export { emptyWorkflow, nodeById, edgeInto } from "./document";
export { NODE_ID_PREFIX } from "./ids";
export { specAccepts, defaultParams, paramsForModel } from "./params";
export { defaultEditorDeps } from "./deps";
export type { TakeCommands } from "./take-commands";

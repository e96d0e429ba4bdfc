import type { EdgeId, NodeId } from "../domain/ids";
import { isGenerationKind, isGenerationNode, type Params, type Workflow, type WorkflowNode } from "../domain/workflow";
import { MEDIA_URL, MEDIA_URL_MESSAGE } from "../domain/schema";
import { nodeById } from "./document";
import { extractFragment, placeFragment, topLeft } from "./fragment";
import { NodeIdAllocator, edgeIdFor } from "./ids";
import { defaultParams, paramsForModel } from "./params";
import type { InputPortSpec, ModelAdapter } from "../nodes/types";
import type { CommandName, CommandResult, EditorCommands, EditorDeps, Selection } from "./types";

export interface CommitMeta<R = unknown> {
  command: CommandName;
  label: string;
  /** Set for edits that coalesce (typing): same command + same target within the window merge. */
  target?: string | null;
  /** Selection to show after the step, from the recipe's result. */
  select?: (out: R) => Selection | undefined;
}

export interface CommandContext {
  get(): Workflow;
  selection(): Selection;
  commit<R>(meta: CommitMeta<R>, recipe: (draft: Workflow) => R): R;
  deps: EditorDeps;
}

/**
 * The edges into a node that its new model has no place for: into a port the model does not have, or beyond
 * the first into a port that takes one. `words` says what went, by the port's name under the old model, for the
 * `dropped` note ("the End frame connection", "2 Reference images connections").
 */
function edgesTheModelLacks(
  doc: Workflow,
  nodeId: NodeId,
  before: Readonly<Record<string, InputPortSpec>>,
  inputs: Readonly<Record<string, InputPortSpec>>,
): { ids: Set<EdgeId>; words: string[] } {
  const byHandle = new Map<string, EdgeId[]>();
  for (const e of doc.edges) {
    if (e.target === nodeId) byHandle.set(e.targetHandle, [...(byHandle.get(e.targetHandle) ?? []), e.id]);
  }
  const ids = new Set<EdgeId>();
  const words: string[] = [];
  for (const [handle, edges] of byHandle) {
    const spec = inputs[handle];
    const gone = !spec ? edges : spec.multiple ? [] : edges.slice(1);
    if (gone.length === 0) continue;
    for (const id of gone) ids.add(id);
    const name = before[handle]?.label ?? handle;
    words.push(gone.length === 1 ? `the ${name} connection` : `${gone.length} ${name} connections`);
  }
  return { ids, words };
}

/** Where duplicates land relative to their originals. */
const DUPLICATE_OFFSET = 40;

const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value });
const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const noNode = (id: string) => refuse(`There is no node "${id}" in this workflow.`);

type DocumentCommands = Omit<
  EditorCommands,
  | "dragNodes"
  | "moveNodes"
  | "replaceDocument"
  | "undo"
  | "redo"
  | "breakCoalescing"
  | "setSelection"
  | "selectAll"
  | "clearSelection"
  | "chooseTake"
  | "setPinned"
  | "recordTakeChoice"
>;

/** The named edits of a document; each runs as one recorded step through `commit`. */
export function documentCommands(ctx: CommandContext): DocumentCommands {
  return {
    addNode: (...a) => addNode(ctx, ...a),
    removeNodes: (...a) => removeNodes(ctx, ...a),
    removeEdges: (...a) => removeEdges(ctx, ...a),
    deleteSelection: (...a) => deleteSelection(ctx, ...a),
    connect: (...a) => connect(ctx, ...a),
    disconnect: (...a) => disconnect(ctx, ...a),
    setParam: (...a) => setParam(ctx, ...a),
    setPromptText: (...a) => setPromptText(ctx, ...a),
    setMedia: (...a) => setMedia(ctx, ...a),
    setEndpoint: (...a) => setEndpoint(ctx, ...a),
    duplicate: (...a) => duplicate(ctx, ...a),
    paste: (...a) => paste(ctx, ...a),
    renameWorkflow: (...a) => renameWorkflow(ctx, ...a),
  };
}

/** One document command, given the context it runs in. */
type Command<K extends keyof DocumentCommands> = (
  ctx: CommandContext,
  ...args: Parameters<DocumentCommands[K]>
) => ReturnType<DocumentCommands[K]>;

const find = (d: Workflow, id: string) => d.nodes.find((n) => n.id === id);
const titleOf = (deps: EditorDeps, n: WorkflowNode) => deps.getDefinition(n.type).title;
const plural = (n: number, one: string) => (n === 1 ? one : `${n} ${one}s`);

/** A node's input ports: its model's own when the model declares them (as `inputsFor`), else its kind's. */
function inputsOf(deps: EditorDeps, n: WorkflowNode, model?: ModelAdapter): Readonly<Record<string, InputPortSpec>> {
  const adapter = model ?? (isGenerationNode(n) && n.data.endpoint ? deps.findAdapter(n.data.endpoint) : undefined);
  return adapter?.inputs ?? deps.getDefinition(n.type).inputs;
}

function removeGraph(d: Workflow, nodes: ReadonlySet<string>, edges: ReadonlySet<string>) {
  d.nodes = d.nodes.filter((n) => !nodes.has(n.id));
  d.edges = d.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target));
}

const addNode: Command<"addNode"> = (ctx, kind, position, data) => {
  const { deps } = ctx;
  const def = deps.getDefinition(kind);
  return ctx.commit(
    { command: "addNode", label: `Add ${def.title}`, select: (id: NodeId) => ({ nodes: [id], edges: [] }) },
    (d) => {
      const id = new NodeIdAllocator(d).allocate(kind);
      let nodeData: WorkflowNode["data"];
      if (isGenerationKind(kind)) {
        const given = (data ?? {}) as { endpoint?: string; params?: Params };
        const adapter = (given.endpoint && deps.findAdapter(given.endpoint)) || deps.defaultAdapter(kind);
        nodeData = { ...given, endpoint: adapter.endpoint, params: { ...defaultParams(adapter), ...given.params } };
      } else {
        nodeData = data ?? (kind === "prompt" ? { text: "" } : {});
      }
      d.nodes.push({ id, type: kind, position: { x: position.x, y: position.y }, data: nodeData } as WorkflowNode);
      return id;
    },
  );
};

const removeNodes: Command<"removeNodes"> = (ctx, ids) => {
  if (ids.length === 0) return;
  ctx.commit({ command: "removeNodes", label: `Delete ${plural(ids.length, "node")}` }, (d) =>
    removeGraph(d, new Set(ids), new Set()),
  );
};

const removeEdges: Command<"removeEdges"> = (ctx, ids) => {
  if (ids.length === 0) return;
  ctx.commit({ command: "removeEdges", label: `Delete ${plural(ids.length, "connection")}` }, (d) =>
    removeGraph(d, new Set(), new Set(ids)),
  );
};

const deleteSelection: Command<"deleteSelection"> = (ctx) => {
  const sel = ctx.selection();
  if (sel.nodes.length + sel.edges.length === 0) return;
  const label =
    sel.nodes.length > 0
      ? `Delete ${plural(sel.nodes.length, "node")}`
      : `Delete ${plural(sel.edges.length, "connection")}`;
  ctx.commit({ command: "deleteSelection", label }, (d) => removeGraph(d, new Set(sel.nodes), new Set(sel.edges)));
};

const connect: Command<"connect"> = (ctx, req) => {
  const doc = ctx.get();
  if (!nodeById(doc, req.source)) return noNode(req.source);
  const target = nodeById(doc, req.target);
  if (!target) return noNode(req.target);
  const into = doc.edges.filter((e) => e.target === req.target && e.targetHandle === req.targetHandle);
  const same = into.find((e) => e.source === req.source && e.sourceHandle === req.sourceHandle);
  if (same) return ok(same.id);
  // A port that takes several (reference images) gets one more edge; any other input swaps its edge.
  const old = inputsOf(ctx.deps, target)[req.targetHandle]?.multiple ? undefined : into[0];
  // The old edge into this input goes away in the same step, so judge the graph without it.
  const without: Workflow = old ? { ...doc, edges: doc.edges.filter((e) => e !== old) } : doc;
  const verdict = ctx.deps.checkConnection(without, req);
  if (!verdict.ok) return refuse(verdict.reason);
  const id = ctx.commit({ command: "connect", label: old ? "Replace connection" : "Connect" }, (d) => {
    if (old) d.edges = d.edges.filter((e) => e.id !== old.id);
    const { source, sourceHandle, target, targetHandle } = req;
    const edge = { id: edgeIdFor(d, req), source, sourceHandle, target, targetHandle };
    d.edges.push(edge);
    return edge.id;
  });
  return ok(id);
};

const disconnect: Command<"disconnect"> = (ctx, ids) => {
  if (ids.length === 0) return;
  ctx.commit({ command: "disconnect", label: "Disconnect" }, (d) => removeGraph(d, new Set(), new Set(ids)));
};

const setParam: Command<"setParam"> = (ctx, nodeId, name, value) => {
  const { deps } = ctx;
  const node = nodeById(ctx.get(), nodeId);
  if (!node) return noNode(nodeId);
  if (!isGenerationNode(node)) return refuse(`${titleOf(deps, node)} node "${nodeId}" has no model parameters.`);
  const adapter = node.data.endpoint ? deps.findAdapter(node.data.endpoint) : undefined;
  const ports = Object.keys(inputsOf(deps, node, adapter));
  if (typeof value === "number" && !Number.isFinite(value))
    return refuse(`${name} of node "${nodeId}" must be a finite number, got ${value}.`);
  if (adapter && !ports.includes(name) && !adapter.params.some((p) => p.name === name))
    return refuse(`${adapter.label} has no parameter "${name}" (node "${nodeId}").`);
  ctx.commit({ command: "setParam", label: `Change ${name}`, target: `${nodeId}:${name}` }, (d) => {
    const n = find(d, nodeId);
    if (!n || !isGenerationNode(n)) return;
    const params = (n.data.params ??= {});
    if (value === undefined) delete params[name];
    else params[name] = value;
  });
  return ok(undefined);
};

const setPromptText: Command<"setPromptText"> = (ctx, nodeId, text) => {
  const node = nodeById(ctx.get(), nodeId);
  if (!node) return noNode(nodeId);
  if (node.type !== "prompt" && !isGenerationNode(node)) {
    return refuse(`${titleOf(ctx.deps, node)} node "${nodeId}" has no prompt.`);
  }
  ctx.commit({ command: "setPromptText", label: "Edit prompt", target: nodeId }, (d) => {
    const n = find(d, nodeId);
    if (n?.type === "prompt") n.data.text = text;
    else if (n && isGenerationNode(n)) (n.data.params ??= {}).prompt = text;
  });
  return ok(undefined);
};

const setMedia: Command<"setMedia"> = (ctx, nodeId, media) => {
  const node = nodeById(ctx.get(), nodeId);
  if (!node) return noNode(nodeId);
  if (node.type !== "image" && node.type !== "video") {
    return refuse(`${titleOf(ctx.deps, node)} node "${nodeId}" holds no media.`);
  }
  // The document must always stay loadable (autosave stores it), so a bad URL is refused here.
  if (media.url !== undefined && media.url !== "" && !MEDIA_URL.test(media.url))
    return refuse(`The ${node.type} URL of node "${nodeId}" ${MEDIA_URL_MESSAGE}.`);
  if (media.url === "") media = { ...media, url: undefined };
  if (media.asset === "") media = { ...media, asset: undefined };
  ctx.commit({ command: "setMedia", label: `Set ${node.type}`, target: nodeId }, (d) => {
    const n = find(d, nodeId);
    if (n?.type !== "image" && n?.type !== "video") return;
    if (media.url !== undefined) n.data.url = media.url;
    else delete n.data.url;
    if (media.asset !== undefined) n.data.asset = media.asset;
    else delete n.data.asset;
  });
  return ok(undefined);
};

const setEndpoint: Command<"setEndpoint"> = (ctx, nodeId, endpoint) => {
  const { deps } = ctx;
  const node = nodeById(ctx.get(), nodeId);
  if (!node) return noNode(nodeId);
  if (!isGenerationNode(node)) return refuse(`${titleOf(deps, node)} node "${nodeId}" has no model.`);
  const adapter = deps.findAdapter(endpoint);
  if (!adapter) return refuse(`Unknown model endpoint "${endpoint}".`);
  if (adapter.kind !== node.type) {
    const kindTitle = deps.getDefinition(adapter.kind).title;
    return refuse(`${adapter.label} is a ${kindTitle} model; node "${nodeId}" is ${titleOf(deps, node)}.`);
  }
  const inputs = inputsOf(deps, node, adapter);
  const { params, dropped } = paramsForModel(adapter, node.data.params ?? {}, Object.keys(inputs));
  const unwired = edgesTheModelLacks(ctx.get(), nodeId, inputsOf(deps, node), inputs);
  ctx.commit({ command: "setEndpoint", label: `Change model to ${adapter.label}` }, (d) => {
    const n = find(d, nodeId);
    if (!n || !isGenerationNode(n)) return;
    n.data.endpoint = adapter.endpoint;
    n.data.params = params;
    if (unwired.ids.size > 0) d.edges = d.edges.filter((e) => !unwired.ids.has(e.id));
  });
  return ok({ dropped: [...dropped, ...unwired.words] });
};

const duplicate: Command<"duplicate"> = (ctx, ids) => {
  const doc = ctx.get();
  const fragment = extractFragment(doc, ids);
  if (fragment.nodes.length === 0) return [];
  const origin = topLeft(fragment.nodes);
  return ctx.commit(
    {
      command: "duplicate",
      label: `Duplicate ${plural(fragment.nodes.length, "node")}`,
      select: (nodes: NodeId[]) => ({ nodes, edges: [] }),
    },
    (d) => {
      const placed = placeFragment(d, fragment, { x: origin.x + DUPLICATE_OFFSET, y: origin.y + DUPLICATE_OFFSET });
      // Copies stay fed by the same upstream nodes: duplicating a generation node to try
      // another model keeps its prompt wired.
      const copied = new Set<string>(ids);
      for (const e of doc.edges) {
        const target = placed.idMap.get(e.target);
        if (!target || copied.has(e.source)) continue;
        const edge = { ...e, target };
        d.edges.push({ ...edge, id: edgeIdFor(d, edge) });
      }
      return placed.nodeIds;
    },
  );
};

const paste: Command<"paste"> = (ctx, fragment, position) => {
  if (fragment.nodes.length === 0) return [];
  return ctx.commit(
    {
      command: "paste",
      label: `Paste ${plural(fragment.nodes.length, "node")}`,
      select: (p: { nodes: NodeId[]; edges: EdgeId[] }) => p,
    },
    (d) => {
      const placed = placeFragment(d, fragment, position);
      return { nodes: placed.nodeIds, edges: placed.edgeIds };
    },
  ).nodes;
};

const renameWorkflow: Command<"renameWorkflow"> = (ctx, name) => {
  ctx.commit({ command: "renameWorkflow", label: "Rename workflow", target: "name" }, (d) => {
    d.name = name;
  });
};

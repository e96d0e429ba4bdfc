import type { CacheKey, EdgeId, EndpointId, NodeId } from "../domain/ids";
import type { GenerationKind, GenerationNode, Params, SourceKind, Workflow, WorkflowEdge, WorkflowNode } from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { adapterForNode, getDefinition, inputsFor } from "../nodes/registry";
import { effectiveParams } from "../nodes/params";
import type { InputHandle } from "../nodes/ports";
import type { InputPortSpec, ModelAdapter, NodeDefinition, Price } from "../nodes/types";
import type { MediaRef } from "./cache-key";
import { cacheKeyFor, inputSlot, mediaKey, mediaRefOf, schemaKeyParams, takeKeyFor, textKey } from "./cache-key";
import type { Digraph } from "./graph";
import { findCycles, topoSort, withAncestors } from "./graph";
import { upstreamPairs, type Upstream } from "./upstream";
import { describeNode, edgeProblem, isInputHandle, nodeProblems, textParam } from "./plan-checks";

export type { Upstream } from "./upstream";

/**
 * Planning turns a workflow into exactly what will be run, or into every reason it cannot be run.
 * It checks the whole graph before anything is sent: a plan either exists and is runnable, or
 * the user gets all problems at once (not one per attempt, each after paying for the others).
 */

export interface PlanError { nodeId?: NodeId; edgeId?: EdgeId; message: string }

export type SourceValue =
  | { kind: "text"; text: string }
  | { kind: "media"; media: MediaRef };

export interface PlannedSource {
  role: "source";
  id: NodeId;
  kind: SourceKind;
  title: string;
  key: CacheKey;
  value: SourceValue;
}

export interface PlannedGeneration {
  role: "generation";
  id: NodeId;
  kind: GenerationKind;
  title: string;
  adapter: ModelAdapter;
  endpoint: EndpointId;
  /** Declared params with defaults filled (what the request is built from). */
  params: Params;
  /** Input handle → the nodes feeding it (several only on a `multiple` port, in edge order). */
  upstream: Upstream;
  /** Text typed into the node for text ports with no edge. */
  typed: Readonly<{ prompt?: string }>;
  /** A downstream node (anywhere in the workflow, not only in this plan) needs this output's Sora video id. */
  feedsRemix: boolean;
  /** Seconds of video this node makes, when known before running (remix: its source's). */
  durationSec: number | null;
  price: Price;
  /**
   * The key this node's result is looked up and stored under, and what downstream keys are made
   * from: the pinned or chosen take's key, a new take's key, or else `contentKey`.
   */
  key: CacheKey;
  /** Key of the node's current content (endpoint, params, inputs): what a plain run would make. */
  contentKey: CacheKey;
  /** Salt of `key` over `contentKey` ("" when `key` is the content key or a take's own key made with none). */
  variant: string;
  /** Served only from the cache, never run (downstream gets the pinned take). */
  pinned: boolean;
  /** Pinned, and its take was made from other content than the node has now (inputs or params edited since). */
  stale: boolean;
  /** A deliberate new take of unchanged content: a fresh variant, so a cache miss, paid on purpose. */
  newTake: boolean;
}

/** How a generation node's key was chosen (see planWorkflow). */
type KeyChoice = Pick<PlannedGeneration, "key" | "contentKey" | "variant" | "pinned" | "stale" | "newTake">;

export type PlannedNode = PlannedSource | PlannedGeneration;

export interface Plan {
  workflowName: string;
  /** Topological order (ties in file order). Contains only the nodes this run needs. */
  order: NodeId[];
  nodes: ReadonlyMap<NodeId, PlannedNode>;
  /** Node → the planned nodes that take its output. */
  children: ReadonlyMap<NodeId, readonly NodeId[]>;
  /** Sum of the prices of all generation nodes, before looking at the cache. */
  estimate: { usd: number; upperBound: boolean; unknownPriceNodes: NodeId[] };
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: PlanError[] };

export interface PlanOptions {
  /** "Run this node" / "Run up to here": plan only these nodes and what they depend on. */
  targets?: readonly NodeId[];
  /** "New take": node → a fresh variant (e.g. crypto.randomUUID()) making its key new, so it runs and is paid for again. */
  newTakes?: Readonly<Record<NodeId, string>>;
  /** Nodes to plan as if they fed a Sora remix (a sweep's clones keep their original's `feedsRemix`). */
  alsoFeedsRemix?: readonly NodeId[];
}

export async function planWorkflow(workflow: Workflow, opts: PlanOptions = {}): Promise<PlanResult> {
  const errors: PlanError[] = [];
  const byId = new Map<NodeId, WorkflowNode>();
  for (const n of workflow.nodes) {
    if (byId.has(n.id)) errors.push({ nodeId: n.id, message: `Two nodes share the id "${n.id}"; every node needs its own id` });
    byId.set(n.id, n);
  }
  const defOf = (n: WorkflowNode) => getDefinition(n.type) as NodeDefinition;

  // Each generation node's model first: its input ports (a model may declare its own) decide which edges
  // are valid, and remix checks look at their upstream's model.
  const lookups = new Map<NodeId, ReturnType<typeof adapterForNode>>();
  for (const n of workflow.nodes) if (isGenerationNode(n)) lookups.set(n.id, adapterForNode(n));
  const adapters = new Map<NodeId, ModelAdapter>();
  for (const [id, found] of lookups) if (found.ok) adapters.set(id, found.adapter);
  const inputsOf = (n: WorkflowNode): Readonly<Record<string, InputPortSpec>> => inputsFor(n.type, adapters.get(n.id));

  // Edges: each must join real ports of compatible types, one edge per input (several on a `multiple` port).
  const validEdges: WorkflowEdge[] = [];
  const edgesInto = new Map<string, WorkflowEdge[]>(); // "node\0port" → every edge aiming at it, valid or not
  for (const e of workflow.edges) {
    const slot = `${e.target}\u0000${e.targetHandle}`;
    edgesInto.set(slot, [...(edgesInto.get(slot) ?? []), e]);
    const problem = edgeProblem(e, byId, defOf, inputsOf, (n) => adapters.get(n.id));
    if (problem) errors.push({ edgeId: e.id, nodeId: byId.has(e.target) ? e.target : undefined, message: problem });
    else validEdges.push(e);
  }
  for (const [slot, list] of edgesInto) {
    if (list.length < 2) continue;
    const [target, port] = slot.split("\u0000") as [NodeId, string];
    const node = byId.get(target);
    if (!node || inputsOf(node)[port]?.multiple === true) continue;
    errors.push({
      nodeId: target,
      edgeId: list[1]?.id,
      message: `${describeNode(defOf(node), target)}: the ${port} input has ${list.length} connections (${list.map((e) => e.id).join(", ")}); an input takes one`,
    });
  }

  const order = workflow.nodes.map((n) => n.id);
  const out = new Map<NodeId, NodeId[]>();
  for (const e of validEdges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const graph: Digraph = { order, out };

  const targets = (opts.targets ?? []).filter((t) => byId.has(t));
  const included = opts.targets ? withAncestors(graph, targets) : new Set(order);
  const isPinned = (id: NodeId) => {
    const n = byId.get(id);
    return n !== undefined && isGenerationNode(n) && n.data.pinned === true && n.data.take !== undefined;
  };
  // What the run needs: its targets ("Run all": the nodes nothing takes from) and their ancestors,
  // not walking past pinned nodes, which never run. The rest of `included` feeds only pinned nodes:
  // it is keyed to tell whether a pinned take is stale, but its errors do not block the run, and an
  // invalid node there (with what depends on it, up to the pinned nodes) is left out. "Run all" still
  // runs the valid rest of it; a targeted run runs none of it.
  const ends = order.filter((id) => (out.get(id) ?? []).length === 0);
  const needed = withAncestors(graph, opts.targets ? targets : ends, isPinned);
  const feedsPinnedOnly = (id: NodeId) => included.has(id) && !needed.has(id);
  const scoped: Digraph = { order: order.filter((id) => included.has(id)), out };

  // Which input of which node takes which upstreams (valid edges only, in file order).
  const feeding = new Map<NodeId, Partial<Record<InputHandle, NodeId[]>>>();
  for (const e of validEdges) {
    if (!isInputHandle(e.targetHandle)) continue;
    const into = feeding.get(e.target) ?? {};
    into[e.targetHandle] = [...(into[e.targetHandle] ?? []), e.source];
    feeding.set(e.target, into);
  }

  for (const [id, found] of lookups) {
    const n = byId.get(id) as WorkflowNode;
    if (found.ok || !included.has(id)) continue;
    errors.push({ nodeId: id, message: `${describeNode(defOf(n), id)}: ${found.reason}` });
  }

  for (const id of scoped.order) {
    const n = byId.get(id) as WorkflowNode;
    errors.push(...nodeProblems(n, defOf(n), inputsOf(n), feeding.get(id) ?? {}, edgesInto, adapters, byId, defOf));
    if (isGenerationNode(n) && n.data.pinned === true && n.data.take === undefined) {
      errors.push({ nodeId: id, message: `${describeNode(defOf(n), id)}: pinned, but it has no take yet: run it once or unpin it` });
    }
  }

  // Each error belongs to a node (an edge's: its target, or its source when the target is missing).
  // Errors outside what this run includes do not block it ("Run this node" on a half-built graph).
  const edgeById = new Map(workflow.edges.map((e) => [e.id, e] as const));
  const ownerOf = (er: PlanError): NodeId | undefined => er.nodeId ?? (er.edgeId ? edgeById.get(er.edgeId)?.source : undefined);
  const unusable = new Set<NodeId>();
  const blocking: PlanError[] = [];
  for (const er of errors) {
    const owner = ownerOf(er);
    if (owner === undefined || needed.has(owner)) blocking.push(er);
    else if (feedsPinnedOnly(owner)) unusable.add(owner);
  }
  // What depends on an unusable node cannot run either, except a pinned node (it keeps its take, stale).
  const spread = [...unusable];
  for (let id = spread.pop(); id !== undefined; id = spread.pop()) {
    for (const c of out.get(id) ?? []) {
      if (feedsPinnedOnly(c) && !isPinned(c) && !unusable.has(c)) {
        unusable.add(c);
        spread.push(c);
      }
    }
  }
  for (const t of opts.targets ?? []) if (!byId.has(t)) blocking.push({ nodeId: t, message: `There is no node "${t}" to run` });
  for (const cycle of findCycles(scoped)) {
    const first = cycle[0] as NodeId;
    blocking.push({ nodeId: first, message: `Cycle: ${[...cycle, first].join(" → ")}` });
  }

  if (blocking.length > 0) return { ok: false, errors: blocking };

  const sorted = topoSort(scoped).sorted.filter((id) => !unusable.has(id));
  const feedsSoraRemix = new Set<NodeId>();
  for (const e of workflow.edges) {
    if (e.targetHandle === "video" && adapters.get(e.target)?.videoInput?.kind === "sora-video-id") feedsSoraRemix.add(e.source);
  }
  for (const id of opts.alsoFeedsRemix ?? []) feedsSoraRemix.add(id);

  // Keys are hashed concurrently, each node waiting only for its own upstream keys: hashing is
  // asynchronous (Web Crypto), and doing it one node after another makes big graphs plan slowly.
  const keys = new Map<NodeId, Promise<CacheKey>>();
  const choices = new Map<NodeId, Promise<KeyChoice>>();
  const drafts = new Map<NodeId, Omit<PlannedGeneration, keyof KeyChoice> | Omit<PlannedSource, "key">>();
  const children = new Map<NodeId, NodeId[]>();
  for (const id of sorted) {
    const n = byId.get(id) as WorkflowNode;
    const def = defOf(n);
    if (!isGenerationNode(n)) {
      const { draft, key } = planSource(n, def);
      drafts.set(id, draft);
      keys.set(id, key);
      continue;
    }
    const adapter = adapters.get(id) as ModelAdapter;
    const upstream: Upstream = feeding.get(id) ?? {};
    const feeders = new Set(upstreamPairs(upstream).map(([, up]) => up));
    for (const up of feeders) children.set(up, [...(children.get(up) ?? []), id]);
    const typedPrompt = upstream.prompt ? undefined : textParam(n.data.params, "prompt");
    const params = effectiveParams(adapter, n.data.params ?? {});
    const feedsRemix = feedsSoraRemix.has(id);
    const videoFrom = upstream.video?.[0];
    const sourceUp = videoFrom ? drafts.get(videoFrom) : undefined;
    const sourceDurationSec = sourceUp?.role === "generation" ? sourceUp.durationSec : null;
    const ownDuration = secondsOf(params.duration);
    drafts.set(id, {
      role: "generation",
      id,
      kind: n.type,
      title: def.title,
      adapter,
      endpoint: adapter.endpoint,
      params,
      upstream,
      typed: typedPrompt !== undefined ? { prompt: typedPrompt } : {},
      feedsRemix,
      durationSec: ownDuration ?? sourceDurationSec,
      price: adapter.price(params, { sourceDurationSec }),
    });
    const choice = (async () => {
      const { inputs, unkeyable } = await upstreamKeys(upstream, inputsOf(n), keys);
      if (typedPrompt !== undefined) inputs.prompt = await textKey(typedPrompt);
      // A schema-read model's params are keyed in one form, whether its adapter came from the snapshot or fal.
      const keyParams = adapter.origin?.kind === "schema" ? schemaKeyParams(params) : params;
      const contentKey = await cacheKeyFor({
        kind: n.type, endpoint: adapter.endpoint, params: keyParams, inputs, feedsRemix,
      });
      const chosen = await chooseKey(n, contentKey, opts.newTakes?.[id]);
      return unkeyable && chosen.pinned ? { ...chosen, stale: true } : chosen;
    })();
    choices.set(id, choice);
    keys.set(id, choice.then((c) => c.key));
  }
  const nodes = new Map<NodeId, PlannedNode>();
  for (const id of sorted) {
    const draft = drafts.get(id) as PlannedNode;
    const choice = choices.get(id);
    nodes.set(id, (choice ? { ...draft, ...(await choice) } : { ...draft, key: await (keys.get(id) as Promise<CacheKey>) }) as PlannedNode);
  }
  // Nodes that only feed pinned nodes were keyed above (staleness); a targeted run leaves them out,
  // "Run all" keeps the usable ones (it runs every node that can run).
  const inRun = (id: NodeId) => (opts.targets ? needed.has(id) : !unusable.has(id));
  const runOrder = sorted.filter(inRun);
  for (const id of sorted) if (!inRun(id)) nodes.delete(id);
  for (const [id, list] of children) {
    if (!inRun(id)) children.delete(id);
    else children.set(id, list.filter(inRun));
  }

  return { ok: true, plan: { workflowName: workflow.name, order: runOrder, nodes, children, estimate: estimateOf(nodes) } };
}

/**
 * The keys of what feeds a node, by input slot: a port that takes one edge under its handle (so keys made
 * before ports could take several are unchanged), a `multiple` port one slot per position (`images#0`,
 * `images#1`, …), so reordering its edges changes the key. Only a pinned node can have an unusable upstream
 * (see `unusable`); its content cannot be keyed then: the key is made without that input (no real run has
 * such a key) and `unkeyable` says so, making the pinned take stale.
 */
async function upstreamKeys(
  upstream: Upstream,
  specs: Readonly<Record<string, InputPortSpec>>,
  keys: ReadonlyMap<NodeId, Promise<CacheKey>>,
): Promise<{ inputs: Record<string, CacheKey>; unkeyable: boolean }> {
  const inputs: Record<string, CacheKey> = {};
  let unkeyable = false;
  for (const [handle, ids] of Object.entries(upstream) as [InputHandle, readonly NodeId[]][]) {
    const multiple = specs[handle]?.multiple === true;
    for (const [i, up] of ids.entries()) {
      const upKey = keys.get(up);
      if (upKey) inputs[multiple ? inputSlot(handle, i) : handle] = await upKey;
      else unkeyable = true;
    }
  }
  return { inputs, unkeyable };
}

/**
 * Which key a generation node runs under (issue 9 rules, in this order):
 * 1. pinned with a take: the take's key, whatever the node's content is now (stale when it differs);
 * 2. a new take asked for: a fresh variant of the content key (a miss, paid on purpose);
 * 3. a chosen take that still matches the content: the take's key;
 * 4. otherwise the content key (an unpinned node whose inputs or params changed runs again).
 */
async function chooseKey(n: GenerationNode, contentKey: CacheKey, newTakeVariant: string | undefined): Promise<KeyChoice> {
  const take = n.data.take;
  const plain = { contentKey, pinned: false, stale: false, newTake: false };
  if (n.data.pinned === true && take) {
    const variant = take.variant ?? "";
    return { ...plain, key: take.key, variant, pinned: true, stale: (await takeKeyFor(contentKey, variant)) !== take.key };
  }
  if (newTakeVariant !== undefined && newTakeVariant !== "") {
    return { ...plain, key: await takeKeyFor(contentKey, newTakeVariant), variant: newTakeVariant, newTake: true };
  }
  if (take) {
    const variant = take.variant ?? "";
    if ((await takeKeyFor(contentKey, variant)) === take.key) return { ...plain, key: take.key, variant };
  }
  return { ...plain, key: contentKey, variant: "" };
}


function planSource(n: Exclude<WorkflowNode, GenerationNode>, def: NodeDefinition): { draft: Omit<PlannedSource, "key">; key: Promise<CacheKey> } {
  const base = { role: "source" as const, id: n.id, kind: n.type, title: def.title };
  if (n.type === "prompt") return { draft: { ...base, value: { kind: "text", text: n.data.text } }, key: textKey(n.data.text) };
  const media = mediaRefOf(n.data) as MediaRef; // validated above
  return { draft: { ...base, value: { kind: "media", media } }, key: mediaKey(media) };
}

/** Some models take `duration` as a number (Sora), others as a string ("5", "8s"). */
function secondsOf(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 ? v : null;
  if (typeof v !== "string") return null;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function estimateOf(nodes: ReadonlyMap<NodeId, PlannedNode>): Plan["estimate"] {
  let usd = 0;
  let upperBound = false;
  const unknownPriceNodes: NodeId[] = [];
  for (const n of nodes.values()) {
    if (n.role !== "generation" || n.pinned) continue; // a pinned node is never paid for
    if (n.price.usd === null) unknownPriceNodes.push(n.id);
    else usd += n.price.usd;
    upperBound ||= n.price.upperBound;
  }
  return { usd: Math.round(usd * 1000) / 1000, upperBound, unknownPriceNodes };
}


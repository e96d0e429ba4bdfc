import type { CacheKey, EdgeId, EndpointId, NodeId } from "../domain/ids";
import type {
  GenerationKind,
  GenerationNode,
  NodeKind,
  Params,
  SourceKind,
  Workflow,
  WorkflowEdge,
  WorkflowNode,
} from "../domain/workflow";
import { isGenerationNode } from "../domain/workflow";
import { adapterForNode, getDefinition, inputsFor } from "../nodes/registry";
import { effectiveParams } from "../nodes/params";
import type { InputHandle } from "../nodes/ports";
import type { InputPortSpec, ModelAdapter, NodeDefinition, Price } from "../nodes/types";
import type { MediaRef } from "./cache-key";
import { cacheKeyFor, inputSlot, mediaKey, mediaRefOf, schemaKeyParams, takeKeyFor, textKey } from "./cache-key";
import { topoSort } from "./graph";
import { upstreamPairs, type Upstream } from "./upstream";
import { describeNode, edgeProblem, isInputHandle, nodeProblems, textParam } from "./plan-checks";
import { runWideErrors, scopeRun, triageErrors, type RunScope } from "./plan-scope";

export type { Upstream } from "./upstream";

/**
 * Planning turns a workflow into exactly what will be run, or into every reason it cannot be run.
 * It checks the whole graph before anything is sent: a plan either exists and is runnable, or
 * the user gets all problems at once (not one per attempt, each after paying for the others).
 */

export interface PlanError {
  nodeId?: NodeId;
  edgeId?: EdgeId;
  message: string;
}

export type SourceValue = { kind: "text"; text: string } | { kind: "media"; media: MediaRef };

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
  const known = knowNodes(workflow, errors);
  const edges = checkEdges(workflow.edges, known, errors);
  const scope = scopeRun(workflow, known.byId, edges.valid, opts.targets);
  errors.push(...problemsOfNodes(known, scope, edges));
  const { blocking, unusable } = triageErrors(errors, workflow.edges, scope);
  blocking.push(...runWideErrors(known.byId, opts.targets, scope));
  if (blocking.length > 0) return { ok: false, errors: blocking };

  const sorted = topoSort(scope.scoped).sorted.filter((id) => !unusable.has(id));
  const feedsSoraRemix = soraRemixFeeders(workflow.edges, known.adapters, opts.alsoFeedsRemix);
  const planned = await planNodes(sorted, known, edges.feeding, feedsSoraRemix, opts.newTakes);
  // Nodes that only feed pinned nodes were keyed above (staleness); a targeted run leaves them out,
  // "Run all" keeps the usable ones (it runs every node that can run).
  const inRun = (id: NodeId) => (opts.targets ? scope.needed.has(id) : !unusable.has(id));
  const { nodes, children } = keepInRun(sorted, planned, inRun);
  return {
    ok: true,
    plan: { workflowName: workflow.name, order: sorted.filter(inRun), nodes, children, estimate: estimateOf(nodes) },
  };
}

/** What planning knows of each node: the node by id, its definition, its model and that model's input ports. */
interface Known {
  byId: Map<NodeId, WorkflowNode>;
  defOf(n: WorkflowNode): NodeDefinition;
  /** Each generation node's model, or why it has none. */
  lookups: ReadonlyMap<NodeId, ReturnType<typeof adapterForNode>>;
  adapters: Map<NodeId, ModelAdapter>;
  inputsOf(n: WorkflowNode): Readonly<Record<string, InputPortSpec>>;
}

function knowNodes(workflow: Workflow, errors: PlanError[]): Known {
  const byId = new Map<NodeId, WorkflowNode>();
  for (const n of workflow.nodes) {
    if (byId.has(n.id))
      errors.push({ nodeId: n.id, message: `Two nodes share the id "${n.id}"; every node needs its own id` });
    byId.set(n.id, n);
  }
  // Each generation node's model first: its input ports (a model may declare its own) decide which edges
  // are valid, and remix checks look at their upstream's model.
  const lookups = new Map<NodeId, ReturnType<typeof adapterForNode>>();
  for (const n of workflow.nodes) if (isGenerationNode(n)) lookups.set(n.id, adapterForNode(n));
  const adapters = new Map<NodeId, ModelAdapter>();
  for (const [id, found] of lookups) if (found.ok) adapters.set(id, found.adapter);
  return {
    byId,
    defOf: (n) => getDefinition<NodeKind>(n.type),
    lookups,
    adapters,
    inputsOf: (n) => inputsFor(n.type, adapters.get(n.id)),
  };
}

interface CheckedEdges {
  valid: WorkflowEdge[];
  /** "node\0port" → every edge aiming at it, valid or not. */
  into: Map<string, WorkflowEdge[]>;
  /** Which input of which node takes which upstreams (valid edges only, in file order). */
  feeding: Map<NodeId, Partial<Record<InputHandle, NodeId[]>>>;
}

/** Each edge must join real ports of compatible types, one edge per input (several on a `multiple` port). */
function checkEdges(edges: readonly WorkflowEdge[], known: Known, errors: PlanError[]): CheckedEdges {
  const { byId, defOf, inputsOf, adapters } = known;
  const valid: WorkflowEdge[] = [];
  const into = new Map<string, WorkflowEdge[]>();
  for (const e of edges) {
    const slot = `${e.target}\u0000${e.targetHandle}`;
    into.set(slot, [...(into.get(slot) ?? []), e]);
    const problem = edgeProblem(e, byId, defOf, inputsOf, (n) => adapters.get(n.id));
    if (problem) errors.push({ edgeId: e.id, nodeId: byId.has(e.target) ? e.target : undefined, message: problem });
    else valid.push(e);
  }
  for (const [slot, list] of into) {
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
  return { valid, into, feeding: feedingOf(valid) };
}

function feedingOf(valid: readonly WorkflowEdge[]): CheckedEdges["feeding"] {
  const feeding: CheckedEdges["feeding"] = new Map();
  for (const e of valid) {
    if (!isInputHandle(e.targetHandle)) continue;
    const into = feeding.get(e.target) ?? {};
    into[e.targetHandle] = [...(into[e.targetHandle] ?? []), e.source];
    feeding.set(e.target, into);
  }
  return feeding;
}

/** A model that could not be found, then each included node's own problems, in file order. */
function problemsOfNodes(known: Known, scope: RunScope, edges: CheckedEdges): PlanError[] {
  const { byId, defOf, inputsOf, adapters } = known;
  const errors: PlanError[] = [];
  for (const [id, found] of known.lookups) {
    const n = byId.get(id) as WorkflowNode;
    if (found.ok || !scope.included.has(id)) continue;
    errors.push({ nodeId: id, message: `${describeNode(defOf(n), id)}: ${found.reason}` });
  }
  for (const id of scope.scoped.order) {
    const n = byId.get(id) as WorkflowNode;
    errors.push(
      ...nodeProblems(n, defOf(n), inputsOf(n), edges.feeding.get(id) ?? {}, edges.into, adapters, byId, defOf),
    );
    if (isGenerationNode(n) && n.data.pinned === true && n.data.take === undefined) {
      errors.push({
        nodeId: id,
        message: `${describeNode(defOf(n), id)}: pinned, but it has no take yet: run it once or unpin it`,
      });
    }
  }
  return errors;
}

/** The nodes whose video a Sora remix reads by its id (and those a sweep says to treat so). */
function soraRemixFeeders(
  edges: readonly WorkflowEdge[],
  adapters: Known["adapters"],
  alsoFeedsRemix: readonly NodeId[] | undefined,
): Set<NodeId> {
  const feeders = new Set<NodeId>();
  for (const e of edges) {
    if (e.targetHandle === "video" && adapters.get(e.target)?.videoInput?.kind === "sora-video-id")
      feeders.add(e.source);
  }
  for (const id of alsoFeedsRemix ?? []) feeders.add(id);
  return feeders;
}

type Draft = Omit<PlannedGeneration, keyof KeyChoice> | Omit<PlannedSource, "key">;

/**
 * Every node of the run, planned and keyed. Keys are hashed concurrently, each node waiting only for its
 * own upstream keys: hashing is asynchronous (Web Crypto), and doing it one node after another makes big
 * graphs plan slowly.
 */
async function planNodes(
  sorted: readonly NodeId[],
  known: Known,
  feeding: CheckedEdges["feeding"],
  feedsSoraRemix: ReadonlySet<NodeId>,
  newTakes: PlanOptions["newTakes"],
): Promise<{ nodes: Map<NodeId, PlannedNode>; children: Map<NodeId, NodeId[]> }> {
  const keys = new Map<NodeId, Promise<CacheKey>>();
  const choices = new Map<NodeId, Promise<KeyChoice>>();
  const drafts = new Map<NodeId, Draft>();
  const children = new Map<NodeId, NodeId[]>();
  for (const id of sorted) {
    const n = known.byId.get(id) as WorkflowNode;
    if (!isGenerationNode(n)) {
      const { draft, key } = planSource(n, known.defOf(n));
      drafts.set(id, draft);
      keys.set(id, key);
      continue;
    }
    const upstream: Upstream = feeding.get(id) ?? {};
    const feeders = new Set(upstreamPairs(upstream).map(([, up]) => up));
    for (const up of feeders) children.set(up, [...(children.get(up) ?? []), id]);
    const draft = draftGeneration(n, known, upstream, feedsSoraRemix.has(id), drafts);
    drafts.set(id, draft);
    const choice = keyGeneration(n, draft, known.inputsOf(n), keys, newTakes?.[id]);
    choices.set(id, choice);
    keys.set(
      id,
      choice.then((c) => c.key),
    );
  }
  const nodes = new Map<NodeId, PlannedNode>();
  for (const id of sorted) {
    const draft = drafts.get(id) as PlannedNode;
    const choice = choices.get(id);
    nodes.set(
      id,
      choice ? { ...draft, ...(await choice) } : { ...draft, key: await (keys.get(id) as Promise<CacheKey>) },
    );
  }
  return { nodes, children };
}

/** A generation node as it will run, all but its key: model, effective params, inputs, length and price. */
function draftGeneration(
  n: GenerationNode,
  known: Known,
  upstream: Upstream,
  feedsRemix: boolean,
  drafts: ReadonlyMap<NodeId, Draft>,
): Omit<PlannedGeneration, keyof KeyChoice> {
  const adapter = known.adapters.get(n.id) as ModelAdapter;
  const typedPrompt = upstream.prompt ? undefined : textParam(n.data.params, "prompt");
  const params = effectiveParams(adapter, n.data.params ?? {});
  const videoFrom = upstream.video?.[0];
  const sourceUp = videoFrom ? drafts.get(videoFrom) : undefined;
  const sourceDurationSec = sourceUp?.role === "generation" ? sourceUp.durationSec : null;
  return {
    role: "generation",
    id: n.id,
    kind: n.type,
    title: known.defOf(n).title,
    adapter,
    endpoint: adapter.endpoint,
    params,
    upstream,
    typed: typedPrompt !== undefined ? { prompt: typedPrompt } : {},
    feedsRemix,
    durationSec: secondsOf(params.duration) ?? sourceDurationSec,
    price: adapter.price(params, { sourceDurationSec }),
  };
}

/** The node's content key, from its upstream keys, typed prompt and params, then the key it runs under. */
async function keyGeneration(
  n: GenerationNode,
  draft: Omit<PlannedGeneration, keyof KeyChoice>,
  specs: Readonly<Record<string, InputPortSpec>>,
  keys: ReadonlyMap<NodeId, Promise<CacheKey>>,
  newTakeVariant: string | undefined,
): Promise<KeyChoice> {
  const { adapter, params, typed } = draft;
  const { inputs, unkeyable } = await upstreamKeys(draft.upstream, specs, keys);
  if (typed.prompt !== undefined) inputs.prompt = await textKey(typed.prompt);
  // A schema-read model's params are keyed in one form, whether its adapter came from the snapshot or fal.
  const keyParams = adapter.origin?.kind === "schema" ? schemaKeyParams(params) : params;
  const contentKey = await cacheKeyFor({
    kind: n.type,
    endpoint: adapter.endpoint,
    params: keyParams,
    inputs,
    feedsRemix: draft.feedsRemix,
  });
  const chosen = await chooseKey(n, contentKey, newTakeVariant);
  return unkeyable && chosen.pinned ? { ...chosen, stale: true } : chosen;
}

/** The planned nodes and their children, limited to what this run runs. */
function keepInRun(
  sorted: readonly NodeId[],
  planned: { nodes: Map<NodeId, PlannedNode>; children: Map<NodeId, NodeId[]> },
  inRun: (id: NodeId) => boolean,
): { nodes: Map<NodeId, PlannedNode>; children: Map<NodeId, NodeId[]> } {
  const { nodes, children } = planned;
  for (const id of sorted) if (!inRun(id)) nodes.delete(id);
  for (const [id, list] of children) {
    if (!inRun(id)) children.delete(id);
    else children.set(id, list.filter(inRun));
  }
  return { nodes, children };
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
async function chooseKey(
  n: GenerationNode,
  contentKey: CacheKey,
  newTakeVariant: string | undefined,
): Promise<KeyChoice> {
  const take = n.data.take;
  const plain = { contentKey, pinned: false, stale: false, newTake: false };
  if (n.data.pinned === true && take) {
    const variant = take.variant ?? "";
    return {
      ...plain,
      key: take.key,
      variant,
      pinned: true,
      stale: (await takeKeyFor(contentKey, variant)) !== take.key,
    };
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

function planSource(
  n: Exclude<WorkflowNode, GenerationNode>,
  def: NodeDefinition,
): { draft: Omit<PlannedSource, "key">; key: Promise<CacheKey> } {
  const base = { role: "source" as const, id: n.id, kind: n.type, title: def.title };
  if (n.type === "prompt")
    return { draft: { ...base, value: { kind: "text", text: n.data.text } }, key: textKey(n.data.text) };
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

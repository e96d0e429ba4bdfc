import type { CacheKey, EdgeId, EndpointId, NodeId } from "../domain/ids";
import type { GenerationKind, Params, SourceKind } from "../domain/workflow";
import type { ModelAdapter, Price } from "../nodes/types";
import type { MediaRef } from "./cache-key";
import type { Upstream } from "./upstream";

/** What planning hands back: a plan and its planned nodes, or every reason there is none; and what it is asked. */

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
   * The key this node's result is looked up and stored under: the pinned or chosen take's result key, a new
   * take's key, or else `contentKey`. For a video it is also what downstream keys are made from (`outputKey`).
   */
  key: CacheKey;
  /**
   * Image nodes: which image of the result flows downstream (index into `images[]`; the chosen take's image).
   * 0 for videos and for a node with no choice.
   */
  image: number;
  /**
   * What downstream keys are made from, and the key of the take that flows: `imageTakeKey(key, image)`
   * (src/domain/take.ts), which is `key` itself for videos and image 0. Choosing another image of a batch
   * changes only this, so the node is served from the cache and only what is downstream runs again.
   */
  outputKey: CacheKey;
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

/** How a generation node's key was chosen (see plan-keys.ts). */
export type KeyChoice = Pick<
  PlannedGeneration,
  "key" | "image" | "outputKey" | "contentKey" | "variant" | "pinned" | "stale" | "newTake"
>;

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

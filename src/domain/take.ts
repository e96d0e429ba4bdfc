import { cacheKey } from "./ids";
import type { CacheKey, ContentHash, EndpointId, NodeId, RequestId, WorkflowId } from "./ids";
import type { CacheNamespace } from "./settings";
import type { ParamValue, Params } from "./workflow";

/**
 * A take: one result a generation node produced, kept with what made it. Every successful run of
 * a node files one (a cached result seen for the first time by a node files one too), so a node
 * keeps all its attempts and the user chooses which one flows downstream (`GenerationData.take`).
 *
 * A take is named by (workflow, node, key): `key` is the result's key in the result cache, so the
 * video itself stays where results live and is never stored twice.
 */
export interface Take {
  workflowId: WorkflowId;
  nodeId: NodeId;
  key: CacheKey;
  /** Salt of a deliberate new take of unchanged content ("" for the plain content key). */
  variant: string;
  endpoint: EndpointId;
  /** Effective params of the request that made it. */
  params: Params;
  /** The text that reached its prompt input (typed or from a Prompt node), if it has one. */
  prompt: string | null;
  /** What fed each input: the upstream node and its key (for a generation, that is the upstream take's key). */
  inputs: TakeInput[];
  /** Estimated cost when it was paid for; 0 when it came from the cache; null when the price is unknown. */
  costUsd: number | null;
  requestId: RequestId | null;
  createdAt: string;
  /** Set when the take came from a sweep: which param was swept and the value this take used. */
  sweep?: { param: string; value: ParamValue } | null;
  /**
   * Image nodes: the index of this take's image in its result's `images[]` (each image of a batch is a take).
   * Its `key` is `imageTakeKey(resultKey, image)`; the result itself is stored under `resultKeyOf(key)`.
   * Absent: a video take (or image 0, whose key is the result's own).
   */
  image?: number;
}

/**
 * The take key of image `index` of the result stored under `resultKey`. Image 0 is the result's own key, so a
 * one-image result's take is keyed like a video's; image i > 0 is `<resultKey>-i<i>` (result keys are hex or
 * `sim:` + hex, never with `-i<digits>` at the end), so the result key is read back from any take key.
 */
export function imageTakeKey(resultKey: CacheKey, index: number): CacheKey {
  return index === 0 ? resultKey : cacheKey(`${resultKey}-i${index}`);
}

const IMAGE_SUFFIX = /-i([1-9]\d*)$/;

/** The key of the result a take key belongs to, and which of its images it is (0 for videos and image 0). */
export function takeKeyParts(key: CacheKey): { resultKey: CacheKey; image: number } {
  const m = IMAGE_SUFFIX.exec(key);
  return m?.[1] ? { resultKey: cacheKey(key.slice(0, m.index)), image: Number(m[1]) } : { resultKey: key, image: 0 };
}

/** Where the result of a take (or of a chosen take's key) is stored. */
export const resultKeyOf = (key: CacheKey): CacheKey => takeKeyParts(key).resultKey;

export interface TakeInput {
  port: string;
  nodeId: NodeId;
  key: CacheKey;
  /** The upstream node's kind, so lineage can show a prompt or an image without the workflow. */
  kind: string;
  /** For text sources: the text itself (lineage shows prompts even after the Prompt node changed). */
  text?: string;
}

/** One step of a take's lineage: the take itself, then (depth-first) the takes and sources that fed it. */
export type LineageStep =
  | { kind: "take"; depth: number; port: string | null; take: Take }
  | { kind: "missing-take"; depth: number; port: string; nodeId: NodeId; key: CacheKey }
  | { kind: "source"; depth: number; port: string; input: TakeInput };

/** A take as stored: the record plus the hash of its thumbnail image (null until one was made). */
export type StoredTake = Take & { thumbnailHash: ContentHash | null };

/** Names one take: takes are stored per (workflow, node, key). */
export interface TakeAddress {
  workflowId: WorkflowId;
  nodeId: NodeId;
  key: CacheKey;
}

/**
 * Where takes are kept, one store per cache namespace like the result cache (the browser's is on IndexedDB,
 * src/adapters/db/takes.ts).
 */
export interface TakeStore {
  readonly namespace: CacheNamespace;
  /**
   * Files a take once: when (workflow, node, key) is already there the stored one is kept unchanged
   * (its time, cost and thumbnail are those of the first time it was seen) and `added` is false.
   */
  record(take: Take): Promise<{ added: boolean; take: StoredTake }>;
  /** The takes of one node, oldest first (so a take's index in the strip never changes). */
  list(workflowId: WorkflowId, nodeId: NodeId): Promise<StoredTake[]>;
  /** Every take of a workflow, oldest first (lineage, export). */
  listWorkflow(workflowId: WorkflowId): Promise<StoredTake[]>;
  /**
   * Calls `next` with every take of the workflow (oldest first) now and again after each change
   * to them, in this tab or another. Returns the function that stops it.
   */
  watchWorkflow(
    workflowId: WorkflowId,
    next: (takes: StoredTake[]) => void,
    onError?: (e: unknown) => void,
  ): () => void;
  get(ref: TakeAddress): Promise<StoredTake | undefined>;
  /**
   * Keeps the take's thumbnail; a take that already has one keeps it (a thumbnail is made once).
   * Returns the hash of the thumbnail the take has afterwards, or null when the take is unknown.
   */
  setThumbnail(ref: TakeAddress, image: Blob): Promise<ContentHash | null>;
  thumbnail(ref: TakeAddress): Promise<Blob | undefined>;
  /** Forgets the takes of a workflow (when it is purged); thumbnails nothing else uses go too. */
  removeWorkflow(workflowId: WorkflowId): Promise<void>;
}

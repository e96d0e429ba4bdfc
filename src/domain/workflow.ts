import type { CacheKey, EdgeId, EndpointId, NodeId } from "./ids";

/**
 * The in-memory workflow document. It mirrors the file format (`reelflow/workflow`)
 * one to one, so saving is a plain serialisation and unknown optional fields that a
 * newer Reelflow (or a person) added survive a load/save round trip.
 */
export const WORKFLOW_FORMAT = "reelflow/workflow" as const;
export const CURRENT_WORKFLOW_VERSION = 1 as const;

/** Node kinds by modality. Models are adapters under a kind, never kinds themselves. */
export const NODE_KINDS = [
  "prompt",
  "image",
  "video",
  "text-to-video",
  "image-to-video",
  "remix",
  "text-to-image",
  "image-edit",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export type SourceKind = "prompt" | "image" | "video";
export type GenerationKind = Exclude<NodeKind, SourceKind>;
export const isGenerationKind = (k: NodeKind): k is GenerationKind => k !== "prompt" && k !== "image" && k !== "video";
/** Generation kinds whose output is an image (`images[]` of fal's result), not a video. */
export type ImageGenerationKind = "text-to-image" | "image-edit";
export const isImageGenerationKind = (k: NodeKind): k is ImageGenerationKind =>
  k === "text-to-image" || k === "image-edit";

export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;

export interface Position {
  x: number;
  y: number;
}

/** Extra keys are kept: every record below may carry fields this version does not know. */
type Open = { [extra: string]: unknown };

export interface PromptData extends Open {
  text: string;
}
/** `url` is http(s) or a `data:` URL; `asset` names a Blob kept locally by content hash (browser). */
export interface ImageData extends Open {
  url?: string;
  asset?: string;
}
export interface VideoData extends Open {
  url?: string;
  asset?: string;
}
/**
 * Which take of a generation node flows downstream. `key` is the take's result key in the result
 * cache; `variant` is the salt that made that key differ from the node's plain content key ("" or
 * absent for the first take of a given content; a fresh nonce for each "new take").
 */
export interface TakeChoice extends Open {
  key: CacheKey;
  variant?: string;
  /**
   * Image nodes: which image of the result flows downstream (0-based index into fal's `images[]`). Absent: 0.
   * `key` is then that image's take key (`imageTakeKey(resultKey, image)` in ./take.ts), so the result's own
   * key is `resultKeyOf(key)`.
   */
  image?: number;
}

export interface GenerationData extends Open {
  endpoint?: EndpointId;
  params?: Params;
  /** The chosen take (saved with the workflow). Absent: the node's latest result for its current content. */
  take?: TakeChoice;
  /** A pinned node never re-runs: downstream gets `take` even when its inputs have changed since. */
  pinned?: boolean;
}

interface NodeBase<K extends NodeKind, D> extends Open {
  id: NodeId;
  type: K;
  position: Position;
  data: D;
}
export type PromptNode = NodeBase<"prompt", PromptData>;
export type ImageNode = NodeBase<"image", ImageData>;
export type VideoNode = NodeBase<"video", VideoData>;
export type TextToVideoNode = NodeBase<"text-to-video", GenerationData>;
export type ImageToVideoNode = NodeBase<"image-to-video", GenerationData>;
export type RemixNode = NodeBase<"remix", GenerationData>;
export type TextToImageNode = NodeBase<"text-to-image", GenerationData>;
export type ImageEditNode = NodeBase<"image-edit", GenerationData>;
export type GenerationNode = TextToVideoNode | ImageToVideoNode | RemixNode | TextToImageNode | ImageEditNode;
export type WorkflowNode = PromptNode | ImageNode | VideoNode | GenerationNode;

export interface WorkflowEdge extends Open {
  id: EdgeId;
  source: NodeId;
  sourceHandle: string;
  target: NodeId;
  targetHandle: string;
}

export interface Workflow extends Open {
  format: typeof WORKFLOW_FORMAT;
  version: typeof CURRENT_WORKFLOW_VERSION;
  name: string;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

export const isGenerationNode = (n: WorkflowNode): n is GenerationNode => isGenerationKind(n.type);

import type { EndpointId } from "../domain/ids";
import type { GenerationKind, NodeKind, ParamValue, Params } from "../domain/workflow";
import type { VideoAction } from "./video-action";

/** What flows along an edge. */
export type PortType = "text" | "image" | "video";

export interface InputPortSpec {
  type: PortType;
  label: string;
  /** Required ports must be fed by an edge or (for text) by `data.params[<port>]` typed into the node. */
  required: boolean;
  /** A port that takes several connections, in edge order (reference images). Absent: one edge. */
  multiple?: boolean;
}
export interface OutputPortSpec {
  type: PortType;
  label: string;
}

/**
 * Parameter declarations: the node view, validation and the fake fal are all derived from these.
 * `required`: fal refuses a request without it (set by catalogue models read from fal's schema).
 * `more`: rarely changed (negative prompt, seed, safety, auto-fix…): the node keeps it behind its "More"
 * disclosure, so a generation node shows what decides the video (length, shape, resolution) at a glance.
 */
export type ParamSpec = { required?: boolean; more?: boolean } & (
  | {
      kind: "enum";
      name: string;
      label: string;
      options: readonly (string | number)[];
      default: string | number;
      help?: string;
    }
  | {
      kind: "number";
      name: string;
      label: string;
      min: number;
      max: number;
      step?: number;
      integer?: boolean;
      default?: number;
      help?: string;
    }
  | { kind: "boolean"; name: string; label: string; default: boolean; help?: string }
  | {
      kind: "text";
      name: string;
      label: string;
      default?: string;
      multiline?: boolean;
      maxLength?: number;
      help?: string;
    }
);

/** A reference to a video produced upstream (or supplied by a Video source node). */
export interface VideoRef {
  url: string;
  /** Sora's id for remixing; absent for videos Sora did not make. */
  videoId?: string | null;
  /** Endpoint that produced it, when a model did. */
  producedBy?: EndpointId;
  durationSec?: number | null;
}
export interface ImageRef {
  url: string;
}

/** Values arriving on a generation node's inputs, resolved by the engine. */
export interface PortValues {
  prompt?: string;
  image?: ImageRef;
  /** The last frame, for models that fill in between a first and a last frame (handle `end_image`). */
  endImage?: ImageRef;
  /** Several images in edge order, for reference-to-video models (handle `images`). */
  images?: ImageRef[];
  video?: VideoRef;
}

export interface BuildContext {
  /** True when this node's output feeds a node that needs to reference it later (e.g. Sora remix). */
  feedsRemix: boolean;
}

/** A fal file as results describe it; every field but url may be missing or null. */
export interface FalFile {
  url: string;
  content_type?: string | null;
  file_name?: string | null;
  file_size?: number | null;
  width?: number | null;
  height?: number | null;
  duration?: number | null;
  fps?: number | null;
}
/** What a generation produced, normalised across models. */
export interface VideoResult {
  video: FalFile;
  videoId: string | null;
  thumbnail: FalFile | null;
  /** Seconds of video made, when known (from the result or the request). */
  durationSec: number | null;
}

/**
 * What an image model produced: fal's `images[]` (several when the request asked for a batch), normalised.
 * Each image is a take of its node (see `imageTakeKey` in src/domain/take.ts); the chosen one flows downstream
 * as an ImageRef. Told apart from a VideoResult by `images` (`isImageResult` in ./results.ts): results stored
 * before images existed have no tag, so none is added.
 */
export interface ImageResult {
  images: FalFile[];
  /** fal's `seed`, when it gives one. */
  seed: number | null;
  /** fal's `description` or `text` beside the images (Nano Banana answers one), when there is one. */
  description?: string | null;
}

/** Any generation's result: a video, or the images of an image model. */
export type GenerationResult = VideoResult | ImageResult;

export interface Price {
  /** null: the price of this endpoint is unknown; the app asks before spending. */
  usd: number | null;
  /** True when the figure is the highest the request could cost (e.g. resolution `auto`). */
  upperBound: boolean;
  /** A short human explanation, e.g. "8 s × $0.30/s (720p)". */
  basis: string;
}

/** What a video input of an edit/remix model needs from its source. */
export type VideoInputNeed = { kind: "sora-video-id"; reason: string } | { kind: "url"; reason?: string };

export interface FieldIssue {
  field: string;
  message: string;
}

export interface RetiredInfo {
  on: string;
  successor: EndpointId;
  note: string;
}

/**
 * Where an adapter came from, for display and for deciding which wins: a hand-checked adapter in
 * src/nodes/models, or one derived from fal's OpenAPI document (from the bundled snapshot or from the
 * live catalogue) with the date that document and price were read.
 */
export type ModelOrigin = { kind: "curated" } | { kind: "schema"; from: "snapshot" | "live"; date: string };

export interface ModelAdapter {
  endpoint: EndpointId;
  kind: GenerationKind;
  /** "Sora 2", "Veo 3.1": the family shown in the model select. */
  family: string;
  /** "Standard", "Pro", "Fast". */
  variant: string;
  label: string;
  /** Params shown on the node (ports fill prompt/image/video fields; they are not listed here). */
  params: readonly ParamSpec[];
  /** For remix/edit models: what the video port needs. */
  videoInput?: VideoInputNeed;
  /** Remix-kind models: what the model does with the clip (edit it, extend it…); see ./video-action.ts. */
  action?: VideoAction;
  /** Extra validation across fields beyond each ParamSpec (returns fal-style field messages). */
  validate?(params: Params, ports: PortValues): FieldIssue[];
  /** The exact JSON body fal accepts for this endpoint. */
  buildInput(params: Params, ports: PortValues, ctx: BuildContext): Record<string, unknown>;
  /**
   * Read fal's raw result defensively; throws an Error with a clear message when unusable. Video kinds return
   * a VideoResult, image kinds (`text-to-image`, `image-edit`) an ImageResult.
   */
  readResult(raw: unknown, params: Params): GenerationResult;
  /**
   * Estimated price; for remix/edit the source video's duration is passed in when known. Image models price the
   * whole batch (`num_images` × the per-image or per-megapixel rate).
   */
  price(params: Params, ports: { sourceDurationSec?: number | null }): Price;
  retired?: RetiredInfo;
  /** Where schema and price were checked, and when (ISO date). */
  sources: { checked: string; urls: readonly string[] };
  /** Seconds a typical job takes, for the UI's expectations and demo mode. */
  typicalSeconds?: number;
  /** Absent: curated. */
  origin?: ModelOrigin;
  /**
   * The node's input ports when this model runs in it, replacing its kind's (a catalogue model may
   * add an `end_image` port or an `images` port that takes several, or leave the prompt optional).
   * Handle names are those of src/nodes/ports.ts, so switching models never renames an edge.
   * Absent: the kind's own inputs.
   */
  inputs?: Readonly<Record<string, InputPortSpec>>;
}

export interface NodeDefinition<K extends NodeKind = NodeKind> {
  kind: K;
  title: string;
  description: string;
  inputs: Readonly<Record<string, InputPortSpec>>;
  outputs: Readonly<Record<string, OutputPortSpec>>;
  /** Generation kinds only; the first current (non-retired) one is the default for new nodes. */
  models: readonly ModelAdapter[];
}

export type { ParamValue, Params };

import type { CacheKey, ContentHash, EndpointId, NodeId, RequestId, WorkflowId } from "../domain/ids";
import type { SubmitId } from "../domain/submit-id";
import type { Take } from "../domain/take";
import type { GenerationResult, Params } from "../nodes/types";

/**
 * The engine's only windows on the world. Adapters under src/adapters implement them
 * (fal via @fal-ai/client, Dexie in the browser, files for the CLI); tests pass the same
 * adapters pointed at the fake fal. Nothing here may import I/O code.
 */

export interface LogLine {
  message: string;
  timestamp?: string;
  level?: string;
}

/** fal's log of one job that ended, kept with its result so it can be shown after a reload (newest lines only). */
export interface KeptJobLog {
  key: CacheKey;
  nodeId: NodeId;
  /** How the job ended. */
  status: "succeeded" | "failed" | "cancelled";
  requestId: RequestId | null;
  lines: LogLine[];
  /** Earlier lines not kept (over the limits, or already dropped by the run state). */
  droppedLines: number;
  endedAt: string;
}

/** `logs` holds only the lines new since the previous update (the client turns fal's cumulative logs into these). */
export type QueueUpdate =
  | { status: "IN_QUEUE"; position: number | null }
  | { status: "IN_PROGRESS"; logs: LogLine[] }
  | { status: "COMPLETED"; logs: LogLine[] };

export interface InferenceClient {
  /**
   * Queue a job; resolves with fal's request id. A job may be billed from here on. When it fails,
   * the InferenceError says whether fal may have the job: `mayHaveBeenCharged` (or code
   * "submit-unknown") when the request may have arrived; otherwise it surely did not queue.
   * `submitId` (the job's, from its ledger row) goes to a proxy that keeps submit ids, so a request the browser
   * sends twice is queued once; a client that has no such proxy ignores it.
   */
  submit(
    endpoint: EndpointId,
    input: Record<string, unknown>,
    signal?: AbortSignal,
    submitId?: SubmitId,
  ): Promise<RequestId>;
  /** Follow a job until it completes (resolves) or fails (rejects with an InferenceError). */
  watch(endpoint: EndpointId, id: RequestId, onUpdate: (u: QueueUpdate) => void, signal?: AbortSignal): Promise<void>;
  /** The raw result of a completed job; the model adapter reads it. */
  result(endpoint: EndpointId, id: RequestId, signal?: AbortSignal): Promise<unknown>;
  /** Ask fal to cancel; `already-completed` means it finished and was paid for. */
  cancel(endpoint: EndpointId, id: RequestId): Promise<"cancelled" | "already-completed" | "not-found">;
  /** Upload a file to fal storage; resolves with its URL. */
  upload(blob: Blob): Promise<string>;
}

/** A stored result of one node. The media is kept by the cache adapter beside the metadata. */
export interface CachedResult {
  key: CacheKey;
  endpoint: EndpointId;
  /** A video, or an image model's images (several for a batch; each is a take: see `imageTakeKey`). */
  result: GenerationResult;
  requestId: RequestId | null;
  costUsd: number | null;
  createdAt: string;
  /** Content hash of the locally stored video file, when it was downloaded (image results: of image 0). */
  mediaHash?: ContentHash | null;
  /**
   * Image results: the content hash of each locally stored image, by its index in `result.images` (null where
   * one could not be stored). Absent for videos.
   */
  imageHashes?: (ContentHash | null)[];
  /** Set by the cache when the file could not be stored (e.g. quota): the remote URL still works for a while. */
  mediaError?: string | null;
  /** Demo results live in their own namespace and never mix with paid ones. */
  simulated?: boolean;
}

export interface ResultCache {
  get(key: CacheKey): Promise<CachedResult | undefined>;
  /** Several lookups in one read (one IndexedDB transaction instead of one per key); same order as `keys`. Optional: callers fall back to `get`. */
  getMany?(keys: readonly CacheKey[]): Promise<(CachedResult | undefined)[]>;
  /** Store metadata and fetch the media file for keeping; must not throw on a media failure. */
  put(entry: CachedResult): Promise<CachedResult>;
  /** Upload cache: fal storage URL of bytes already uploaded (keyed by content hash). */
  getUpload(hash: ContentHash): Promise<string | undefined>;
  putUpload(hash: ContentHash, url: string): Promise<void>;
}

/** Local assets (images/videos the user dropped in) kept by content hash. */
export interface AssetStore {
  get(hash: ContentHash): Promise<Blob | undefined>;
}

export type JobState =
  | "submitting" // ledger row written, request on its way: outcome unknown if we crash now
  | "queued" // fal gave us a request id
  | "running"
  | "completed" // fal says done; result not stored yet
  | "stored" // result in the cache: the job is over
  | "failed"
  | "cancelled"
  | "unknown"; // submit outcome lost (no request id): never resubmitted silently

export interface Job {
  key: CacheKey;
  nodeId: NodeId;
  workflowName: string;
  endpoint: EndpointId;
  inputHash: ContentHash;
  state: JobState;
  requestId: RequestId | null;
  estimatedCostUsd: number | null;
  createdAt: string;
  updatedAt: string;
  error?: string | null;
  /**
   * What fal sent for a job whose result could not be read (state "failed", `error` says why): the result
   * itself, or the first 64 KB of its JSON as text when it is longer (`error` then says so). See raw-result.ts.
   */
  rawResult?: unknown;
  /**
   * The id its submit was sent with (domain/submit-id.ts): new for every submit, except "Submit again" after a
   * lost answer, which keeps it so a proxy that got fal's answer to the first gives that job back.
   */
  submitId?: SubmitId;
  /** Effective params of the request, so a job resumed at start-up can read its result without the workflow. */
  params?: Params;
  /**
   * The stored workflow the job was run for (the app writes it; the CLI has none), so a job that
   * ends after a reload is filed as a take of the right workflow.
   */
  workflowId?: WorkflowId;
  /**
   * The take this job's result becomes, as known at submit (what fed it, its variant; `requestId`
   * and `createdAt` are set when it ends). Written by the app so a job finished by the start-up
   * resume is filed like one finished by its run; the engine never reads it.
   */
  take?: Take;
}

export interface JobLedger {
  /** Record a job before it is submitted. */
  open(job: Job): Promise<void>;
  update(key: CacheKey, patch: Partial<Omit<Job, "key">>): Promise<void>;
  get(key: CacheKey): Promise<Job | undefined>;
  /** Jobs not yet stored, failed or cancelled: to re-attach on start. */
  unfinished(): Promise<Job[]>;
}

export interface Clock {
  now(): number;
}

/**
 * Makes the models a workflow names known before it is planned (planning is synchronous): each endpoint
 * without a curated adapter is looked up in the bundled snapshot, then fal's live catalogue, and its adapter
 * registered (src/nodes/catalogue/known.ts); one that cannot be found is marked unavailable with a reason,
 * which the plan reports as the node's error. Never throws for a missing model or an unreachable catalogue.
 */
export interface ModelCatalogue {
  ensure(endpoints: readonly EndpointId[], signal?: AbortSignal): Promise<void>;
}

/**
 * Ownership of jobs across processes that share one cache and ledger (browser tabs on one
 * IndexedDB): at most one holder works on a key at a time, so two tabs running the same graph
 * never submit it twice. The CLI is one process and passes none.
 */
export interface JobLeases {
  /**
   * Runs `work` while this process alone holds the lease of `key`; waits while another holder has
   * it. Rejects (AbortError) when `signal` aborts before the lease is held.
   */
  withLease<T>(key: CacheKey, work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * Tells the other tabs of this origin that work on a key ended (a result stored, a job failed or was cancelled), so a
 * tab that shows that key looks it up again instead of showing a stale miss (a BroadcastChannel in the browser).
 */
export interface JobAnnouncer {
  settled(key: CacheKey): void;
  /** Calls `listener` with keys other tabs settled; returns the unsubscribe. */
  onSettled(listener: (key: CacheKey) => void): () => void;
  close(): void;
}

/**
 * What keeps the tabs of one browser from working on one key at once: leases per key and the news that a key
 * settled elsewhere (Web Locks and a BroadcastChannel: src/adapters/locks).
 */
export interface TabLocking {
  announcer: JobAnnouncer;
  /**
   * Leases under `prefix` (one name space per mode); `onWait` is told once when another tab holds a key. Null
   * where the browser has no locks: runs still work, one owner per tab.
   */
  leases(prefix: string, onWait: (key: CacheKey) => void): JobLeases | null;
}

export interface EnginePorts {
  client: InferenceClient;
  cache: ResultCache;
  ledger?: JobLedger;
  assets?: AssetStore;
  clock?: Clock;
  /** Cross-tab job ownership (Web Locks in the browser); without it, ownership is per process. */
  leases?: JobLeases;
}

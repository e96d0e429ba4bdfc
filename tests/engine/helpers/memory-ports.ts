import type { CacheKey, ContentHash, EndpointId, RequestId } from "../../../src/domain/ids";
import { requestId } from "../../../src/domain/ids";
import { InferenceError } from "../../../src/engine/errors";
import type { RunEvent } from "../../../src/engine/events";
import type {
  CachedResult,
  InferenceClient,
  Job,
  JobLedger,
  QueueUpdate,
  ResultCache,
} from "../../../src/engine/ports";

/**
 * In-memory implementations of the engine's ports. This is not a stand-in for @fal-ai/client
 * (that path runs against the fake fal HTTP server); it is a second, scriptable fal whose
 * jobs finish when a test says so, which makes ordering tests exact instead of timing-based.
 */

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface JobScript {
  /** The job completes when this resolves (default: at once). */
  gate?: Promise<void>;
  /** The job fails with this after the gate. */
  fail?: InferenceError;
  logs?: string[];
  /** fal finished the job, but the watch never noticed: a cancel answers "already-completed". */
  finishedUnseen?: boolean;
}

interface MemJob {
  id: RequestId;
  endpoint: EndpointId;
  input: Record<string, unknown>;
  script: JobScript;
  status: "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED";
  active: boolean;
}

export class MemoryFal implements InferenceClient {
  readonly submits: { endpoint: EndpointId; input: Record<string, unknown>; id: RequestId }[] = [];
  readonly uploads: Blob[] = [];
  readonly cancels: RequestId[] = [];
  readonly results: RequestId[] = [];
  /** "submit:<prompt>" / "done:<prompt>" in the order they happened. */
  readonly timeline: string[] = [];
  readonly jobs = new Map<RequestId, MemJob>();
  active = 0;
  maxActive = 0;
  /** Decides how each submitted job behaves. */
  script: (endpoint: EndpointId, input: Record<string, unknown>) => JobScript = () => ({});
  /** Makes submit itself throw (e.g. a lost connection). */
  submitError: ((input: Record<string, unknown>) => Error | undefined) | undefined;
  private n = 0;

  async submit(endpoint: EndpointId, input: Record<string, unknown>): Promise<RequestId> {
    await Promise.resolve();
    const err = this.submitError?.(input);
    if (err) throw err;
    const id = requestId(`req-${++this.n}`);
    this.submits.push({ endpoint, input, id });
    this.timeline.push(`submit:${String(input.prompt)}`);
    this.addJob(id, endpoint, this.script(endpoint, input), input);
    return id;
  }

  /** A job fal already has (e.g. submitted before a reload). */
  addJob(
    id: RequestId,
    endpoint: EndpointId,
    script: JobScript,
    input: Record<string, unknown> = {},
    status: MemJob["status"] = "IN_QUEUE",
  ): void {
    this.jobs.set(id, { id, endpoint, input, script, status, active: true });
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
  }

  private settle(job: MemJob): void {
    if (!job.active) return;
    job.active = false;
    this.active--;
    this.timeline.push(`done:${String(job.input.prompt)}`);
  }

  async watch(
    _endpoint: EndpointId,
    id: RequestId,
    onUpdate: (u: QueueUpdate) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) throw new InferenceError({ code: "not-found", message: `no request ${id}`, httpStatus: 404 });
    if (job.status === "COMPLETED") return;
    onUpdate({ status: "IN_QUEUE", position: 1 });
    onUpdate({ status: "IN_QUEUE", position: 0 });
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new DOMException("aborted", "AbortError"));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      void (
        job.script.finishedUnseen ? new Promise<void>(() => undefined) : (job.script.gate ?? Promise.resolve())
      ).then(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
    });
    job.status = "IN_PROGRESS";
    const lines = (job.script.logs ?? ["starting"]).map((message) => ({ message }));
    // As the port promises: each update carries only the lines new since the last one.
    for (const line of lines) onUpdate({ status: "IN_PROGRESS", logs: [line] });
    if (job.script.fail) {
      job.status = "FAILED";
      this.settle(job);
      throw job.script.fail;
    }
    job.status = "COMPLETED";
    onUpdate({ status: "COMPLETED", logs: [] });
  }

  async result(_endpoint: EndpointId, id: RequestId): Promise<unknown> {
    const job = this.jobs.get(id);
    if (!job || (job.status !== "COMPLETED" && !job.script.finishedUnseen))
      throw new InferenceError({ code: "not-found", message: `request ${id} has no result` });
    this.results.push(id);
    this.settle(job);
    return {
      video: { url: `https://fake.fal.media/${id}.mp4`, content_type: "video/mp4", duration: null },
      video_id: `video_${id}`,
      thumbnail: null,
    };
  }

  async cancel(_endpoint: EndpointId, id: RequestId): Promise<"cancelled" | "already-completed" | "not-found"> {
    this.cancels.push(id);
    const job = this.jobs.get(id);
    if (!job) return "not-found";
    if (job.status === "COMPLETED" || job.script.finishedUnseen) return "already-completed";
    job.status = "CANCELLED";
    this.settle(job);
    return "cancelled";
  }

  async upload(blob: Blob): Promise<string> {
    await Promise.resolve();
    this.uploads.push(blob);
    return `https://fake.fal.media/uploads/${this.uploads.length}`;
  }
}

export class MemoryCache implements ResultCache {
  readonly entries = new Map<CacheKey, CachedResult>();
  readonly uploads = new Map<ContentHash, string>();
  async get(key: CacheKey) {
    return this.entries.get(key);
  }
  async put(entry: CachedResult) {
    this.entries.set(entry.key, entry);
    return entry;
  }
  async getUpload(hash: ContentHash) {
    return this.uploads.get(hash);
  }
  async putUpload(hash: ContentHash, url: string) {
    this.uploads.set(hash, url);
  }
}

export class MemoryLedger implements JobLedger {
  readonly jobs = new Map<CacheKey, Job>();
  /** Every state each key went through, in order. */
  readonly history: string[] = [];
  async open(job: Job) {
    this.jobs.set(job.key, { ...job });
    this.history.push(`${job.nodeId}:${job.state}`);
  }
  async update(key: CacheKey, patch: Partial<Omit<Job, "key">>) {
    const j = this.jobs.get(key);
    if (!j) throw new Error(`ledger: no job ${key}`);
    this.jobs.set(key, { ...j, ...patch });
    if (patch.state) this.history.push(`${j.nodeId}:${patch.state}`);
  }
  async get(key: CacheKey) {
    return this.jobs.get(key);
  }
  async unfinished() {
    return [...this.jobs.values()].filter((j) => !["stored", "failed", "cancelled"].includes(j.state));
  }
}

/** Collects events and lets a test wait for one. */
export class Recorder {
  readonly events: RunEvent[] = [];
  private waiters: { pred: (e: RunEvent) => boolean; resolve: (e: RunEvent) => void }[] = [];
  readonly onEvent = (e: RunEvent) => {
    this.events.push(e);
    for (const w of [...this.waiters]) {
      if (w.pred(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };
  until(pred: (e: RunEvent) => boolean): Promise<RunEvent> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  of(type: RunEvent["type"], nodeId?: string): RunEvent[] {
    return this.events.filter(
      (e) => e.type === type && (nodeId === undefined || ("nodeId" in e && e.nodeId === nodeId)),
    );
  }
  /** Final status per node: the last terminal event for it. */
  finals(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.events) {
      if (["succeeded", "cached", "failed", "skipped", "cancelled"].includes(e.type) && "nodeId" in e)
        out[e.nodeId] = e.type;
    }
    return out;
  }
}

export function memoryPorts() {
  const client = new MemoryFal();
  const cache = new MemoryCache();
  const ledger = new MemoryLedger();
  return { client, cache, ledger, ports: { client, cache, ledger } };
}

import type { CacheKey, EndpointId, NodeId, RequestId } from "../domain/ids";
import { freshSubmitId, type SubmitId } from "../domain/submit-id";
import type { Params } from "../domain/workflow";
import type { ModelAdapter } from "../nodes/types";
import type { NodeError } from "./errors";
import { InferenceError } from "./errors";
import type { RunEvent } from "./events";
import { canonicalJson, sha256Hex } from "./hash";
import { keepRawResult, rawResultWords } from "./raw-result";
import type { CachedResult, EnginePorts, Job, JobState, QueueUpdate } from "./ports";
import { messageOf } from "../domain/message-of";

/**
 * The life of one paid fal job: ledger row first, then submit, watch, fetch, store. The rules
 * here are about money: a job that may have been accepted is never sent again silently, a job
 * with a request id is always followed to its end (also after a reload), and a finished job's
 * result is stored even when the user pressed Stop (it was paid for).
 */

export type JobOutcome =
  /** `reused`: another holder of the key (e.g. another tab) stored it; nothing was paid here. */
  | { status: "succeeded"; result: CachedResult; reused?: boolean }
  | { status: "failed"; error: NodeError }
  | { status: "cancelled" };

/** Progress events a job emits; the caller adds the final succeeded/failed/cancelled. */
type ProgressEvent = Extract<
  RunEvent,
  { type: "submitting" | "submitted" | "resumed" | "queue-position" | "running" | "logs" }
>;
type WithoutAt<E> = E extends unknown ? Omit<E, "at" | "nodeId"> : never;

export interface JobContext {
  ports: EnginePorts;
  signal?: AbortSignal;
  now(): number;
  emit(ev: WithoutAt<ProgressEvent>): void;
  /** fal has finished the job (or never will): its concurrency slot can go to the next one while
   *  the result is fetched and stored. */
  onFalDone?(): void;
}

export interface JobSpec {
  nodeId: NodeId;
  workflowName: string;
  key: CacheKey;
  adapter: ModelAdapter;
  params: Params;
  estimatedCostUsd: number | null;
  /** Builds the exact fal body; only called when a fresh submit is needed. Throws (an InferenceError
   *  "invalid-input" with its field, or any Error) when the inputs that arrived cannot be sent. */
  buildInput(): Record<string, unknown>;
  /** The user chose "Submit again" for a job whose earlier submit outcome was lost. */
  resubmitUnknown: boolean;
}

/** Ledger states that mean "fal has (or may have) this job and we have not stored its result". */
const ATTACHABLE: readonly JobState[] = ["queued", "running", "completed"];

export async function runJob(spec: JobSpec, ctx: JobContext): Promise<JobOutcome> {
  const { ledger } = ctx.ports;
  const endpoint = spec.adapter.endpoint;
  const earlier = ledger ? await ledger.get(spec.key) : undefined;
  if (earlier && earlier.requestId && ATTACHABLE.includes(earlier.state)) {
    ctx.emit({ type: "resumed", requestId: earlier.requestId, endpoint: earlier.endpoint });
    return followJob(spec, earlier.endpoint, earlier.requestId, ctx, earlier.state);
  }
  if (earlier && answerLost(earlier) && !spec.resubmitUnknown) {
    if (earlier.state !== "unknown") await record(ctx, spec.key, { state: "unknown", updatedAt: iso(ctx) });
    return failed({
      code: "submit-unknown",
      message: `This job was sent on ${earlier.createdAt} but its answer was lost, so fal may have it and may charge for it. Check your fal requests, then choose "Submit again" to send it anew${priceNote(spec.estimatedCostUsd)}.`,
      mayHaveBeenCharged: true,
    });
  }
  if (ctx.signal?.aborted) return { status: "cancelled" };

  let input: Record<string, unknown>;
  try {
    input = spec.buildInput();
  } catch (e) {
    if (e instanceof InferenceError) return failed(e.toNodeError());
    return failed({ code: "invalid-input", message: messageOf(e), mayHaveBeenCharged: false });
  }
  const now = iso(ctx);
  const submitId = submitIdFor(earlier, spec.resubmitUnknown);
  const job: Job | undefined = ledger && {
    key: spec.key,
    nodeId: spec.nodeId,
    workflowName: spec.workflowName,
    endpoint,
    inputHash: await sha256Hex(canonicalJson(input)),
    state: "submitting",
    requestId: null,
    estimatedCostUsd: spec.estimatedCostUsd,
    createdAt: now,
    updatedAt: now,
    params: spec.params,
    submitId,
  };
  // Written before the request leaves: if we die between here and fal's answer, the next start
  // knows a job may exist and refuses to send it again without asking.
  if (ledger && job) {
    try {
      await ledger.open(job);
    } catch (e) {
      return failed({
        code: "storage",
        message: `Could not record the job before sending it, so nothing was sent: ${messageOf(e)}`,
        mayHaveBeenCharged: false,
      });
    }
  }
  ctx.emit({ type: "submitting", key: spec.key, endpoint });

  let requestId: RequestId;
  try {
    // No abort signal on purpose: once the request is on the wire we want its id, so Stop can
    // cancel it, rather than an aborted fetch that leaves a paid job nobody knows about.
    requestId = await ctx.ports.client.submit(endpoint, input, undefined, submitId);
  } catch (e) {
    // The client knows whether the request left (a refusal, or a connection that never opened)
    // or may have reached fal (a broken connection after sending, a gateway timeout): it says so
    // with mayHaveBeenCharged / "submit-unknown". Anything unexpected counts as "may have".
    const refused = e instanceof InferenceError && !e.mayHaveBeenCharged && e.code !== "submit-unknown";
    if (refused) {
      await record(ctx, spec.key, { state: "failed", error: e.message, updatedAt: iso(ctx) });
      return failed(e.toNodeError());
    }
    await record(ctx, spec.key, { state: "unknown", error: messageOf(e), updatedAt: iso(ctx) });
    return failed({
      code: "submit-unknown",
      message: `${messageOf(e).replace(/\.?$/, ".")} Check your fal requests, then choose "Submit again"${priceNote(spec.estimatedCostUsd)} if it is not there.`,
      mayHaveBeenCharged: true,
    });
  }
  await record(ctx, spec.key, { state: "queued", requestId, updatedAt: iso(ctx) });
  ctx.emit({ type: "submitted", requestId, endpoint });
  return followJob(spec, endpoint, requestId, ctx, "queued");
}

/** The job was sent (or was being sent) and no request id came back: fal may have it. */
function answerLost(job: Job): boolean {
  return job.state === "submitting" || job.state === "unknown" || (!job.requestId && ATTACHABLE.includes(job.state));
}

/**
 * "Submit again" after a lost answer keeps the earlier id: a proxy that kept fal's answer to it gives back that
 * job instead of paying for a second. Any other submit is a new job (a rerun after a failure at fal too) and gets
 * a new id, so the proxy forwards it.
 */
function submitIdFor(earlier: Job | undefined, resubmitUnknown: boolean): SubmitId {
  const kept = earlier && resubmitUnknown && answerLost(earlier) ? earlier.submitId : undefined;
  return kept ?? freshSubmitId();
}

/** Failures that leave the job alive on fal: keep the ledger row so the next start re-attaches. */
const CONTACT_LOST: readonly NodeError["code"][] = ["network", "no-proxy", "server", "rate-limited", "auth"];

/** Watch a submitted job to its end and store its result; on Stop, cancel it on fal. */
export async function followJob(
  spec: Pick<JobSpec, "key" | "adapter" | "params" | "estimatedCostUsd">,
  endpoint: EndpointId,
  requestId: RequestId,
  ctx: JobContext,
  state: JobState,
): Promise<JobOutcome> {
  const { client } = ctx.ports;
  if (state !== "completed") {
    let running = state === "running";
    if (running) ctx.emit({ type: "running" });
    let lastPosition: number | null | undefined;
    let runningWrite: Promise<unknown> | undefined;
    // Updates a client delivers after we stopped waiting (e.g. after Stop) must not touch the job.
    let listening = true;
    const onUpdate = (u: QueueUpdate) => {
      if (!listening) return;
      switch (u.status) {
        case "IN_QUEUE":
          if (u.position !== lastPosition) ctx.emit({ type: "queue-position", position: u.position });
          lastPosition = u.position;
          return;
        case "IN_PROGRESS":
        case "COMPLETED": {
          if (!running) {
            running = true;
            ctx.emit({ type: "running" });
            // Not awaited (onUpdate is synchronous), but remembered: later ledger writes wait for it,
            // so a slow "running" write can never land after "completed" and undo it.
            runningWrite = record(ctx, spec.key, { state: "running", updatedAt: iso(ctx) });
          }
          if (u.logs.length > 0) ctx.emit({ type: "logs", lines: u.logs });
          return;
        }
        default: {
          const _: never = u;
          return _;
        }
      }
    };
    try {
      await untilAborted(client.watch(endpoint, requestId, onUpdate, ctx.signal), ctx.signal);
    } catch (e) {
      listening = false;
      await runningWrite;
      if (ctx.signal?.aborted) return cancelJob(spec, endpoint, requestId, ctx);
      const err = toNodeError(e, true);
      if (CONTACT_LOST.includes(err.code)) {
        return failed({
          ...err,
          message: `${err.message}. The job is still on fal: Reelflow picks it up again on the next run without paying twice.`,
        });
      }
      await record(ctx, spec.key, { state: "failed", error: err.message, updatedAt: iso(ctx) });
      return failed(err);
    }
    listening = false;
    ctx.onFalDone?.();
    await runningWrite;
    await record(ctx, spec.key, { state: "completed", updatedAt: iso(ctx) });
  }
  return fetchAndStore(spec, endpoint, requestId, ctx);
}

async function cancelJob(
  spec: Pick<JobSpec, "key" | "adapter" | "params" | "estimatedCostUsd">,
  endpoint: EndpointId,
  requestId: RequestId,
  ctx: JobContext,
): Promise<JobOutcome> {
  const { client } = ctx.ports;
  let answer: Awaited<ReturnType<typeof client.cancel>>;
  try {
    answer = await client.cancel(endpoint, requestId);
  } catch {
    // We could not reach fal to cancel: the job may still finish and be billed, so the ledger
    // keeps it and the next start stores its result.
    return { status: "cancelled" };
  }
  switch (answer) {
    case "already-completed":
      await record(ctx, spec.key, { state: "completed", updatedAt: iso(ctx) });
      return fetchAndStore(spec, endpoint, requestId, { ...ctx, signal: undefined });
    case "cancelled":
    case "not-found":
      await record(ctx, spec.key, { state: "cancelled", updatedAt: iso(ctx) });
      return { status: "cancelled" };
    default: {
      const _: never = answer;
      return _;
    }
  }
}

async function fetchAndStore(
  spec: Pick<JobSpec, "key" | "adapter" | "params" | "estimatedCostUsd">,
  endpoint: EndpointId,
  requestId: RequestId,
  ctx: JobContext,
): Promise<JobOutcome> {
  const { client, cache } = ctx.ports;
  let raw: unknown;
  try {
    // Not tied to Stop: a completed job is paid for, so its result is worth fetching.
    raw = await client.result(endpoint, requestId);
  } catch (e) {
    const err = toNodeError(e, true);
    if (CONTACT_LOST.includes(err.code)) {
      return failed({
        ...err,
        message: `${err.message}. The video is made: Reelflow fetches it on the next run without paying again.`,
      });
    }
    await record(ctx, spec.key, { state: "failed", error: err.message, updatedAt: iso(ctx) });
    return failed(err);
  }
  let entry: CachedResult;
  try {
    const result = spec.adapter.readResult(raw, spec.params);
    entry = { key: spec.key, endpoint, result, requestId, costUsd: spec.estimatedCostUsd, createdAt: iso(ctx) };
  } catch (e) {
    // The job was paid for: what fal sent is kept with it, for whoever finds out why it cannot be read.
    const kept = keepRawResult(raw);
    const unusable = `fal finished the job but its result is unusable: ${messageOf(e).replace(/\.?$/, ".")}`;
    const withWhere = `${unusable} ${rawResultWords(kept)}`;
    const row = { state: "failed", error: withWhere, rawResult: kept.value, updatedAt: iso(ctx) } as const;
    const written = await record(ctx, spec.key, row);
    const message = written ? withWhere : unusable;
    return failed({ code: "bad-result", message, mayHaveBeenCharged: true, rawResult: kept.value });
  }
  let stored: CachedResult;
  try {
    stored = await cache.put(entry);
  } catch (e) {
    // Ledger stays "completed": the next run fetches the result again instead of paying again.
    return failed({
      code: "storage",
      message: `The video is made but could not be stored here: ${messageOf(e)}`,
      mayHaveBeenCharged: true,
    });
  }
  await record(ctx, spec.key, { state: "stored", updatedAt: iso(ctx) });
  return { status: "succeeded", result: stored };
}

/**
 * Stop means stop waiting, whatever the client does with the signal: the engine races the
 * watch against it (a client that misses an abort would otherwise keep a stopped run alive).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined); // the loser of the race must not surface as an unhandled rejection
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException("Stopped", "AbortError"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    // Handlers on one promise run in the order added: the listener goes before the race is settled.
    const stopListening = () => signal.removeEventListener("abort", onAbort);
    work.then(stopListening, stopListening);
    work.then(resolve, reject);
  });
}

/**
 * Ledger writes once a request may exist are best effort: a failing write must not make us
 * abandon a job fal is running and billing. A row left in an earlier state errs on the safe side
 * (the next start re-attaches, finds the stored result, or asks before sending again). Resolves
 * with whether the row was written.
 */
async function record(ctx: JobContext, key: CacheKey, patch: Partial<Omit<Job, "key">>): Promise<boolean> {
  if (!ctx.ports.ledger) return false;
  try {
    await ctx.ports.ledger.update(key, patch);
    return true;
  } catch {
    // See above: deliberately ignored (the caller learns only that the row was not written).
    return false;
  }
}

function toNodeError(e: unknown, mayHaveBeenCharged: boolean): NodeError {
  if (e instanceof InferenceError) return e.toNodeError();
  return { code: "internal", message: messageOf(e), mayHaveBeenCharged };
}

const failed = (error: NodeError): JobOutcome => ({ status: "failed", error });
const iso = (ctx: JobContext) => new Date(ctx.now()).toISOString();
const priceNote = (usd: number | null) => (usd === null ? "" : ` (about $${usd.toFixed(2)})`);

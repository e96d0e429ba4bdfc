import type { NodeId } from "../domain/ids";
import type { InputHandle } from "../nodes/ports";
import type { ImageRef, PortValues, VideoRef } from "../nodes/types";
import { validateParams } from "../nodes/params";
import { isImageResult } from "../nodes/results";
import type { NodeError } from "./errors";
import { InferenceError } from "./errors";
import type { RunEvent } from "./events";
import type { JobContext, JobOutcome } from "./job";
import { runJob } from "./job";
import { Limiter } from "./limiter";
import { MediaUploader } from "./media";
import type { Plan, PlannedGeneration, PlannedNode, PlannedSource } from "./plan";
import { upstreamPairs } from "./upstream";
import type { CachedResult, EnginePorts } from "./ports";
import { shareJob } from "./in-flight";
import { underLease } from "./lease";
import type { RunState, RunTotals } from "./run-state";
import { RunAccumulator } from "./run-state";
import { messageOf } from "../domain/message-of";

/**
 * The only scheduler. Each node starts the moment its own inputs are ready (a slow branch never
 * holds up a fast one), at most `concurrency` fal jobs are in flight, and what happened is told
 * through events only. A failure stops its descendants and nothing else.
 */

export interface ExecuteOptions {
  /** Most fal jobs in flight at once (default 4). Cache hits and uploads do not take a slot. */
  concurrency?: number;
  /** Stop: waiting ends, submitted jobs are cancelled on fal (finished ones are still stored). */
  signal?: AbortSignal;
  onEvent: (e: RunEvent) => void;
  /** Nodes whose earlier submit was lost ("submit-unknown") and that the user chose to submit again. */
  resubmit?: readonly NodeId[];
}

export interface RunSummary {
  /** Every planned generation node succeeded or was cached. */
  ok: boolean;
  cancelled: boolean;
  state: RunState;
  totals: RunTotals;
}

/** What a finished node hands downstream, or why it has nothing to hand. */
type NodeEnd =
  | { ok: true; value: string | ImageRef | VideoRef }
  | { ok: false; status: "failed" | "skipped" | "cancelled"; cause: NodeId };

export async function execute(plan: Plan, ports: EnginePorts, opts: ExecuteOptions): Promise<RunSummary> {
  const run = startRun(plan, ports, opts);
  queueGenerations(run);
  // plan.order is topological, so every upstream promise exists before its consumers ask for it.
  for (const id of plan.order) run.ends.set(id, runNodeSafely(run, plan.nodes.get(id) as PlannedNode));
  const all = await Promise.all(plan.order.map((id) => run.ends.get(id) as Promise<NodeEnd>));
  run.emit({ type: "run-finished", at: run.now() });
  return summaryOf(run, all);
}

/** One run in progress: what every step of it reads, and where each node's end is awaited by its consumers. */
interface Run {
  plan: Plan;
  ports: EnginePorts;
  opts: ExecuteOptions;
  now(): number;
  /** Folds the event into the run's state, then tells the listener. */
  emit(e: RunEvent): void;
  state: RunAccumulator;
  limiter: Limiter;
  workBelow(id: NodeId): number;
  uploader: MediaUploader;
  resubmit: ReadonlySet<NodeId>;
  ends: Map<NodeId, Promise<NodeEnd>>;
}

function startRun(plan: Plan, ports: EnginePorts, opts: ExecuteOptions): Run {
  const state = new RunAccumulator();
  return {
    plan,
    ports,
    opts,
    now: () => ports.clock?.now() ?? Date.now(),
    emit: (e) => {
      state.apply(e);
      try {
        opts.onEvent(e);
      } catch (err) {
        // A broken listener (UI, CLI printer) must not stop jobs that are being paid for.
        console.error("Reelflow: a run event listener failed", err);
      }
    },
    state,
    limiter: new Limiter(opts.concurrency ?? 4),
    workBelow: longestWorkBelow(plan),
    uploader: new MediaUploader(ports),
    resubmit: new Set(opts.resubmit ?? []),
    ends: new Map(),
  };
}

function queueGenerations(run: Run): void {
  const generationIds = run.plan.order.filter((id) => run.plan.nodes.get(id)?.role === "generation");
  run.emit({ type: "run-started", at: run.now(), nodeIds: generationIds });
  for (const id of generationIds) run.emit({ type: "queued", nodeId: id, at: run.now() });
}

async function runNodeSafely(run: Run, node: PlannedNode): Promise<NodeEnd> {
  try {
    return await runNode(run, node);
  } catch (e) {
    // A port failed outside a job (e.g. the cache could not be read): fail this node only.
    const message = `${node.title} ${node.id}: ${messageOf(e)}`;
    return failedEnd(run, node, { code: errorCodeOf(e) ?? "internal", message, mayHaveBeenCharged: false });
  }
}

/** Waits for the node's inputs, then makes its output, or says why it has none. */
async function runNode(run: Run, node: PlannedNode): Promise<NodeEnd> {
  // A pinned node needs nothing from its inputs (they may not even be in the plan): it is only looked up.
  if (node.role === "generation" && node.pinned)
    return run.opts.signal?.aborted ? cancelledEnd(run, node) : servePinned(run, node);
  const upstream = node.role === "generation" ? upstreamPairs(node.upstream) : [];
  const inputs = await Promise.all(
    upstream.map(async ([port, up]) => [port, await (run.ends.get(up) as Promise<NodeEnd>)] as const),
  );
  const broken = inputs.find(([, end]) => !end.ok);
  if (broken && !broken[1].ok) return endOfBrokenInput(run, node, broken[1]);
  if (run.opts.signal?.aborted) {
    if (node.role === "generation") run.emit({ type: "cancelled", nodeId: node.id, at: run.now() });
    return { ok: false, status: "cancelled", cause: node.id };
  }
  if (node.role === "source") return runSource(run, node);
  const values: PortValues = {};
  // In edge order, so a port that takes several (reference images) gets them in the order they were wired.
  for (const [handle, end] of inputs) if (end.ok) assignInput(values, handle, end.value);
  if (node.typed.prompt !== undefined) values.prompt = node.typed.prompt;
  return runGeneration(run, node, values);
}

/** An input that ended without a value: a cancelled one cancels this node, any other skips it. */
function endOfBrokenInput(run: Run, node: PlannedNode, input: Extract<NodeEnd, { ok: false }>): NodeEnd {
  const { status, cause } = input;
  if (status === "cancelled") run.emit({ type: "cancelled", nodeId: node.id, at: run.now() });
  else run.emit({ type: "skipped", nodeId: node.id, because: cause, at: run.now() });
  return { ok: false, status: status === "cancelled" ? "cancelled" : "skipped", cause };
}

function cancelledEnd(run: Run, node: PlannedNode): NodeEnd {
  run.emit({ type: "cancelled", nodeId: node.id, at: run.now() });
  return { ok: false, status: "cancelled", cause: node.id };
}

function failedEnd(run: Run, node: PlannedNode, error: NodeError): NodeEnd {
  run.emit({ type: "failed", nodeId: node.id, error, at: run.now() });
  return { ok: false, status: "failed", cause: node.id };
}

/** A pinned take comes from the cache or not at all: re-running it would make a different video. */
async function servePinned(run: Run, node: PlannedGeneration): Promise<NodeEnd> {
  const hit = await run.ports.cache.get(node.key);
  if (hit) {
    run.emit({ type: "cached", nodeId: node.id, result: hit, at: run.now() });
    return outputEnd(run, node, hit);
  }
  return failedEnd(run, node, {
    code: "invalid-input",
    message: `${node.title} ${node.id}: the pinned take is no longer stored here: unpin it to make a new one`,
    mayHaveBeenCharged: false,
  });
}

async function runSource(run: Run, node: PlannedSource): Promise<NodeEnd> {
  const v = node.value;
  switch (v.kind) {
    case "text":
      return { ok: true, value: v.text };
    case "media":
      try {
        const url = await run.uploader.urlFor(v.media);
        return { ok: true, value: node.kind === "video" ? { url, videoId: null } : { url } };
      } catch (e) {
        return failedEnd(run, node, {
          code: errorCodeOf(e) ?? "network",
          message: `${node.title} ${node.id}: could not upload the ${node.kind}: ${messageOf(e)}`,
          mayHaveBeenCharged: false,
        });
      }
    default: {
      const _: never = v;
      return _;
    }
  }
}

/** Served from the cache when it can be, else made by one job (shared with any other caller of its key). */
async function runGeneration(run: Run, node: PlannedGeneration, portValues: PortValues): Promise<NodeEnd> {
  const hit = await run.ports.cache.get(node.key);
  // A result flagged simulated (a demo take) is never served to a run as if it had been made.
  if (hit && !hit.simulated) {
    run.emit({ type: "cached", nodeId: node.id, result: hit, at: run.now() });
    return outputEnd(run, node, hit);
  }
  const accept = (stored: CachedResult) => !stored.simulated;
  const { ports, opts } = run;
  const outcome = await shareJob(ports.cache, node.key, () =>
    underLease(ports, node.key, opts.signal, accept, () => jobInSlot(run, node, portValues)),
  );
  return endOfOutcome(run, node, outcome);
}

/** The job itself, once a fal slot is free (nodes heading the longest work get one first). */
async function jobInSlot(run: Run, node: PlannedGeneration, portValues: PortValues): Promise<JobOutcome> {
  const { ports, opts, now } = run;
  const release = await run.limiter.acquire(opts.signal, run.workBelow(node.id));
  if (!release) return { status: "cancelled" };
  try {
    const ctx: JobContext = {
      ports,
      signal: opts.signal,
      now,
      emit: (e) => run.emit({ ...e, nodeId: node.id, at: now() }),
      onFalDone: release,
    };
    return await runJob(
      {
        nodeId: node.id,
        workflowName: run.plan.workflowName,
        key: node.key,
        adapter: node.adapter,
        params: node.params,
        estimatedCostUsd: node.price.usd,
        buildInput: () => buildChecked(node, portValues),
        resubmitUnknown: run.resubmit.has(node.id),
      },
      ctx,
    );
  } catch (e) {
    // A port broke its contract (e.g. the ledger threw): report it on the node, keep the run going.
    return {
      status: "failed",
      error: { code: errorCodeOf(e) ?? "internal", message: messageOf(e), mayHaveBeenCharged: true },
    };
  } finally {
    release();
  }
}

function endOfOutcome(run: Run, node: PlannedGeneration, outcome: JobOutcome): NodeEnd {
  switch (outcome.status) {
    case "succeeded":
      run.emit({
        type: outcome.reused ? "cached" : "succeeded",
        nodeId: node.id,
        result: outcome.result,
        at: run.now(),
      });
      return outputEnd(run, node, outcome.result);
    case "failed":
      return failedEnd(run, node, outcome.error);
    case "cancelled":
      return cancelledEnd(run, node);
    default: {
      const _: never = outcome;
      return _;
    }
  }
}

function summaryOf(run: Run, all: readonly NodeEnd[]): RunSummary {
  const { plan } = run;
  const ok = plan.order.every((id, i) => plan.nodes.get(id)?.role !== "generation" || all[i]?.ok === true);
  const final = run.state.state();
  return { ok, cancelled: run.opts.signal?.aborted === true, state: final, totals: final.totals };
}

/**
 * The plan checked params before upstream results existed; now that they do (the video's Sora id
 * and length, the uploaded image), check again, so what fal would refuse with a 422 is refused
 * here without a request.
 */
function buildChecked(node: PlannedGeneration, ports: PortValues): Record<string, unknown> {
  const issue = validateParams(node.adapter, node.params, ports)[0];
  if (issue) {
    throw new InferenceError({
      code: "invalid-input",
      field: issue.field,
      message: `${node.title} ${node.id}: ${issue.field}: ${issue.message}`,
    });
  }
  return node.adapter.buildInput(node.params, ports, { feedsRemix: node.feedsRemix });
}

/** Puts what arrived on an input handle into the PortValues field a model's `buildInput` reads. */
function assignInput(ports: PortValues, handle: InputHandle, value: string | ImageRef | VideoRef): void {
  switch (handle) {
    case "prompt":
      if (typeof value === "string") ports.prompt = value;
      return;
    case "image":
      if (typeof value !== "string") ports.image = { url: value.url };
      return;
    case "end_image":
      if (typeof value !== "string") ports.endImage = { url: value.url };
      return;
    case "images":
      if (typeof value !== "string") ports.images = [...(ports.images ?? []), { url: value.url }];
      return;
    case "video":
      if (typeof value !== "string") ports.video = value;
      return;
    default: {
      const _: never = handle;
      return _;
    }
  }
}

/**
 * What a node's result hands downstream: its video, or the chosen image of an image result (`node.image`, the
 * chosen take's). A choice the result cannot meet (a file naming image 3 of a batch of 2) fails the node.
 */
function outputEnd(run: Run, node: PlannedGeneration, r: CachedResult): NodeEnd {
  const result = r.result;
  if (!isImageResult(result)) {
    const { video, videoId, durationSec } = result;
    return { ok: true, value: { url: video.url, videoId, producedBy: r.endpoint, durationSec } };
  }
  const image = result.images[node.image];
  if (image) return { ok: true, value: { url: image.url } };
  const count = result.images.length;
  return failedEnd(run, node, {
    code: "invalid-input",
    message:
      `${node.title} ${node.id}: the chosen image (number ${node.image + 1}) is not in its result, ` +
      `which holds ${count} image${count === 1 ? "" : "s"}: choose one of them`,
    mayHaveBeenCharged: false,
  });
}

function errorCodeOf(e: unknown): NodeError["code"] | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && e instanceof Error && e.name === "InferenceError"
    ? (code as NodeError["code"])
    : undefined;
}

/** Seconds a generation is assumed to take, relative to others, when its length is unknown. */
const UNKNOWN_JOB_WEIGHT = 5;

/**
 * For each node, the longest chain of generation work from it to a sink, weighted by seconds
 * of video (a fair proxy for how long fal takes). Nodes heading long chains get fal slots first,
 * the classic critical-path rule that keeps a deep branch from finishing alone at the end.
 */
function longestWorkBelow(plan: Plan): (id: NodeId) => number {
  const memo = new Map<NodeId, number>();
  // Reverse topological order: every child is known before its parent.
  for (const id of [...plan.order].reverse()) {
    const node = plan.nodes.get(id);
    const own = node?.role === "generation" ? (node.durationSec ?? UNKNOWN_JOB_WEIGHT) : 0;
    const below = Math.max(0, ...(plan.children.get(id) ?? []).map((c) => memo.get(c) ?? 0));
    memo.set(id, own + below);
  }
  return (id) => memo.get(id) ?? 0;
}

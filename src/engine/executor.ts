import type { NodeId } from "../domain/ids";
import type { InputHandle } from "../nodes/ports";
import type { ImageRef, PortValues, VideoRef } from "../nodes/types";
import { validateParams } from "../nodes/params";
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
  const now = () => ports.clock?.now() ?? Date.now();
  const limiter = new Limiter(opts.concurrency ?? 4);
  const workBelow = longestWorkBelow(plan);
  const uploader = new MediaUploader(ports);
  const resubmit = new Set(opts.resubmit ?? []);
  const state = new RunAccumulator();
  const emit = (e: RunEvent) => {
    state.apply(e);
    try {
      opts.onEvent(e);
    } catch (err) {
      // A broken listener (UI, CLI printer) must not stop jobs that are being paid for.
      console.error("Reelflow: a run event listener failed", err);
    }
  };

  const generationIds = plan.order.filter((id) => plan.nodes.get(id)?.role === "generation");
  emit({ type: "run-started", at: now(), nodeIds: generationIds });
  for (const id of generationIds) emit({ type: "queued", nodeId: id, at: now() });

  const ends = new Map<NodeId, Promise<NodeEnd>>();
  const runNode = async (node: PlannedNode): Promise<NodeEnd> => {
    // A pinned node needs nothing from its inputs (they may not even be in the plan): it is only looked up.
    if (node.role === "generation" && node.pinned) return opts.signal?.aborted ? cancelledEnd(node) : servePinned(node);
    const upstream = node.role === "generation" ? upstreamPairs(node.upstream) : [];
    const inputs = await Promise.all(upstream.map(async ([port, up]) => [port, await (ends.get(up) as Promise<NodeEnd>)] as const));
    const broken = inputs.find(([, end]) => !end.ok);
    if (broken && !broken[1].ok) {
      const { status, cause } = broken[1];
      if (status === "cancelled") emit({ type: "cancelled", nodeId: node.id, at: now() });
      else emit({ type: "skipped", nodeId: node.id, because: cause, at: now() });
      return { ok: false, status: status === "cancelled" ? "cancelled" : "skipped", cause };
    }
    if (opts.signal?.aborted) {
      if (node.role === "generation") emit({ type: "cancelled", nodeId: node.id, at: now() });
      return { ok: false, status: "cancelled", cause: node.id };
    }
    if (node.role === "source") return runSource(node);
    const values: PortValues = {};
    // In edge order, so a port that takes several (reference images) gets them in the order they were wired.
    for (const [handle, end] of inputs) if (end.ok) assignInput(values, handle, end.value);
    if (node.typed.prompt !== undefined) values.prompt = node.typed.prompt;
    return runGeneration(node, values);
  };

  const cancelledEnd = (node: PlannedGeneration): NodeEnd => {
    emit({ type: "cancelled", nodeId: node.id, at: now() });
    return { ok: false, status: "cancelled", cause: node.id };
  };

  /** A pinned take comes from the cache or not at all: re-running it would make a different video. */
  const servePinned = async (node: PlannedGeneration): Promise<NodeEnd> => {
    const hit = await ports.cache.get(node.key);
    if (hit) {
      emit({ type: "cached", nodeId: node.id, result: hit, at: now() });
      return { ok: true, value: videoRefOf(hit) };
    }
    const error: NodeError = {
      code: "invalid-input",
      message: `${node.title} ${node.id}: the pinned take is no longer stored here: unpin it to make a new one`,
      mayHaveBeenCharged: false,
    };
    emit({ type: "failed", nodeId: node.id, error, at: now() });
    return { ok: false, status: "failed", cause: node.id };
  };

  const runSource = async (node: PlannedSource): Promise<NodeEnd> => {
    const v = node.value;
    switch (v.kind) {
      case "text":
        return { ok: true, value: v.text };
      case "media":
        try {
          const url = await uploader.urlFor(v.media);
          return { ok: true, value: node.kind === "video" ? { url, videoId: null } : { url } };
        } catch (e) {
          const error: NodeError = {
            code: errorCodeOf(e) ?? "network",
            message: `${node.title} ${node.id}: could not upload the ${node.kind}: ${messageOf(e)}`,
            mayHaveBeenCharged: false,
          };
          emit({ type: "failed", nodeId: node.id, error, at: now() });
          return { ok: false, status: "failed", cause: node.id };
        }
      default: {
        const _: never = v;
        return _;
      }
    }
  };

  const runGeneration = async (node: PlannedGeneration, portValues: PortValues): Promise<NodeEnd> => {
    const key = node.key;
    const hit = await ports.cache.get(key);
    // A result flagged simulated (a demo take) is never served to a run as if it had been made.
    if (hit && !hit.simulated) {
      emit({ type: "cached", nodeId: node.id, result: hit, at: now() });
      return { ok: true, value: videoRefOf(hit) };
    }
    const accept = (stored: CachedResult) => !stored.simulated;
    const job = shareJob(ports.cache, key, () => underLease(ports, key, opts.signal, accept, async (): Promise<JobOutcome> => {
      const release = await limiter.acquire(opts.signal, workBelow(node.id));
      if (!release) return { status: "cancelled" };
      try {
        const ctx: JobContext = {
          ports,
          signal: opts.signal,
          now,
          emit: (e) => emit({ ...e, nodeId: node.id, at: now() } as RunEvent),
          onFalDone: release,
        };
        return await runJob(
          {
            nodeId: node.id,
            workflowName: plan.workflowName,
            key,
            adapter: node.adapter,
            params: node.params,
            estimatedCostUsd: node.price.usd,
            buildInput: () => buildChecked(node, portValues),
            resubmitUnknown: resubmit.has(node.id),
          },
          ctx,
        );
      } catch (e) {
        // A port broke its contract (e.g. the ledger threw): report it on the node, keep the run going.
        return { status: "failed", error: { code: errorCodeOf(e) ?? "internal", message: messageOf(e), mayHaveBeenCharged: true } };
      } finally {
        release();
      }
    }));
    const outcome = await job;
    switch (outcome.status) {
      case "succeeded":
        emit({ type: outcome.reused ? "cached" : "succeeded", nodeId: node.id, result: outcome.result, at: now() });
        return { ok: true, value: videoRefOf(outcome.result) };
      case "failed":
        emit({ type: "failed", nodeId: node.id, error: outcome.error, at: now() });
        return { ok: false, status: "failed", cause: node.id };
      case "cancelled":
        emit({ type: "cancelled", nodeId: node.id, at: now() });
        return { ok: false, status: "cancelled", cause: node.id };
      default: {
        const _: never = outcome;
        return _;
      }
    }
  };

  // plan.order is topological, so every upstream promise exists before its consumers ask for it.
  const runNodeSafely = async (node: PlannedNode): Promise<NodeEnd> => {
    try {
      return await runNode(node);
    } catch (e) {
      // A port failed outside a job (e.g. the cache could not be read): fail this node only.
      const error: NodeError = { code: errorCodeOf(e) ?? "internal", message: `${node.title} ${node.id}: ${messageOf(e)}`, mayHaveBeenCharged: false };
      emit({ type: "failed", nodeId: node.id, error, at: now() });
      return { ok: false, status: "failed", cause: node.id };
    }
  };
  for (const id of plan.order) ends.set(id, runNodeSafely(plan.nodes.get(id) as PlannedNode));
  const all = await Promise.all(plan.order.map((id) => ends.get(id) as Promise<NodeEnd>));
  emit({ type: "run-finished", at: now() });

  const ok = plan.order.every((id, i) => plan.nodes.get(id)?.role !== "generation" || all[i]?.ok === true);
  const final = state.state();
  return { ok, cancelled: opts.signal?.aborted === true, state: final, totals: final.totals };
}

/**
 * The plan checked params before upstream results existed; now that they do (the video's Sora id
 * and length, the uploaded image), check again, so what fal would refuse with a 422 is refused
 * here without a request.
 */
function buildChecked(node: PlannedGeneration, ports: PortValues): Record<string, unknown> {
  const issue = validateParams(node.adapter, node.params, ports)[0];
  if (issue) {
    throw new InferenceError({ code: "invalid-input", field: issue.field, message: `${node.title} ${node.id}: ${issue.field}: ${issue.message}` });
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
      if (typeof value !== "string") ports.video = value as VideoRef;
      return;
    default: {
      const _: never = handle;
      return _;
    }
  }
}

export function videoRefOf(r: CachedResult): VideoRef {
  return { url: r.result.video.url, videoId: r.result.videoId, producedBy: r.endpoint, durationSec: r.result.durationSec };
}

function errorCodeOf(e: unknown): NodeError["code"] | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && e instanceof Error && e.name === "InferenceError" ? (code as NodeError["code"]) : undefined;
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

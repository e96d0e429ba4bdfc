import type { CacheKey, NodeId, WorkflowId } from "../domain/ids";
import { type LineageStep, type Take, type TakeInput } from "../domain/take";
import type { GenerationKind, ParamValue } from "../domain/workflow";
import type { Plan } from "./plan";
import { upstreamPairs } from "./upstream";
import { takesOfImages } from "./image-takes";
import type { CachedResult } from "./ports";

/**
 * Takes from the engine's side: what a result of a planned node is as a take (what made it), the
 * chain of takes behind a take, and how takes differ. Storage is the app's (src/adapters/db).
 */

export interface TakeFromResultInput {
  workflowId: WorkflowId;
  plan: Plan;
  /** The planned node that produced the result (a sweep's clone, or the node itself). */
  runNodeId: NodeId;
  /** The node the take belongs to; default `runNodeId` (a sweep files its clones' results under the swept node). */
  nodeId?: NodeId;
  /** Only its request id is read (null while the job is still at fal). */
  result: Pick<CachedResult, "requestId">;
  /** Paid for by this run (not from the cache, not simulated). */
  paid: boolean;
  sweep?: { param: string; value: ParamValue } | null;
  now: Date;
}

/**
 * The take a result is. Its `key` is the PLANNED key (what `data.take.key` must hold for the plan
 * to choose it again); in demo mode the result itself is stored under `sim:` + that key.
 */
export function takeFromResult(input: TakeFromResultInput): Take {
  const { plan, runNodeId, result } = input;
  const node = plan.nodes.get(runNodeId);
  if (node?.role !== "generation") throw new Error(`takeFromResult: ${runNodeId} is not a planned video node`);
  const inputs: TakeInput[] = [];
  let prompt: string | null = node.typed.prompt ?? null;
  // Every input, each edge of a port that takes several (reference images) in its order: lineage shows them all.
  for (const [port, upId] of upstreamPairs(node.upstream)) {
    const up = plan.nodes.get(upId);
    if (!up) continue; // only a pinned node's inputs can be left out of a plan, and a pinned node makes no new take
    // A generation feeds its chosen take (for an image batch, the chosen image), so lineage finds that take.
    const key = up.role === "generation" ? up.outputKey : up.key;
    const entry: TakeInput = { port, nodeId: up.id, key, kind: up.kind };
    if (up.role === "source" && up.value.kind === "text") {
      entry.text = up.value.text;
      if (port === "prompt") prompt = up.value.text;
    }
    inputs.push(entry);
  }
  return {
    workflowId: input.workflowId,
    nodeId: input.nodeId ?? runNodeId,
    key: node.key,
    variant: node.variant,
    endpoint: node.endpoint,
    params: { ...node.params },
    prompt,
    inputs,
    costUsd: input.paid ? node.price.usd : 0,
    requestId: result.requestId,
    createdAt: input.now.toISOString(),
    sweep: input.sweep ?? null,
  };
}

export interface TakesFromResultInput extends Omit<TakeFromResultInput, "result"> {
  /** Its request id, and its result: an image result files one take per image. */
  result: Pick<CachedResult, "requestId" | "result">;
}

/**
 * The takes a result is: one for a video, one per image for an image result (image i keyed
 * `imageTakeKey(key, i)`, `image: i`). The job's cost is shared evenly among its images, so adding up takes
 * never counts a batch more than once.
 */
export function takesFromResult(input: TakesFromResultInput): Take[] {
  return takesOfImages(takeFromResult(input), input.result);
}

const GENERATION_KINDS: readonly string[] = [
  "text-to-video",
  "image-to-video",
  "remix",
  "text-to-image",
  "image-edit",
] satisfies GenerationKind[];

/**
 * The chain behind a take, depth-first in input order: the take (depth 0), then for each input
 * the upstream take (and its own inputs below it), a source (prompt text, image, video), or a
 * `missing-take` when the upstream take is no longer kept.
 */
export async function lineageOf(
  take: Take,
  lookup: (nodeId: NodeId, key: CacheKey) => Promise<Take | undefined>,
): Promise<LineageStep[]> {
  const steps: LineageStep[] = [];
  const onPath = new Set<string>();
  const walk = async (t: Take, depth: number, port: string | null): Promise<void> => {
    steps.push({ kind: "take", depth, port, take: t });
    const id = `${t.nodeId}\u0000${t.key}`;
    if (onPath.has(id)) return; // a damaged store could make a loop; never walk it forever
    onPath.add(id);
    for (const input of t.inputs) {
      if (!GENERATION_KINDS.includes(input.kind)) {
        steps.push({ kind: "source", depth: depth + 1, port: input.port, input });
        continue;
      }
      const up = await lookup(input.nodeId, input.key);
      if (up) await walk(up, depth + 1, input.port);
      else
        steps.push({ kind: "missing-take", depth: depth + 1, port: input.port, nodeId: input.nodeId, key: input.key });
    }
    onPath.delete(id);
  };
  await walk(take, 0, null);
  return steps;
}

export interface ParamDiff {
  /** "endpoint", "prompt", or a param name. */
  name: string;
  /** One per take, in the order given; null where a take has none. */
  values: (ParamValue | null)[];
}

/** Rows where the takes differ: model, prompt, then every param any of them has (in first-seen order). */
export function paramDiffs(takes: readonly Take[]): ParamDiff[] {
  const names: string[] = [];
  for (const t of takes) for (const name of Object.keys(t.params)) if (!names.includes(name)) names.push(name);
  const rows: ParamDiff[] = [
    { name: "endpoint", values: takes.map((t) => t.endpoint) },
    { name: "prompt", values: takes.map((t) => t.prompt) },
    ...names.map((name) => ({
      name,
      values: takes.map((t) => (Object.hasOwn(t.params, name) ? (t.params[name] as ParamValue) : null)),
    })),
  ];
  return rows.filter((r) => r.values.some((v) => v !== r.values[0]));
}

import { edgeId, endpointId, nodeId } from "../../src/domain/ids";
import type { Workflow, WorkflowEdge, WorkflowNode } from "../../src/domain/workflow";

/**
 * Seeded random workflows for benchmarks: Sora text-to-video roots and Remix nodes, each
 * remix taking the video of an earlier generation, so the graph is a random forest of
 * dependent jobs with shared prompt sources. Each generation's prompt carries its fake
 * latency (`[ms=830]`), which the fake fal honours, so the lower bound is computable.
 */
export interface RandomDag {
  workflow: Workflow;
  /** Generation node id → job latency in ms. */
  latencyMs: Map<string, number>;
  /** Generation node id → the generation it depends on, if any. */
  parent: Map<string, string | undefined>;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomDag(opts: {
  generations: number;
  seed: number;
  minMs: number;
  maxMs: number;
  rootShare?: number;
}): RandomDag {
  const rand = mulberry32(opts.seed);
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const latencyMs = new Map<string, number>();
  const parent = new Map<string, string | undefined>();
  const gens: string[] = [];
  const rootShare = opts.rootShare ?? 0.25;
  let e = 0;
  for (let i = 0; i < opts.generations; i++) {
    const ms = Math.round(opts.minMs + rand() * (opts.maxMs - opts.minMs));
    const isRoot = gens.length === 0 || rand() < rootShare;
    const id = `g${i}`;
    latencyMs.set(id, ms);
    const prompt = `bench job ${i} [ms=${ms}]`;
    if (isRoot) {
      nodes.push({
        id: nodeId(id),
        type: "text-to-video",
        position: { x: 0, y: i * 10 },
        data: { endpoint: endpointId("fal-ai/sora-2/text-to-video"), params: { prompt } },
      });
      parent.set(id, undefined);
    } else {
      // Prefer recent parents a little, which makes chains deeper than uniform choice would.
      const from = gens[Math.floor(gens.length * Math.sqrt(rand()))] ?? gens[0]!;
      nodes.push({
        id: nodeId(id),
        type: "remix",
        position: { x: 300, y: i * 10 },
        data: { endpoint: endpointId("fal-ai/sora-2/video-to-video/remix"), params: { prompt } },
      });
      edges.push({
        id: edgeId(`e${e++}`),
        source: nodeId(from),
        sourceHandle: "video",
        target: nodeId(id),
        targetHandle: "video",
      });
      parent.set(id, from);
    }
    gens.push(id);
  }
  return {
    workflow: { format: "reelflow/workflow", version: 1, name: `bench-${opts.seed}`, nodes, edges },
    latencyMs,
    parent,
  };
}

/** max(critical path, total work ÷ concurrency): no schedule can finish sooner. */
export function makespanLowerBound(
  dag: RandomDag,
  concurrency: number,
): { criticalPathMs: number; workOverConcurrencyMs: number; boundMs: number } {
  const finish = new Map<string, number>();
  const finishOf = (id: string): number => {
    const known = finish.get(id);
    if (known !== undefined) return known;
    const p = dag.parent.get(id);
    const f = (p ? finishOf(p) : 0) + (dag.latencyMs.get(id) ?? 0);
    finish.set(id, f);
    return f;
  };
  let criticalPathMs = 0;
  let work = 0;
  for (const [id, ms] of dag.latencyMs) {
    criticalPathMs = Math.max(criticalPathMs, finishOf(id));
    work += ms;
  }
  const workOverConcurrencyMs = work / concurrency;
  return { criticalPathMs, workOverConcurrencyMs, boundMs: Math.max(criticalPathMs, workOverConcurrencyMs) };
}

/** The latency a bench prompt asks for. */
export function latencyFromPrompt(body: unknown): number | undefined {
  const prompt = (body as { prompt?: unknown } | null)?.prompt;
  const m = typeof prompt === "string" ? /\[ms=(\d+)\]/.exec(prompt) : null;
  return m ? Number(m[1]) : undefined;
}

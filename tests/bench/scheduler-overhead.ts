import { execute } from "../../src/engine/executor";
import { planWorkflow } from "../../src/engine/plan";
import { MemoryCache, MemoryFal } from "../engine/helpers/memory-ports";
import { randomDag } from "./random-dag";

/**
 * Benchmark 2: scheduler overhead per node, 1,000 generation nodes whose jobs finish at once
 * (an in-memory fal), so every millisecond measured is the engine's own. Target < 1 ms/node.
 */
export interface OverheadFigures {
  nodes: number;
  planMs: number;
  executeMs: number;
  perNodeMs: number;
}

export async function benchSchedulerOverhead(opts: {
  generations: number;
  concurrency: number;
}): Promise<OverheadFigures> {
  const dag = randomDag({ generations: opts.generations, seed: 7, minMs: 0, maxMs: 0 });
  const t0 = performance.now();
  const planned = await planWorkflow(dag.workflow);
  const planMs = performance.now() - t0;
  if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
  const fal = new MemoryFal();
  const t1 = performance.now();
  const summary = await execute(
    planned.plan,
    { client: fal, cache: new MemoryCache() },
    { concurrency: opts.concurrency, onEvent: () => undefined },
  );
  const executeMs = performance.now() - t1;
  if (!summary.ok || fal.submits.length !== opts.generations)
    throw new Error(`expected ${opts.generations} jobs, ran ${fal.submits.length}`);
  return { nodes: opts.generations, planMs, executeMs, perNodeMs: executeMs / opts.generations };
}

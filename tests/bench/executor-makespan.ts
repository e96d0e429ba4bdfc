import { createFalInferenceClient } from "../../src/adapters/fal/client";
import { execute } from "../../src/engine/executor";
import { planWorkflow } from "../../src/engine/plan";
import { MemoryCache } from "../engine/helpers/memory-ports";
import { startFakeFal } from "../fake-fal/server";
import { latencyFromPrompt, makespanLowerBound, randomDag } from "./random-dag";

/**
 * Benchmark 1: executor makespan on random DAGs through the fake fal and the real client,
 * against the lower bound max(critical path, total work ÷ concurrency). Target ratio ≤ 1.05.
 */
export interface MakespanFigures {
  seed: number;
  nodes: number;
  concurrency: number;
  makespanMs: number;
  criticalPathMs: number;
  workOverConcurrencyMs: number;
  ratio: number;
}

export async function benchMakespan(opts: {
  generations: number;
  seeds: number[];
  concurrency: number;
  minMs: number;
  maxMs: number;
}): Promise<MakespanFigures[]> {
  const out: MakespanFigures[] = [];
  for (const seed of opts.seeds) {
    const fake = await startFakeFal({
      switches: {
        queuePositionStart: 0,
        streamIntervalMs: 5,
        latencyOf: (_endpoint, body) => {
          const ms = latencyFromPrompt(body);
          return ms === undefined ? undefined : { queueMs: 0, runMs: ms };
        },
      },
    });
    try {
      const dag = randomDag({ generations: opts.generations, seed, minMs: opts.minMs, maxMs: opts.maxMs });
      const planned = await planWorkflow(dag.workflow);
      if (!planned.ok)
        throw new Error(`bench workflow does not plan: ${planned.errors.map((e) => e.message).join("; ")}`);
      const client = createFalInferenceClient({ proxyUrl: fake.url, pollIntervalMs: 20 });
      const started = performance.now();
      const summary = await execute(
        planned.plan,
        { client, cache: new MemoryCache() },
        { concurrency: opts.concurrency, onEvent: () => undefined },
      );
      const makespanMs = performance.now() - started;
      if (!summary.ok) throw new Error(`bench run failed: ${JSON.stringify(summary.totals)}`);
      const bound = makespanLowerBound(dag, opts.concurrency);
      out.push({
        seed,
        nodes: opts.generations,
        concurrency: opts.concurrency,
        makespanMs,
        criticalPathMs: bound.criticalPathMs,
        workOverConcurrencyMs: bound.workOverConcurrencyMs,
        ratio: makespanMs / bound.boundMs,
      });
    } finally {
      await fake.close();
    }
  }
  return out;
}

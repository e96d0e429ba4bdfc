import { describe, expect, it } from "vitest";
import { benchMakespan } from "./executor-makespan";
import { makespanLowerBound, randomDag } from "./random-dag";
import { benchRequestsPerJob } from "./requests-per-job";
import { benchSchedulerOverhead } from "./scheduler-overhead";

// Small runs of the benchmarks so CI notices when one breaks. Figures are printed by
// `npm run bench`; nothing here asserts a duration (that would flake on a busy machine).
describe("benchmarks (smoke)", () => {
  it("the random DAG's lower bound is what its latencies imply", () => {
    const dag = randomDag({ generations: 30, seed: 3, minMs: 100, maxMs: 100 });
    const roots = [...dag.parent.values()].filter((p) => p === undefined).length;
    expect(roots).toBeGreaterThan(0);
    const b = makespanLowerBound(dag, 4);
    expect(b.workOverConcurrencyMs).toBe((30 * 100) / 4);
    expect(b.criticalPathMs % 100).toBe(0);
    expect(b.boundMs).toBe(Math.max(b.criticalPathMs, b.workOverConcurrencyMs));
  });

  it("runs a random DAG through the fake fal no faster than the lower bound allows", async () => {
    const [m] = await benchMakespan({ generations: 8, seeds: [5], concurrency: 3, minMs: 60, maxMs: 120 });
    expect(m).toBeDefined();
    expect(m!.ratio).toBeGreaterThanOrEqual(0.99);
  });

  it("runs every instant job once and reports a per-node overhead", async () => {
    const o = await benchSchedulerOverhead({ generations: 60, concurrency: 4 });
    expect(o.nodes).toBe(60);
    expect(o.perNodeMs).toBeGreaterThan(0);
  });

  it("one job costs one submit, one result and one status stream", async () => {
    const r = await benchRequestsPerJob({ queueMs: 100, runMs: 400 });
    expect(r).toMatchObject({ submit: 1, result: 1, stream: 1, status: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { benchCatalogueSearch, typedQueries } from "./catalogue-search";
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

  it("catalogue search over 500 models: every keystroke answers the rows a plain word filter finds", async () => {
    const f = await benchCatalogueSearch({ modelsOfKind: 500, rounds: 1 });
    expect(f.modelsOfKind).toBeGreaterThanOrEqual(500);
    expect(f.all.service.every((e) => e.kind === "text-to-video")).toBe(true);
    expect(f.all.service).toHaveLength(f.all.picker.length);
    // The reference: every word of the query in the row's endpoint id or name, in the unfiltered list's order.
    const matching = (query: string, rows: { endpoint: string; name: string }[]) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const found = rows.filter((r) => words.every((w) => `${r.endpoint} ${r.name}`.toLowerCase().includes(w)));
      return found.map((r) => r.endpoint);
    };
    const pickerRows = f.all.picker.map((e) => ({ endpoint: e.endpoint, name: e.label }));
    expect(f.rows.map((r) => r.query)).toEqual(typedQueries());
    for (const { query, service, picker } of f.rows) {
      expect({ query, service }).toEqual({ query, service: matching(query, f.all.service) });
      const shown = matching(query, pickerRows);
      const drawn = { rows: shown.slice(0, 50), more: Math.max(0, shown.length - 50) };
      expect({ query, picker }).toEqual({ query, picker: drawn });
    }
    // "k" finds more than the picker draws; the typo finds nothing; the last query finds Kling O3 Pro (curated,
    // first) and its copies.
    expect(f.rows[0]?.picker.more).toBeGreaterThan(0);
    expect(f.rows.find((r) => r.query === "kling o3 pri")?.service).toEqual([]);
    const o3 = "fal-ai/kling-video/o3/pro/text-to-video";
    const copies = Array.from({ length: f.copies - 1 }, (_, i) => `${o3}/copy-${i + 2}`);
    expect(f.rows.at(-1)?.service).toEqual([o3, ...copies]);
    expect(f.all.service.find((e) => e.endpoint === o3)?.curated).toBe(true);
    for (const t of [f.service, f.picker, f.baseline]) expect(t.worstMs).toBeGreaterThanOrEqual(t.medianMs);
  });
});

import { describe, expect, it } from "vitest";
import { adaptersFor } from "../../../src/nodes/registry";
import { entryOf, filterEntries, mergeEntries, type ModelEntry } from "../../../src/ui/models/model-list";
import { MAX_ROWS } from "../../../src/ui/models/use-picker-models";
import { manyModels } from "./fake-models";

// Issue 15's budget: search over 500 models answers within one frame per keystroke. The picker makes its rows once
// (lowercase search strings, price words) and each keystroke only filters them, keeping at most MAX_ROWS. This
// checks the rows for every prefix of a typed query against a plain reference filter, and prints the time per
// keystroke; it asserts no duration (a loaded machine would make that flake).
describe("model picker search over 500 models (bench-style)", () => {
  const entries: ModelEntry[] = mergeEntries(adaptersFor("text-to-video").map(entryOf), manyModels(500).map(entryOf));

  /** The reference: every word of the query somewhere in the label, endpoint, family, variant or mark. */
  const reference = (query: string) => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return entries.filter((e) =>
      words.every((w) =>
        `${e.label} ${e.endpoint} ${e.adapter?.family} ${e.adapter?.variant} ${e.mark}`.toLowerCase().includes(w),
      ),
    );
  };

  it("returns the right rows for every keystroke of a query, capped at the row limit with the rest counted", () => {
    expect(entries.length).toBeGreaterThanOrEqual(500);
    const typed = "Wan v3.0 text";
    const perKey: number[] = [];
    for (let i = 0; i <= typed.length; i++) {
      const query = typed.slice(0, i);
      const t0 = performance.now();
      const found = filterEntries(entries, query, MAX_ROWS);
      perKey.push(performance.now() - t0);
      const expected = reference(query);
      expect({ query, rows: found.rows.map((e) => e.endpoint) }).toEqual({
        query,
        rows: expected.slice(0, MAX_ROWS).map((e) => e.endpoint),
      });
      expect({ query, more: found.more }).toEqual({ query, more: Math.max(0, expected.length - MAX_ROWS) });
    }
    // The last query narrows 500 models to the Wan v3.0 ones (every 20th).
    expect(filterEntries(entries, typed).rows.length).toBe(25);
    const sorted = [...perKey].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    console.log(
      `picker search, ${entries.length} models: ${perKey.length} keystrokes, median ${median.toFixed(3)} ms, ` +
        `max ${Math.max(...perKey).toFixed(3)} ms per keystroke (one frame: 16.7 ms)`,
    );
  });

  it("making the rows is done once, not per keystroke: 500 entries and their words", () => {
    const t0 = performance.now();
    const made = manyModels(500).map(entryOf);
    const ms = performance.now() - t0;
    expect(made.every((e) => e.haystack === e.haystack.toLowerCase() && e.price.length > 0)).toBe(true);
    console.log(`picker rows for 500 models made once in ${ms.toFixed(1)} ms`);
  });
});

// The spend ledger's CSV (shared by the CLI and the browser): the optional `note` column is added only
// when a row has a note, after the base columns, so files and readers from before it keep working.
import { describe, expect, it } from "vitest";
import {
  parseSpendLedger,
  SPEND_LEDGER_HEADER,
  spendRecordsToCsv,
  spendRecordToCsvLine,
  type SpendRecord,
} from "../../src/domain/spend";

const rec = (node: string, extra: Partial<SpendRecord> = {}): SpendRecord => ({
  time: "2026-11-25T10:00:00.000Z",
  workflow: "Herons",
  node,
  endpoint: "fal-ai/sora-2/text-to-video",
  seconds: 8,
  estimatedCostUsd: 0.8,
  outcome: "succeeded",
  requestId: "req-1",
  cacheKey: "key-1",
  source: "browser",
  ...extra,
});

describe("spend ledger CSV note column", () => {
  it("is absent while no row has a note: the format is exactly the one before it", () => {
    const csv = spendRecordsToCsv([rec("clip")]);
    expect(csv).toBe(
      `${SPEND_LEDGER_HEADER}\n2026-11-25T10:00:00.000Z,Herons,clip,fal-ai/sora-2/text-to-video,8,0.8000,succeeded,req-1,key-1,browser\n`,
    );
    expect(SPEND_LEDGER_HEADER).toBe(
      "time,workflow,node,endpoint,seconds,estimated_cost_usd,outcome,request_id,cache_key,source",
    );
    // A line for a file with the base header leaves a note out rather than adding a cell the header lacks.
    expect(spendRecordToCsvLine(rec("clip", { note: "sweep: duration = 8" })).split(",")).toHaveLength(10);
  });

  it("comes last when a row has one, and reads back (quoted when it holds a comma or quote)", () => {
    const records = [
      rec("clip", { note: "sweep: duration = 8" }),
      rec("clip", { note: 'sweep: prompt = "herons, at dawn"' }),
      rec("other"),
    ];
    const csv = spendRecordsToCsv(records);
    const lines = csv.split("\n");
    expect(lines[0]).toBe(`${SPEND_LEDGER_HEADER},note`);
    expect(lines[1]).toMatch(/,browser,sweep: duration = 8$/);
    expect(lines[2]).toMatch(/,browser,"sweep: prompt = ""herons, at dawn"""$/);
    expect(lines[3]).toMatch(/,browser,$/);
    expect(parseSpendLedger(csv)).toEqual({ records, errors: [] });
  });

  it("is found by name wherever it stands, and files with and without it read together", () => {
    const moved =
      "note,time,workflow,node,endpoint,seconds,estimated_cost_usd,outcome,request_id,cache_key,source\n" +
      "sweep: duration = 8,2026-11-25T10:00:00.000Z,Herons,clip,fal-ai/sora-2/text-to-video,8,0.8000,succeeded,req-1,key-1,browser\n";
    const { records, errors } = parseSpendLedger(moved);
    expect(errors).toEqual([]);
    expect(records).toEqual([rec("clip", { note: "sweep: duration = 8" })]);
    const csv = spendRecordsToCsv([rec("clip", { note: "sweep: duration = 8" })]);
    // Concatenated with a file from before notes (second header dropped): every row reads.
    const old = spendRecordsToCsv([rec("cli-node", { source: "cli" })])
      .split("\n")
      .slice(1)
      .join("\n");
    const both = parseSpendLedger(csv + old);
    expect(both.errors).toEqual([]);
    expect(both.records.map((r) => [r.node, r.note])).toEqual([
      ["clip", "sweep: duration = 8"],
      ["cli-node", undefined],
    ]);
  });
});

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSpendLedger, SPEND_LEDGER_HEADER, type SpendRecord } from "../../../src/adapters/fs/spend-csv";
import { createFsSpendLedger } from "../../../src/adapters/fs/spend-ledger";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reelflow-spend-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const rec = (i: number, extra: Partial<SpendRecord> = {}): SpendRecord => ({
  time: `2026-11-25T10:00:${String(i).padStart(2, "0")}.000Z`,
  workflow: "Cat remix",
  node: `v${i}`,
  endpoint: "fal-ai/sora-2/text-to-video/pro",
  seconds: 8,
  estimatedCostUsd: 2.4,
  outcome: "succeeded",
  requestId: `req-${i}`,
  cacheKey: `key${i}`,
  source: "cli",
  ...extra,
});

describe("spend ledger file", () => {
  it("writes the documented header once and one line per job", async () => {
    const l = createFsSpendLedger(dir);
    await l.append(rec(1));
    await l.append(rec(2, { outcome: "failed", seconds: null, estimatedCostUsd: null, requestId: null }));
    const text = await readFile(join(dir, "spend-ledger.csv"), "utf8");
    expect(text.split("\n")).toEqual([
      "time,workflow,node,endpoint,seconds,estimated_cost_usd,outcome,request_id,cache_key,source",
      "2026-11-25T10:00:01.000Z,Cat remix,v1,fal-ai/sora-2/text-to-video/pro,8,2.4000,succeeded,req-1,key1,cli",
      "2026-11-25T10:00:02.000Z,Cat remix,v2,fal-ai/sora-2/text-to-video/pro,,,failed,,key2,cli",
      "",
    ]);
    expect((await l.read()).records).toEqual([
      rec(1),
      rec(2, { outcome: "failed", seconds: null, estimatedCostUsd: null, requestId: null }),
    ]);
  });

  it("round-trips names with commas, quotes and line breaks", async () => {
    const l = createFsSpendLedger(dir);
    const odd = rec(3, { workflow: 'My "best", cats\nv2', outcome: "cancelled" });
    await l.append(odd);
    expect((await l.read()).records).toEqual([odd]);
  });

  it("keeps one header and every line when many appends race", async () => {
    const l = createFsSpendLedger(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => l.append(rec(i))));
    const text = await readFile(l.path, "utf8");
    expect(text.split("\n").filter((x) => x === SPEND_LEDGER_HEADER)).toHaveLength(1);
    const { records, errors } = await l.read();
    expect(errors).toEqual([]);
    expect(records.map((r) => r.node).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`).sort());
  });

  it("keeps every row when the first rows of a new ledger are written at once, by one run or two (the header first)", async () => {
    // Two jobs ending together in a run that finds no ledger yet (a job collected at start and a new one): the
    // file's creator must not write its header over a row another append put there first.
    // Many new ledgers at once, so the file system's worker threads interleave the appends in many orders.
    const rounds = Array.from({ length: 150 }, (_, round) => join(dir, `round-${round}`));
    await Promise.all(
      rounds.map(async (here) => {
        const a = createFsSpendLedger(here);
        const b = createFsSpendLedger(here);
        await Promise.all([a.append(rec(1)), b.append(rec(2)), a.append(rec(3))]);
      }),
    );
    for (const here of rounds) {
      const ledger = createFsSpendLedger(here);
      expect((await readFile(ledger.path, "utf8")).split("\n")[0]).toBe(SPEND_LEDGER_HEADER);
      const { records, errors } = await ledger.read();
      expect(errors).toEqual([]);
      expect(records.map((r) => r.node).sort()).toEqual(["v1", "v2", "v3"]);
    }
  });

  it("reads columns by header name and reports unreadable rows", () => {
    const text =
      "outcome,time,workflow,node,endpoint,seconds,estimated_cost_usd,request_id,cache_key,extra\n" +
      "failed,t,w,n,e,4,0.4000,,k,x\nexploded,t,w,n,e,4,0.4,,k,x\n";
    const { records, errors } = parseSpendLedger(text);
    expect(records).toEqual([
      {
        time: "t",
        workflow: "w",
        node: "n",
        endpoint: "e",
        seconds: 4,
        estimatedCostUsd: 0.4,
        outcome: "failed",
        requestId: null,
        cacheKey: "k",
        source: "",
      },
    ]);
    expect(errors).toEqual(["spend ledger line 3 cannot be read"]);
  });

  it("reads an absent ledger as empty", async () => {
    expect(await createFsSpendLedger(join(dir, "nope")).read()).toEqual({ records: [], errors: [] });
  });
});

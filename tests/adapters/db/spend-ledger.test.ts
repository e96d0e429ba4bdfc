import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createBudgetRepository,
  createDexieSpendLedger,
  createSettingsRepository,
  openReelflowDb,
} from "../../../src/adapters/db";
import { oldReelflowDb } from "./old-schemas";
// The CLI's own reader and writer: the browser's export must go through exactly these.
import { parseSpendLedger } from "../../../src/adapters/fs/spend-csv";
import { createFsSpendLedger } from "../../../src/adapters/fs/spend-ledger";
import { workflowId } from "../../../src/domain/ids";
import { freshDb } from "./helpers";
import { spendRecord } from "../../fixtures/spend-record";

const rec = spendRecord;

const FOX = workflowId("wf-fox");
const OWL = workflowId("wf-owl");

async function seeded() {
  const db = freshDb();
  const spend = createDexieSpendLedger(db);
  await spend.append(rec({ time: "2026-11-24T10:00:00.000Z", estimatedCostUsd: 0.4 }), { workflowId: FOX });
  await spend.append(
    rec({ time: "2026-11-24T23:59:59.000Z", node: "v2", estimatedCostUsd: 2.4, outcome: "failed", requestId: "req-2" }),
    { workflowId: FOX },
  );
  await spend.append(
    rec({
      time: "2026-11-25T08:00:00.000Z",
      workflow: "Owl",
      estimatedCostUsd: 1.2,
      outcome: "cancelled",
      requestId: "req-3",
    }),
    { workflowId: OWL },
  );
  // Renamed since: the latest name is shown, the id keeps the rows together.
  await spend.append(
    rec({
      time: "2026-11-25T09:00:00.000Z",
      workflow: "Fox at night",
      estimatedCostUsd: null,
      outcome: "unknown",
      requestId: null,
    }),
    { workflowId: FOX },
  );
  return { db, spend };
}

describe("Dexie spend ledger", () => {
  it("keeps one row per ended job, oldest first, and filters by workflow and time", async () => {
    const { spend } = await seeded();
    const all = await spend.list();
    expect(all.map((r) => [r.node, r.outcome, r.workflowId])).toEqual([
      ["v1", "succeeded", FOX],
      ["v2", "failed", FOX],
      ["v1", "cancelled", OWL],
      ["v1", "unknown", FOX],
    ]);
    expect((await spend.list({ workflowId: OWL })).map((r) => r.requestId)).toEqual(["req-3"]);
    expect((await spend.list({ since: "2026-11-25T00:00:00.000Z" })).map((r) => r.requestId)).toEqual(["req-3", null]);
  });

  it("totals per UTC day and per workflow; every outcome counts, unknown prices are counted apart", async () => {
    const { spend } = await seeded();
    expect(await spend.totalsPerDay()).toEqual([
      { day: "2026-11-25", total: { usd: 1.2, jobs: 2, unknownPrice: 1 } },
      { day: "2026-11-24", total: { usd: 2.8, jobs: 2, unknownPrice: 0 } },
    ]);
    expect(await spend.totalsPerWorkflow()).toEqual([
      { workflowId: FOX, workflow: "Fox at night", total: { usd: 2.8, jobs: 3, unknownPrice: 1 } },
      { workflowId: OWL, workflow: "Owl", total: { usd: 1.2, jobs: 1, unknownPrice: 0 } },
    ]);
    expect(await spend.spent({ workflowId: FOX })).toEqual({ usd: 2.8, jobs: 3, unknownPrice: 1 });
    expect((await spend.spent({ since: "2026-11-25T00:00:00.000Z" })).usd).toBe(1.2);
  });

  it("groups rows without a workflow id by name", async () => {
    const db = freshDb();
    const spend = createDexieSpendLedger(db);
    await spend.append(rec({ workflow: "Loose" }));
    await spend.append(rec({ workflow: "Loose", estimatedCostUsd: 0.8 }));
    expect(await spend.totalsPerWorkflow()).toEqual([
      { workflowId: null, workflow: "Loose", total: { usd: 1.2, jobs: 2, unknownPrice: 0 } },
    ]);
  });

  it("exports the CLI's CSV: the CLI's parser reads back exactly the records, quotes and all", async () => {
    const { spend } = await seeded();
    await spend.append(
      rec({ time: "2026-11-25T10:00:00.000Z", workflow: 'Fox, "the sequel"\nline two', seconds: null }),
      { workflowId: FOX },
    );
    const csv = await spend.exportCsv();
    const parsed = parseSpendLedger(csv);
    expect(parsed.errors).toEqual([]);
    const stored = (await spend.list()).map(({ id: _id, workflowId: _w, ...r }) => r);
    expect(parsed.records).toEqual(stored);
    expect(parsed.records).toHaveLength(5);
  });

  it("writes the same text as the CLI's file ledger for the same records", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reelflow-spend-"));
    try {
      const { spend } = await seeded();
      const file = createFsSpendLedger(dir);
      for (const r of await spend.list()) {
        const { id: _id, workflowId: _w, ...record } = r;
        await file.append(record);
      }
      expect(await readFile(file.path, "utf8")).toBe(await spend.exportCsv());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exports just the header when nothing was spent", async () => {
    const csv = await createDexieSpendLedger(freshDb()).exportCsv();
    expect(csv).toBe("time,workflow,node,endpoint,seconds,estimated_cost_usd,outcome,request_id,cache_key,source\n");
    expect(parseSpendLedger(csv)).toEqual({ records: [], errors: [] });
  });
});

describe("budgets", () => {
  it("keeps a cap per workflow id, removes it with null, refuses a negative amount", async () => {
    const budgets = createBudgetRepository(freshDb());
    expect(await budgets.get(FOX)).toBeNull();
    await budgets.set(FOX, 5);
    await budgets.set(OWL, 0);
    expect(await budgets.get(FOX)).toBe(5);
    expect(await budgets.get(OWL)).toBe(0);
    await budgets.set(FOX, null);
    expect(await budgets.get(FOX)).toBeNull();
    await expect(budgets.set(OWL, -1)).rejects.toThrow(
      /workflow budget must be an amount of dollars of 0 or more, not -1/,
    );
    await expect(budgets.set(OWL, Number.NaN)).rejects.toThrow(/workflow budget/);
    expect(await budgets.get(OWL)).toBe(0);
  });

  it("keeps the global budget in the settings, refusing a bad one by name", async () => {
    const settings = createSettingsRepository(freshDb());
    expect(await settings.get()).toMatchObject({ globalBudgetUsd: null, globalBudgetPeriod: "month" });
    expect(await settings.update({ globalBudgetUsd: 20, globalBudgetPeriod: "all" })).toMatchObject({
      globalBudgetUsd: 20,
      globalBudgetPeriod: "all",
    });
    await expect(settings.update({ globalBudgetUsd: -3 })).rejects.toThrow(/Setting "globalBudgetUsd" cannot be -3/);
    expect(await settings.update({ globalBudgetUsd: null })).toMatchObject({ globalBudgetUsd: null });
  });
});

describe("schema version 2", () => {
  it("opens a version 1 database without losing its rows, and adds the spend and budget tables", async () => {
    const name = `reelflow-v1-${process.pid}-${Date.now()}`;
    const v1 = oldReelflowDb(name, 1, { indexedDB, IDBKeyRange });
    await v1.table("settings").put({ key: "proxyUrl", value: "https://proxy.example/fal" });
    v1.close();

    const db = openReelflowDb(name, { indexedDB, IDBKeyRange });
    expect((await createSettingsRepository(db).get()).proxyUrl).toBe("https://proxy.example/fal");
    await createDexieSpendLedger(db).append(rec({}), { workflowId: FOX });
    expect(await db.spend.count()).toBe(1);
    expect(db.verno).toBeGreaterThanOrEqual(2); // later versions (3: takes) build on it
    db.close();
  });
});

// @vitest-environment node
import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../src/domain/settings";
import { createSettingsRepository, createWorkflowRepository, openReelflowDb } from "../../../src/adapters/db";
import { oldReelflowDb } from "./old-schemas";
import {
  readStartRows,
  readStartRowsFromDexie,
  readStartRowsOr,
  saveWorkflowEarly,
} from "../../../src/adapters/db/start-reader";
import type { Workflow } from "../../../src/domain/workflow";
import { promptDoc } from "./prompt-doc";

let n = 0;
const freshName = () => `reelflow-start-${process.pid}-${++n}`;

const doc = (name: string): Workflow => promptDoc(name);

/** A clock that moves one second per call, so "most recent first" never ties. */
function steppingClock() {
  let t = Date.parse("2026-01-01T00:00:00.000Z");
  return () => new Date((t += 1000));
}

const exists = async (name: string) => (await indexedDB.databases()).some((d) => d.name === name);

describe("start reader (plain IndexedDB, before Dexie is loaded)", () => {
  it("reads back the settings and workflow rows the real Dexie database wrote, as Dexie reads them", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const repo = createWorkflowRepository(db, steppingClock());
    const a = await repo.create({ workflow: doc("Alpha") });
    const b = await repo.create({ workflow: doc("Beta") });
    await createSettingsRepository(db).update({
      lastWorkflowId: a.id,
      mode: "demo",
      concurrency: 5,
      defaultModels: { "text-to-video": "fal-ai/veo3.1" as never },
    });
    // A wrong value stored by hand falls back to its default in both readers.
    await db.settings.put({ key: "theme", value: "purple" });

    const plain = await readStartRows(name);
    expect(plain.settings).toEqual({
      ...DEFAULT_SETTINGS,
      lastWorkflowId: a.id,
      mode: "demo",
      concurrency: 5,
      defaultModels: { "text-to-video": "fal-ai/veo3.1" },
    });
    expect(plain.last).toEqual(await db.workflows.get(a.id));
    expect(plain.recent).toBeUndefined();
    expect(plain).toEqual(await readStartRowsFromDexie(db));

    // The last one in the trash: the most recent one in use is read instead (Beta is newer, but trashed too).
    await repo.softDelete(a.id);
    await repo.softDelete(b.id);
    const c = await repo.create({ workflow: doc("Gamma") });
    await repo.save(c.id, doc("Gamma"));
    const d = await repo.create({ workflow: doc("Delta") });
    await repo.save(c.id, doc("Gamma 2"));
    const again = await readStartRows(name);
    expect(again.last?.deletedAt).not.toBeNull();
    expect(again.recent?.id).toBe(c.id);
    expect(again.recent?.name).toBe("Gamma 2");
    expect(again).toEqual(await readStartRowsFromDexie(db));
    expect(d.id).not.toBe(c.id);
    db.close();
  });

  it("opens an example left unedited (a draft) when it was the last open, but never picks one as the most recent", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const repo = createWorkflowRepository(db, steppingClock());
    const kept = await repo.create({ workflow: doc("Kept") });
    const draft = await repo.create({ workflow: doc("Example"), draft: true });
    const settings = createSettingsRepository(db);
    await settings.update({ lastWorkflowId: draft.id });
    const plain = await readStartRows(name);
    expect(plain.last).toMatchObject({ id: draft.id, draft: true });
    expect(plain).toEqual(await readStartRowsFromDexie(db));

    // The last one trashed: the newest row is the draft, but the most recent listed workflow is read.
    await repo.softDelete(kept.id);
    const other = await repo.create({ workflow: doc("Other") });
    await db.workflows.update(draft.id, { updatedAt: "2030-01-01T00:00:00.000Z" });
    await settings.update({ lastWorkflowId: kept.id });
    const again = await readStartRows(name);
    expect(again.recent?.id).toBe(other.id);
    expect(again).toEqual(await readStartRowsFromDexie(db));
    db.close();
  });

  it("does not create a database that does not exist; Dexie then creates and upgrades it as usual", async () => {
    const name = freshName();
    const rows = await readStartRows(name);
    expect(rows).toEqual({ settings: DEFAULT_SETTINGS, last: undefined, recent: undefined });
    expect(await exists(name)).toBe(false);

    const db = openReelflowDb(name);
    const repo = createWorkflowRepository(db);
    const w = await repo.create({ workflow: doc("First") });
    expect(db.verno).toBe(4);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      "assets",
      "blobs",
      "budgets",
      "jobs",
      "logs",
      "results",
      "settings",
      "spend",
      "takes",
      "uploads",
      "workflows",
    ]);
    await createSettingsRepository(db).update({ lastWorkflowId: w.id });
    expect((await readStartRows(name)).last?.id).toBe(w.id);
    db.close();
  });

  it("reads a database an older Reelflow (Dexie version 2) left, which Dexie then upgrades while nothing is held open", async () => {
    const name = freshName();
    const old = oldReelflowDb(name, 2);
    const row = {
      id: "wf-00000000aa",
      name: "Old one",
      doc: JSON.stringify(doc("Old one")),
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-02T00:00:00.000Z",
      deletedAt: null,
    };
    await old.table("workflows").add(row);
    await old.table("settings").bulkPut([
      { key: "lastWorkflowId", value: row.id },
      { key: "setupDone", value: true },
    ]);
    old.close();

    const rows = await readStartRows(name);
    expect(rows.settings.setupDone).toBe(true);
    expect(rows.last).toEqual(row);

    const db = openReelflowDb(name);
    const stored = await createWorkflowRepository(db).get(row.id as never);
    expect(stored?.ok && stored.workflow.name).toBe("Old one");
    expect(db.verno).toBe(4);
    expect(await db.takes.count()).toBe(0);
    db.close();
  });

  it("a Dexie upgrade asked for during the start read completes, and the read still answers", async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    v1.version(1).stores({ workflows: "id, updatedAt, name", settings: "key" });
    await v1.open();
    v1.close();
    // Started together: the start read holds a connection at the moment Dexie asks for version 4.
    const reading = readStartRows(name);
    const db = openReelflowDb(name);
    await db.open();
    await expect(reading).resolves.toMatchObject({ settings: DEFAULT_SETTINGS });
    expect(db.verno).toBe(4);
    db.close();
  });

  it("falls back to reading through Dexie when the plain read fails", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const w = await createWorkflowRepository(db).create({ workflow: doc("Kept") });
    await createSettingsRepository(db).update({ lastWorkflowId: w.id });
    let fellBack = 0;
    const rows = await readStartRowsOr(
      () => {
        fellBack++;
        return readStartRowsFromDexie(db);
      },
      () => Promise.reject(new DOMException("The user denied permission to access the database.", "UnknownError")),
    );
    expect(fellBack).toBe(1);
    expect(rows.last?.name).toBe("Kept");
    // A database without the expected tables makes the plain read fail too (and it falls back).
    const odd = freshName();
    const other = new Dexie(odd);
    other.version(1).stores({ something: "id" });
    await other.open();
    other.close();
    await expect(readStartRows(odd)).rejects.toThrow();
    expect(
      (
        await readStartRowsOr(
          () => readStartRowsFromDexie(db),
          () => readStartRows(odd),
        )
      ).last?.id,
    ).toBe(w.id);
    db.close();
  });

  it("saves the open document before Dexie is here as the repository does, and creates no database", async () => {
    const name = freshName();
    const at = new Date("2026-03-01T10:00:00.000Z");
    expect(await saveWorkflowEarly("wf-00000000ab" as never, doc("Nowhere"), name, at)).toBe(false);
    expect(await exists(name)).toBe(false);

    const db = openReelflowDb(name);
    const repo = createWorkflowRepository(db, steppingClock());
    const w = await repo.create({ workflow: doc("Before") });
    await repo.softDelete(w.id);
    const before = await db.workflows.get(w.id);
    expect(await saveWorkflowEarly(w.id, { ...doc("After"), extra: { kept: true } }, name, at)).toBe(true);
    const after = await db.workflows.get(w.id);
    // Name, text and time change; when it was made and whether it is in the trash do not (as save()).
    expect(after).toEqual({ ...before, name: "After", doc: after?.doc, updatedAt: at.toISOString() });
    const stored = await repo.get(w.id);
    expect(stored?.ok && stored.workflow).toMatchObject({ name: "After", extra: { kept: true } });

    // A workflow with no row yet (new, or from a share link) gets one, in use.
    expect(await saveWorkflowEarly("wf-00000000cd" as never, doc("Fresh"), name, at)).toBe(true);
    expect((await repo.list()).map((s) => [s.id, s.name, s.createdAt])).toEqual([
      ["wf-00000000cd", "Fresh", at.toISOString()],
    ]);
    db.close();
  });

  it("can make the saved workflow the one the next start opens, as Dexie's settings read it", async () => {
    const name = freshName();
    const db = openReelflowDb(name);
    const repo = createWorkflowRepository(db, steppingClock());
    const earlier = await repo.create({ workflow: doc("Earlier") });
    const settings = createSettingsRepository(db);
    await settings.update({ lastWorkflowId: earlier.id, concurrency: 3 });
    expect(await saveWorkflowEarly("wf-00000000ef" as never, doc("Shared"), name, new Date(), { makeLast: true })).toBe(
      true,
    );
    expect((await settings.get()).lastWorkflowId).toBe("wf-00000000ef");
    // The other settings are left as they were.
    expect((await settings.get()).concurrency).toBe(3);
    expect((await readStartRows(name)).last?.name).toBe("Shared");
    db.close();
  });
});

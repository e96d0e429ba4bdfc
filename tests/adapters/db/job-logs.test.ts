// @vitest-environment node
import { IDBKeyRange, indexedDB } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { cacheKey, nodeId, requestId } from "../../../src/domain/ids";
import type { KeptJobLog } from "../../../src/engine/ports";
import {
  boundedLog,
  createDexieResultCache,
  createJobLogStore,
  JOB_LOG_LIMITS,
  openReelflowDb,
} from "../../../src/adapters/db";
import { readStartRows } from "../../../src/adapters/db/start-reader";
import { TINY_MP4, freshDb, sampleEntry } from "./helpers";
import { oldReelflowDb } from "./old-schemas";

const log = (lines: string[], droppedLines = 0): KeptJobLog => ({
  key: cacheKey("k1"),
  nodeId: nodeId("t2v"),
  status: "succeeded",
  requestId: requestId("req-1"),
  lines: lines.map((message) => ({ message, timestamp: "2026-12-06T10:00:00.000Z" })),
  droppedLines,
  endedAt: "2026-12-06T10:00:05.000Z",
});

describe("job logs kept with their results (Dexie version 4, table logs)", () => {
  it("keeps a job's log per mode and key, a later run of the key replacing it", async () => {
    const db = freshDb();
    const paid = createJobLogStore(db, "paid");
    const demo = createJobLogStore(db, "demo");
    await paid.keep(log(["Starting", "Done"]));
    expect((await paid.get(cacheKey("k1")))?.lines.map((l) => l.message)).toEqual(["Starting", "Done"]);
    expect(await demo.get(cacheKey("k1"))).toBeUndefined();
    await paid.keep(log(["Again"]));
    expect(await paid.get(cacheKey("k1"))).toEqual(log(["Again"]));
    db.close();
  });

  it("goes with its result: the Storage panel's Delete of a result removes its log, not the other mode's", async () => {
    const db = freshDb();
    const fetchMedia = async () => new Blob([new Uint8Array(TINY_MP4)], { type: "video/mp4" });
    const cache = createDexieResultCache(db, { namespace: "paid", fetchMedia });
    await cache.put(sampleEntry("k1", "https://fal.example/k1.mp4"));
    await cache.put(sampleEntry("k2", "https://fal.example/k2.mp4"));
    const paid = createJobLogStore(db, "paid");
    const demo = createJobLogStore(db, "demo");
    await paid.keep(log(["Done"]));
    await paid.keep({ ...log(["Also done"]), key: cacheKey("k2") });
    await demo.keep(log(["Simulated"]));

    await cache.remove(cacheKey("k1"));
    expect(await cache.get(cacheKey("k1"))).toBeUndefined();
    expect(await paid.get(cacheKey("k1"))).toBeUndefined();
    expect((await paid.get(cacheKey("k2")))?.lines.map((l) => l.message)).toEqual(["Also done"]);
    expect((await demo.get(cacheKey("k1")))?.lines.map((l) => l.message)).toEqual(["Simulated"]);
    expect(await db.logs.count()).toBe(2);
    db.close();
  });

  it("is bounded: the newest lines, each cut, within a total; what was left out is counted", () => {
    const many = Array.from({ length: 250 }, (_, i) => `line ${i}`);
    const cut = boundedLog(log(many, 3));
    expect(cut.lines).toHaveLength(JOB_LOG_LIMITS.lines);
    expect(cut.lines[0]?.message).toBe("line 50");
    expect(cut.droppedLines).toBe(53);

    const long = boundedLog(log(["x".repeat(5_000)]));
    expect(long.lines[0]?.message).toHaveLength(JOB_LOG_LIMITS.lineChars);
    expect(long.droppedLines).toBe(0);

    const heavy = boundedLog(log(Array.from({ length: 40 }, () => "y".repeat(1_500))));
    const chars = heavy.lines.reduce((n, l) => n + l.message.length, 0);
    expect(chars).toBeLessThanOrEqual(JOB_LOG_LIMITS.totalChars);
    expect(heavy.lines.length + heavy.droppedLines).toBe(40);
  });

  it("a version 3 database (takes) upgrades to 4 keeping its rows; the start reader reads it before and after", async () => {
    const name = `reelflow-logs-upgrade-${process.pid}`;
    const old = oldReelflowDb(name, 3, { indexedDB, IDBKeyRange });
    await old.table("settings").put({ key: "setupDone", value: true });
    await old
      .table("jobs")
      .put({ namespace: "paid", key: "k1", state: "stored", nodeId: "t2v", createdAt: "2026-01-01T00:00:00.000Z" });
    old.close();

    const db = openReelflowDb(name, { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(4);
    expect((await db.jobs.get(["paid", cacheKey("k1")]))?.state).toBe("stored");
    // Nothing was kept before version 4: the log of an older job is simply absent.
    expect(await createJobLogStore(db, "paid").get(cacheKey("k1"))).toBeUndefined();
    await createJobLogStore(db, "paid").keep(log(["Done"]));
    db.close();
    expect((await readStartRows(name)).settings.setupDone).toBe(true);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { createDexieJobLedger, createDexieResultCache } from "../../src/adapters/db";
import { createFsJobLedger } from "../../src/adapters/fs";
import { execute } from "../../src/engine/executor";
import type { NodeError } from "../../src/engine/errors";
import type { FalModel } from "../../src/nodes/catalogue/fal-api";
import { registerCatalogueAdapters, resetCatalogueForTests } from "../../src/nodes/catalogue/known";
import { adapterFromFalModel } from "../../src/nodes/catalogue/schema-adapter";
import { freshDb } from "../adapters/db/helpers";
import { useFalOnDisk } from "./helpers/fal-on-disk";
import { Recorder } from "./helpers/memory-ports";
import { keyOf, planOk, t2v, workflow } from "./helpers/workflow";

// A catalogue model (read from the fake fal's document of Wan 2.7) whose job fal completes with a result that
// has no `video` (the fake's `badResultNext`): the node fails saying the raw result is kept, the CLI's on-disk
// ledger keeps it (and the app's Dexie ledger), and the next job of the same model reads fine.

const WAN = "fal-ai/wan/v2.7/text-to-video";
const h = useFalOnDisk("reelflow-bad-result-", { queueMs: 0, runMs: 30, streamIntervalMs: 10 });
afterEach(() => resetCatalogueForTests());

function registerWan(): void {
  const entry = h.fake.catalogue().find((e) => e.model.endpoint_id === WAN);
  const built = adapterFromFalModel(entry?.model as FalModel, undefined, "live", "2026-12-06");
  if (!built.ok) throw new Error(built.reason);
  registerCatalogueAdapters([built.adapter]);
}

describe("an unreadable result from a catalogue model, through the real client and the on-disk ledger", () => {
  it("fails only that job, keeping what fal sent in its ledger file and on the node's error", async () => {
    registerWan();
    h.fake.set({ badResultNext: 1 });
    const plan = await planOk(workflow([t2v("a", { prompt: "a fox" }, WAN), t2v("b", { prompt: "a hare" }, WAN)], []));
    const rec = new Recorder();
    await execute(plan, h.ports, { onEvent: rec.onEvent });

    expect(h.submits()).toHaveLength(2);
    const finals = rec.finals();
    expect(Object.values(finals).sort()).toEqual(["failed", "succeeded"]);
    const bad = finals.a === "failed" ? "a" : "b";
    const { error } = rec.of("failed", bad)[0] as { error: NodeError };
    expect(error.code).toBe("bad-result");
    expect(error.message).toMatch(/^fal finished the job but its result is unusable: Wan 2\.7 .*\(no video file /);
    expect(error.message).toMatch(/\. The raw result is kept in the job ledger\.$/);
    const raw = error.rawResult as { videos: { url: string }[]; seed: number };
    const file = expect.objectContaining({ url: expect.stringMatching(/\/media\/video_.*\.mp4$/) });
    expect(raw).toEqual({ videos: [file], seed: 42 });

    const row = (await h.ledger.all()).find((j) => j.key === keyOf(plan, bad));
    expect(row).toMatchObject({ state: "failed", error: error.message, rawResult: raw });
    // Read back from the file in a fresh ledger, as the next CLI run would.
    expect((await createFsJobLedger(h.dir).get(keyOf(plan, bad)))?.rawResult).toEqual(raw);
    expect(await h.cache.get(keyOf(plan, bad))).toBeUndefined();
  });

  it("the app's Dexie ledger keeps it too, after a reload", async () => {
    registerWan();
    h.fake.set({ badResultNext: 1 });
    const db = freshDb();
    const cache = createDexieResultCache(db, { namespace: "paid" });
    const ports = { client: h.ports.client, cache, ledger: createDexieJobLedger(db) };
    const plan = await planOk(workflow([t2v("a", { prompt: "a fox" }, WAN)], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    const { error } = rec.of("failed", "a")[0] as { error: NodeError };
    expect(error.message).toMatch(/The raw result is kept in the job ledger\.$/);
    const row = await createDexieJobLedger(db).get(keyOf(plan, "a"));
    expect(row).toMatchObject({ state: "failed", error: error.message, rawResult: error.rawResult });
    expect(row?.rawResult).toMatchObject({ videos: [{ content_type: "video/mp4" }], seed: 42 });
  });
});

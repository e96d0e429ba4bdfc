import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDexieJobLedger, createDexieResultCache } from "../../../src/adapters/db";
import { createFalInferenceClient } from "../../../src/adapters/fal/client";
import { createEditorStore } from "../../../src/editor";
import type { RunEvent } from "../../../src/engine/events";
import { execute } from "../../../src/engine/executor";
import { planWorkflow } from "../../../src/engine/plan";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { freshDb } from "./helpers";

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 0, runMs: 30, queuePositionStart: 0 } });
});
afterAll(async () => {
  await fal.close();
});

/**
 * The browser's storage path end to end, minus the browser: a graph built with editor commands,
 * run by the real executor through the real fal client against the fake fal, results kept by the
 * Dexie cache and ledger. A second run on fresh handles (a reload) must send nothing.
 */
describe("engine on Dexie ports", () => {
  it("stores the result and its video, and an unchanged graph after a reload sends no request", async () => {
    const editor = createEditorStore();
    const s = () => editor.getState();
    const prompt = s().addNode("prompt", { x: 0, y: 0 });
    const t2v = s().addNode("text-to-video", { x: 300, y: 0 });
    s().setPromptText(prompt, "a paper boat on a river");
    expect(s().connect({ source: prompt, sourceHandle: "text", target: t2v, targetHandle: "prompt" }).ok).toBe(true);

    const planned = await planWorkflow(s().doc);
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("\n"));
    const db = freshDb();
    const client = createFalInferenceClient({ proxyUrl: fal.url, pollIntervalMs: 30 });

    const first: RunEvent[] = [];
    const cache = createDexieResultCache(db, { namespace: "paid" });
    const ledger = createDexieJobLedger(db);
    const run1 = await execute(planned.plan, { client, cache, ledger }, { onEvent: (e) => first.push(e) });
    expect(run1.ok).toBe(true);
    const submits = () => fal.requests.filter((r) => r.kind === "submit").length;
    expect(submits()).toBe(1);
    const succeeded = first.find((e) => e.type === "succeeded");
    if (succeeded?.type !== "succeeded") throw new Error("no success event");
    expect(succeeded.nodeId).toBe(t2v);
    const media = await cache.getMedia(succeeded.result.key);
    expect(media?.size).toBeGreaterThan(0);
    expect(await ledger.unfinished()).toEqual([]);
    expect((await ledger.get(succeeded.result.key))?.state).toBe("stored");

    const requestsBefore = fal.requests.length;
    const second: RunEvent[] = [];
    const run2 = await execute(
      planned.plan,
      { client, cache: createDexieResultCache(db, { namespace: "paid" }), ledger: createDexieJobLedger(db) },
      { onEvent: (e) => second.push(e) },
    );
    expect(run2.ok).toBe(true);
    expect(second.filter((e) => e.type === "cached").map((e) => (e as { nodeId: string }).nodeId)).toEqual([t2v]);
    expect(fal.requests.length).toBe(requestsBefore);

    // The demo namespace knows nothing of it.
    expect(await createDexieResultCache(db, { namespace: "demo" }).get(succeeded.result.key)).toBeUndefined();
    db.close();
  });
});

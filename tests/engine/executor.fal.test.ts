import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFalInferenceClient } from "../../src/adapters/fal/client";
import { createFsJobLedger, createFsResultCache } from "../../src/adapters/fs";
import type { FsJobLedger, FsResultCache } from "../../src/adapters/fs";
import { execute } from "../../src/engine/executor";
import type { EnginePorts } from "../../src/engine/ports";
import { resumeUnfinished } from "../../src/engine/resume";
import { startFakeFal } from "../fake-fal/server";
import type { FakeFal } from "../fake-fal/server";
import { Recorder } from "./helpers/memory-ports";
import { videoOf } from "../fixtures/video-result";
import { gen, i2v, image, keyOf, planOk, PNG_1X1, prompt, remix, t2v, workflow } from "./helpers/workflow";
import { jobLeftAtFal } from "./helpers/left-at-fal";

// The engine end to end: real plans, the real @fal-ai/client (through our fal adapter) and
// the on-disk cache and ledger, against the fake fal over HTTP on 127.0.0.1.

let fake: FakeFal;
let dir: string;
let cache: FsResultCache;
let ledger: FsJobLedger;
let ports: EnginePorts;

beforeEach(async () => {
  fake = await startFakeFal({ switches: { queueMs: 150, runMs: 350, streamIntervalMs: 25 } });
  dir = await mkdtemp(join(tmpdir(), "reelflow-engine-"));
  cache = createFsResultCache(dir);
  ledger = createFsJobLedger(dir);
  ports = { client: createFalInferenceClient({ proxyUrl: fake.url, pollIntervalMs: 50 }), cache, ledger };
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const submits = () => fake.requestsOf("submit").filter((r) => r.status === 200);
const bodyOf = (endpoint: string, promptText: string) =>
  submits().find((r) => r.endpoint === endpoint && (r.body as { prompt?: string }).prompt === promptText)?.body;

const diamond = () =>
  workflow(
    [
      prompt("p1", "A cat on a skateboard"),
      t2v("v1"),
      remix("r1", { prompt: "make it purple" }),
      t2v("v2", { prompt: "A dog surfing", resolution: "1080p", duration: 8 }, "fal-ai/sora-2/text-to-video/pro"),
      image("i1", PNG_1X1),
      i2v("v3", { prompt: "the pixel grows" }),
    ],
    ["p1.text>v1.prompt", "v1.video>r1.video", "i1.image>v3.image"],
  );

describe("execute through the fake fal with the real client", () => {
  it("runs parallel branches at the same time and sends exactly the bodies the Sora schemas want", async () => {
    const plan = await planOk(diamond());
    const rec = new Recorder();
    const summary = await execute(plan, ports, { onEvent: rec.onEvent });

    expect(rec.finals()).toEqual({ v1: "succeeded", r1: "succeeded", v2: "succeeded", v3: "succeeded" });
    expect(summary.ok).toBe(true);
    // Three independent jobs were at fal at once.
    expect(fake.maxConcurrent()).toBeGreaterThanOrEqual(2);
    // Every submit was accepted as is: no 422, no field fal would ignore.
    expect(fake.requestsOf("submit").map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(fake.requestsOf("submit").flatMap((r) => r.ignoredFields ?? [])).toEqual([]);

    expect(bodyOf("fal-ai/sora-2/text-to-video", "A cat on a skateboard")).toEqual({
      prompt: "A cat on a skateboard",
      resolution: "720p",
      aspect_ratio: "16:9",
      duration: 4,
      delete_video: false,
    });
    expect(bodyOf("fal-ai/sora-2/text-to-video/pro", "A dog surfing")).toEqual({
      prompt: "A dog surfing",
      resolution: "1080p",
      aspect_ratio: "16:9",
      duration: 8,
    });
    const v1 = await cache.get(keyOf(plan, "v1"));
    expect(bodyOf("fal-ai/sora-2/video-to-video/remix", "make it purple")).toEqual({
      video_id: videoOf(v1?.result).videoId,
      prompt: "make it purple",
    });
    const i2vBody = bodyOf("fal-ai/sora-2/image-to-video", "the pixel grows") as Record<string, unknown>;
    expect(i2vBody).toEqual({
      prompt: "the pixel grows",
      image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/),
      resolution: "auto",
      aspect_ratio: "auto",
      duration: 4,
    });
    expect(fake.requestsOf("upload")).toHaveLength(1);

    // Results and their videos are on disk; the ledger closed every job.
    for (const id of ["v1", "r1", "v2", "v3"]) expect(await cache.mediaPath(keyOf(plan, id))).toBeTruthy();
    expect((await ledger.all()).map((j) => j.state)).toEqual(["stored", "stored", "stored", "stored"]);
    expect(summary.totals).toEqual({ submitted: 4, cached: 0, failed: 0, costUsd: 5.2 });
  });

  it("sends nothing the second time, and only the changed node and its descendants after an edit", async () => {
    await execute(await planOk(diamond()), ports, { onEvent: () => undefined });
    expect(submits()).toHaveLength(4);

    const again = new Recorder();
    await execute(await planOk(diamond()), ports, { onEvent: again.onEvent });
    expect(submits()).toHaveLength(4);
    expect(fake.requestsOf("upload")).toHaveLength(1);
    expect(again.finals()).toEqual({ v1: "cached", r1: "cached", v2: "cached", v3: "cached" });

    const edited = diamond();
    const p1 = edited.nodes[0];
    if (p1?.type !== "prompt") throw new Error("fixture");
    p1.data.text = "A cat on a longboard";
    const third = new Recorder();
    await execute(await planOk(edited), ports, { onEvent: third.onEvent });
    expect(third.finals()).toEqual({ v1: "succeeded", r1: "succeeded", v2: "cached", v3: "cached" });
    expect(submits()).toHaveLength(6);
  });

  it("never has more than `concurrency` jobs at fal", async () => {
    fake.set({ queueMs: 50, runMs: 600 });
    const plan = await planOk(
      workflow(
        Array.from({ length: 5 }, (_, i) => t2v(`v${i}`, { prompt: `clip ${i}` })),
        [],
      ),
    );
    const summary = await execute(plan, ports, { onEvent: () => undefined, concurrency: 2 });
    expect(summary.ok).toBe(true);
    expect(fake.submittedCount()).toBe(5);
    expect(fake.maxConcurrent()).toBeLessThanOrEqual(2);
    expect(fake.maxConcurrent()).toBe(2);
  });

  it("fails a moderated node, skips its remix, and finishes the independent branch", async () => {
    fake.set({ moderation: 422 });
    const plan = await planOk(
      workflow([t2v("v1", { prompt: "flagged" }), remix("r1", { prompt: "x" })], ["v1.video>r1.video"]),
    );
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent });
    await run;
    expect(rec.finals()).toEqual({ v1: "failed", r1: "skipped" });
    expect(rec.of("failed", "v1")[0]).toMatchObject({ error: { code: "moderation" } });
    expect(submits()).toHaveLength(1);

    fake.set({ moderation: false });
    const other = await planOk(workflow([t2v("v9", { prompt: "fine" })], []));
    const ok = await execute(other, ports, { onEvent: () => undefined });
    expect(ok.ok).toBe(true);
  });

  it("cancels a queued job on fal when stopped", async () => {
    fake.set({ queueMs: 30_000 });
    const plan = await planOk(
      workflow([t2v("v1", { prompt: "slow" }), remix("r1", { prompt: "x" })], ["v1.video>r1.video"]),
    );
    const stop = new AbortController();
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent, signal: stop.signal });
    await rec.until((e) => e.type === "submitted");
    stop.abort();
    const summary = await run;
    expect(summary.cancelled).toBe(true);
    expect(rec.finals()).toEqual({ v1: "cancelled", r1: "cancelled" });
    expect(fake.requestsOf("cancel")).toHaveLength(1);
    expect((await ledger.get(keyOf(plan, "v1")))?.state).toBe("cancelled");
  });

  it("stores the result of a job that finished just as it was stopped", async () => {
    fake.set({ queueMs: 30_000 });
    const plan = await planOk(workflow([t2v("v1", { prompt: "done anyway" })], []));
    const stop = new AbortController();
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent, signal: stop.signal });
    const submitted = await rec.until((e) => e.type === "submitted");
    fake.finish(submitted.type === "submitted" ? submitted.requestId : "");
    stop.abort();
    await run;
    // Whether the client saw completion first or cancel answered "already completed", the paid
    // result is stored.
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect((await cache.get(keyOf(plan, "v1")))?.requestId).toBe(
      submitted.type === "submitted" ? submitted.requestId : "",
    );
    expect((await ledger.get(keyOf(plan, "v1")))?.state).toBe("stored");
  });

  it("does not resubmit a job whose submit response was lost", async () => {
    fake.set({ loseSubmitResponse: 1 });
    const plan = await planOk(workflow([t2v("v1", { prompt: "lost" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.of("failed", "v1")[0]).toMatchObject({ error: { code: "submit-unknown", mayHaveBeenCharged: true } });
    expect(fake.submittedCount()).toBe(1);
    await execute(plan, ports, { onEvent: () => undefined });
    await resumeUnfinished(ports, { onEvent: () => undefined });
    expect(fake.submittedCount()).toBe(1);
  });

  it("re-attaches to a job submitted before a restart, by its request id", async () => {
    const plan = await planOk(workflow([t2v("v1", { prompt: "before the crash" })], []));
    const v1 = gen(plan, "v1");
    // What a previous process left: the job is at fal and in the ledger, the result is not stored.
    const id = await jobLeftAtFal({ client: ports.client, ledger }, v1, {
      prompt: "before the crash",
      workflowName: "test",
      estimatedCostUsd: 0.4,
    });
    const rec = new Recorder();
    const resumed = await resumeUnfinished(ports, { onEvent: rec.onEvent });
    expect(resumed.resumed.map((j) => j.requestId)).toEqual([id]);
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect(fake.submittedCount()).toBe(1);

    const next = new Recorder();
    await execute(plan, ports, { onEvent: next.onEvent });
    expect(next.finals()).toEqual({ v1: "cached" });
    expect(fake.submittedCount()).toBe(1);
  });
});

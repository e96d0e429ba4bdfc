import { describe, expect, it } from "vitest";
import { contentHash, nodeId, requestId } from "../../src/domain/ids";
import { InferenceError } from "../../src/engine/errors";
import { execute } from "../../src/engine/executor";
import { canonicalJson, sha256Hex } from "../../src/engine/hash";
import type { Deferred } from "./helpers/memory-ports";
import { deferred, memoryPorts, Recorder } from "./helpers/memory-ports";
import { videoOf } from "../fixtures/video-result";
import { gen, i2v, image, imageAsset, keyOf, planOk, PNG_1X1, prompt, remix, t2v, workflow } from "./helpers/workflow";

const promptOf = (input: Record<string, unknown>) => String(input.prompt);

describe("execute", () => {
  it("runs a graph, building each request from upstream results, and stores every result", async () => {
    const { ports, client, cache, ledger } = memoryPorts();
    const plan = await planOk(
      workflow(
        [prompt("p1", "A cat"), t2v("v1", { duration: 8 }), remix("r1", { prompt: "purple" })],
        ["p1.text>v1.prompt", "v1.video>r1.video"],
      ),
    );
    const rec = new Recorder();
    const summary = await execute(plan, ports, { onEvent: rec.onEvent });

    expect(summary.ok).toBe(true);
    expect(rec.finals()).toEqual({ v1: "succeeded", r1: "succeeded" });
    expect(client.submits.map((s) => s.input)).toEqual([
      { prompt: "A cat", resolution: "720p", aspect_ratio: "16:9", duration: 8, delete_video: false },
      { video_id: "video_req-1", prompt: "purple" },
    ]);
    expect(videoOf(cache.entries.get(keyOf(plan, "v1"))?.result).videoId).toBe("video_req-1");
    expect(cache.entries.get(keyOf(plan, "r1"))?.costUsd).toBe(0.8);
    expect(summary.totals).toEqual({ submitted: 2, cached: 0, failed: 0, costUsd: 1.6 });
    expect(ledger.history).toEqual([
      "v1:submitting",
      "v1:queued",
      "v1:running",
      "v1:completed",
      "v1:stored",
      "r1:submitting",
      "r1:queued",
      "r1:running",
      "r1:completed",
      "r1:stored",
    ]);
    // Ledger rows carry the request hash and id, so a later start can re-attach.
    const row = ledger.jobs.get(keyOf(plan, "v1"));
    expect(row).toMatchObject({ state: "stored", requestId: "req-1", nodeId: "v1", workflowName: "test" });
    expect(row?.inputHash).toBe(await sha256Hex(canonicalJson(client.submits[0]?.input)));
  });

  it("emits queued, submitting, submitted, queue position, running, logs and succeeded in order", async () => {
    const { ports, client } = memoryPorts();
    client.script = () => ({ logs: ["one", "two"] });
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.events.map((e) => e.type)).toEqual([
      "run-started",
      "queued",
      "submitting",
      "submitted",
      "queue-position",
      "queue-position",
      "running",
      "logs",
      "logs",
      "succeeded",
      "run-finished",
    ]);
    expect(rec.of("logs").flatMap((e) => (e.type === "logs" ? e.lines.map((l) => l.message) : []))).toEqual([
      "one",
      "two",
    ]);
  });

  it("starts each node as soon as its own inputs are ready: a slow branch does not hold a fast one", async () => {
    const { ports, client } = memoryPorts();
    const slow = deferred();
    client.script = (_e, input) => (promptOf(input) === "slow" ? { gate: slow.promise } : {});
    const plan = await planOk(
      workflow(
        [
          t2v("a1", { prompt: "slow" }),
          t2v("b1", { prompt: "fast" }),
          remix("b2", { prompt: "fast remix" }),
          remix("a2", { prompt: "slow remix" }),
        ],
        ["b1.video>b2.video", "a1.video>a2.video"],
      ),
    );
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent });
    // b2 (second level) completes while a1 (first level) is still running.
    await rec.until((e) => e.type === "succeeded" && e.nodeId === "b2");
    expect(rec.finals()).toEqual({ b1: "succeeded", b2: "succeeded" });
    expect(client.timeline).not.toContain("done:slow");
    slow.resolve();
    const summary = await run;
    expect(summary.ok).toBe(true);
    expect(client.timeline.indexOf("submit:fast remix")).toBeLessThan(client.timeline.indexOf("done:slow"));
  });

  it("keeps at most `concurrency` fal jobs in flight, and still runs them all", async () => {
    const { ports, client } = memoryPorts();
    const gates = new Map<string, Deferred>();
    client.script = (_e, input) => {
      const d = deferred();
      gates.set(promptOf(input), d);
      return { gate: d.promise };
    };
    const nodes = Array.from({ length: 6 }, (_, i) => t2v(`v${i}`, { prompt: `job ${i}` }));
    const plan = await planOk(workflow(nodes, []));
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent, concurrency: 2 });
    // Release jobs one at a time as they appear; never more than two may be waiting.
    for (let released = 0; released < 6; released++) {
      await rec.until(() => gates.size > released);
      await new Promise((r) => setTimeout(r, 5));
      expect(client.active).toBeLessThanOrEqual(2);
      const next = [...gates.values()][released];
      next?.resolve();
    }
    const summary = await run;
    expect(summary.ok).toBe(true);
    expect(client.submits).toHaveLength(6);
    expect(client.maxActive).toBe(2);
  });

  it("fails a node, skips only its descendants and lets independent branches finish", async () => {
    const { ports, client, ledger } = memoryPorts();
    client.script = (_e, input) =>
      promptOf(input) === "bad"
        ? {
            fail: new InferenceError({
              code: "moderation",
              message: "The content was flagged",
              mayHaveBeenCharged: true,
            }),
          }
        : {};
    const plan = await planOk(
      workflow(
        [
          t2v("v1", { prompt: "bad" }),
          remix("r1", { prompt: "x" }),
          remix("r2", { prompt: "y" }),
          t2v("v2", { prompt: "good" }),
          remix("r3", { prompt: "z" }),
        ],
        ["v1.video>r1.video", "r1.video>r2.video", "v2.video>r3.video"],
      ),
    );
    const rec = new Recorder();
    const summary = await execute(plan, ports, { onEvent: rec.onEvent });
    expect(summary.ok).toBe(false);
    expect(rec.finals()).toEqual({ v1: "failed", r1: "skipped", r2: "skipped", v2: "succeeded", r3: "succeeded" });
    for (const id of ["r1", "r2"]) expect(rec.of("skipped", id)[0]).toMatchObject({ because: "v1" });
    expect(rec.of("failed", "v1")[0]).toMatchObject({ error: { code: "moderation", mayHaveBeenCharged: true } });
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("failed");
    expect(client.submits.map((s) => promptOf(s.input)).sort()).toEqual(["bad", "good", "z"]);
    expect(summary.totals.failed).toBe(1);
  });

  it("sends nothing for cached nodes on a second run, and re-runs only a changed node and its descendants", async () => {
    const { ports, client, cache } = memoryPorts();
    const build = (remixPrompt: string) =>
      workflow(
        [prompt("p1", "A cat"), t2v("v1"), remix("r1", { prompt: remixPrompt }), t2v("v2", { prompt: "other" })],
        ["p1.text>v1.prompt", "v1.video>r1.video"],
      );
    await execute(await planOk(build("purple")), ports, { onEvent: () => undefined });
    expect(client.submits).toHaveLength(3);

    const again = new Recorder();
    const summary = await execute(await planOk(build("purple")), ports, { onEvent: again.onEvent });
    expect(client.submits).toHaveLength(3);
    expect(again.finals()).toEqual({ v1: "cached", r1: "cached", v2: "cached" });
    expect(summary.totals).toEqual({ submitted: 0, cached: 3, failed: 0, costUsd: 0 });

    const changed = new Recorder();
    const greenPlan = await planOk(build("green"));
    await execute(greenPlan, ports, { onEvent: changed.onEvent });
    expect(changed.finals()).toEqual({ v1: "cached", r1: "succeeded", v2: "cached" });
    const v1VideoId = videoOf(cache.entries.get(keyOf(greenPlan, "v1"))?.result).videoId;
    expect(v1VideoId).toMatch(/^video_req-/);
    expect(client.submits.slice(3).map((s) => s.input)).toEqual([{ video_id: v1VideoId, prompt: "green" }]);
  });

  it("re-attaches to an unfinished job by its request id and never submits it again", async () => {
    const { ports, client, cache, ledger } = memoryPorts();
    const plan = await planOk(workflow([t2v("v1", { prompt: "a cat" })], []));
    const key = keyOf(plan, "v1");
    const earlier = requestId("req-from-before-reload");
    client.addJob(earlier, gen(plan, "v1").endpoint, {});
    await ledger.open({
      key,
      nodeId: nodeId("v1"),
      workflowName: "test",
      endpoint: gen(plan, "v1").endpoint,
      inputHash: contentHash("x"),
      state: "queued",
      requestId: earlier,
      estimatedCostUsd: 0.4,
      createdAt: "2026-11-25T09:00:00.000Z",
      updatedAt: "2026-11-25T09:00:00.000Z",
    });
    const rec = new Recorder();
    const summary = await execute(plan, ports, { onEvent: rec.onEvent });
    expect(client.submits).toHaveLength(0);
    expect(rec.of("resumed", "v1")[0]).toMatchObject({ requestId: earlier });
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect(summary.state.nodes[nodeId("v1")]?.resumed).toBe(true);
    expect(cache.entries.get(key)?.requestId).toBe(earlier);
    expect(ledger.jobs.get(key)?.state).toBe("stored");
  });

  it("does not resubmit a job whose submit outcome is unknown, unless the user asks", async () => {
    const { ports, client, ledger } = memoryPorts();
    const plan = await planOk(
      workflow([t2v("v1", { prompt: "a cat" }), remix("r1", { prompt: "b" })], ["v1.video>r1.video"]),
    );
    const key = keyOf(plan, "v1");
    await ledger.open({
      key,
      nodeId: nodeId("v1"),
      workflowName: "test",
      endpoint: gen(plan, "v1").endpoint,
      inputHash: contentHash("x"),
      state: "submitting",
      requestId: null,
      estimatedCostUsd: 0.4,
      createdAt: "2026-11-25T09:00:00.000Z",
      updatedAt: "2026-11-25T09:00:00.000Z",
    });
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(client.submits).toHaveLength(0);
    expect(rec.finals()).toEqual({ v1: "failed", r1: "skipped" });
    const failure = rec.of("failed", "v1")[0];
    expect(failure).toMatchObject({ error: { code: "submit-unknown", mayHaveBeenCharged: true } });
    expect(failure?.type === "failed" && failure.error.message).toMatch(/Submit again.*\$0\.40/);
    expect(ledger.jobs.get(key)?.state).toBe("unknown");

    // Running again without asking still sends nothing.
    await execute(plan, ports, { onEvent: () => undefined });
    expect(client.submits).toHaveLength(0);

    // "Submit again" sends it once.
    const again = new Recorder();
    await execute(plan, ports, { onEvent: again.onEvent, resubmit: [nodeId("v1")] });
    expect(client.submits).toHaveLength(2);
    expect(again.finals()).toEqual({ v1: "succeeded", r1: "succeeded" });
  });

  // What a run records when submit fails, by how it failed, and what a later run then sends.
  it.each([
    [
      "records a submit whose answer was lost as unknown and does not send it again",
      {
        error: () =>
          new InferenceError({
            code: "submit-unknown",
            mayHaveBeenCharged: true,
            message: "The connection broke after the job was sent",
          }),
        failed: { code: "submit-unknown", mayHaveBeenCharged: true },
        row: "unknown",
        sentLater: 0,
      },
    ],
    [
      "treats an unexpected error from submit as a job fal may have",
      {
        error: () => new Error("something odd"),
        failed: { code: "submit-unknown", mayHaveBeenCharged: true },
        row: "unknown",
        sentLater: 0,
      },
    ],
    [
      "records a submit that never left (connection refused) as failed and free",
      {
        error: () => new InferenceError({ code: "network", message: "Could not reach the proxy" }),
        failed: { code: "network", mayHaveBeenCharged: false },
        row: "failed",
        sentLater: 1,
      },
    ],
    [
      "records a submit fal refused (422) as failed, free, and allows a later run",
      {
        error: () =>
          new InferenceError({
            code: "validation",
            message: "duration: Input should be 4, 8 or 12",
            field: "duration",
            httpStatus: 422,
          }),
        failed: { code: "validation", field: "duration", mayHaveBeenCharged: false },
        row: "failed",
        sentLater: 1,
      },
    ],
  ] as const)("%s", async (_title, { error, failed, row, sentLater }) => {
    const { ports, client, ledger } = memoryPorts();
    client.submitError = error;
    const plan = await planOk(workflow([t2v("v1", { prompt: "a cat" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.of("failed", "v1")[0]).toMatchObject({ error: failed });
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe(row);
    client.submitError = undefined;
    await execute(plan, ports, { onEvent: () => undefined });
    expect(client.submits).toHaveLength(sentLater);
  });

  it.each(["network", "no-proxy"] as const)(
    "keeps the ledger row when contact is lost while waiting (%s), so the next run re-attaches",
    async (code) => {
      const { ports, client, ledger } = memoryPorts();
      const lost = deferred();
      client.script = () => ({ gate: lost.promise, fail: new InferenceError({ code, message: "offline" }) });
      const plan = await planOk(workflow([t2v("v1", { prompt: "a cat" })], []));
      const rec = new Recorder();
      const run = execute(plan, ports, { onEvent: rec.onEvent });
      await rec.until((e) => e.type === "submitted");
      lost.resolve();
      await run;
      expect(rec.of("failed", "v1")[0]).toMatchObject({ error: { code } });
      const row = ledger.jobs.get(keyOf(plan, "v1"));
      expect(row?.state).toBe("running");
      // The job finishes on fal meanwhile; the next run follows it instead of paying again.
      const job = client.jobs.get(row?.requestId ?? requestId(""));
      if (job) job.script = {};
      const next = new Recorder();
      await execute(plan, ports, { onEvent: next.onEvent });
      expect(client.submits).toHaveLength(1);
      expect(next.finals()).toEqual({ v1: "succeeded" });
    },
  );

  it("cancels submitted jobs on Stop, and cancels what had not started", async () => {
    const { ports, client, ledger } = memoryPorts();
    client.script = () => ({ gate: new Promise(() => undefined) });
    const plan = await planOk(
      workflow(
        [
          t2v("v1", { prompt: "a" }),
          t2v("v2", { prompt: "b" }),
          remix("r1", { prompt: "c" }),
          t2v("v3", { prompt: "d" }),
        ],
        ["v1.video>r1.video"],
      ),
    );
    const stop = new AbortController();
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent, signal: stop.signal, concurrency: 2 });
    await rec.until((e) => e.type === "submitted" && e.nodeId === "v2");
    stop.abort();
    const summary = await run;
    expect(summary.cancelled).toBe(true);
    expect(summary.ok).toBe(false);
    expect(rec.finals()).toEqual({ v1: "cancelled", v2: "cancelled", r1: "cancelled", v3: "cancelled" });
    expect([...client.cancels].sort()).toEqual(["req-1", "req-2"]);
    expect(client.submits).toHaveLength(2);
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("cancelled");
    expect(ledger.jobs.get(keyOf(plan, "v3"))).toBeUndefined();
  });

  it("stops waiting on Stop even when the client ignores the abort signal, and ignores its late updates", async () => {
    const { ports, client, ledger } = memoryPorts();
    const late = deferred<(u: Parameters<Parameters<typeof client.watch>[2]>[0]) => void>();
    client.watch = async (_e, _id, onUpdate) => {
      late.resolve(onUpdate);
      await new Promise(() => undefined);
    };
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const stop = new AbortController();
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent, signal: stop.signal });
    const onUpdate = await late.promise;
    stop.abort();
    await run;
    expect(rec.finals()).toEqual({ v1: "cancelled" });
    expect(client.cancels).toEqual(["req-1"]);
    onUpdate({ status: "IN_PROGRESS", logs: [{ message: "too late" }] });
    await new Promise((r) => setTimeout(r, 5));
    expect(rec.of("running")).toEqual([]);
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("cancelled");
  });

  it("stores the result when a cancelled job had already completed (it was paid for)", async () => {
    const { ports, client, cache, ledger } = memoryPorts();
    client.script = () => ({ finishedUnseen: true });
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const stop = new AbortController();
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent, signal: stop.signal });
    await rec.until((e) => e.type === "submitted");
    stop.abort();
    await run;
    expect(client.cancels).toEqual(["req-1"]);
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect(cache.entries.get(keyOf(plan, "v1"))?.requestId).toBe("req-1");
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("stored");
  });

  it("uploads a data: image once, however many nodes use it, and reuses the upload on later runs", async () => {
    const { ports, client, cache } = memoryPorts();
    const build = (motion: string) =>
      workflow(
        [
          image("i1", PNG_1X1),
          image("i2", PNG_1X1),
          i2v("v1", { prompt: `${motion} 1` }),
          i2v("v2", { prompt: `${motion} 2` }),
          i2v("v3", { prompt: `${motion} 3` }),
        ],
        ["i1.image>v1.image", "i1.image>v2.image", "i2.image>v3.image"],
      );
    const rec = new Recorder();
    const summary = await execute(await planOk(build("pan")), ports, { onEvent: rec.onEvent });
    expect(summary.ok).toBe(true);
    expect(client.uploads).toHaveLength(1);
    expect(client.uploads[0]?.type).toBe("image/png");
    expect(client.submits.map((s) => s.input.image_url)).toEqual([
      "https://fake.fal.media/uploads/1",
      "https://fake.fal.media/uploads/1",
      "https://fake.fal.media/uploads/1",
    ]);
    expect(cache.uploads.size).toBe(1);

    await execute(await planOk(build("zoom")), ports, { onEvent: () => undefined });
    expect(client.submits).toHaveLength(6);
    expect(client.uploads).toHaveLength(1);
  });

  it("uploads a local asset by its content hash, and fails the node clearly when the asset is gone", async () => {
    const { client, cache, ledger } = memoryPorts();
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const hash = await sha256Hex(bytes);
    const assets = { get: async (h: string) => (h === hash ? new Blob([bytes], { type: "image/png" }) : undefined) };
    const ports = { client, cache, ledger, assets };
    const ok = await execute(
      await planOk(workflow([imageAsset("i1", hash), i2v("v1", { prompt: "go" })], ["i1.image>v1.image"])),
      ports,
      { onEvent: () => undefined },
    );
    expect(ok.ok).toBe(true);
    expect(client.uploads).toHaveLength(1);

    const rec = new Recorder();
    const gone = await execute(
      await planOk(workflow([imageAsset("i9", "ab".repeat(32)), i2v("v9", { prompt: "go" })], ["i9.image>v9.image"])),
      ports,
      { onEvent: rec.onEvent },
    );
    expect(gone.ok).toBe(false);
    expect(rec.finals()).toEqual({ i9: "failed", v9: "skipped" });
    const f = rec.of("failed", "i9")[0];
    expect(f?.type === "failed" && f.error.message).toMatch(/Image i9: could not upload the image: .*no longer stored/);
  });

  it("submits identical nodes once: the second waits for the first's result", async () => {
    const { ports, client } = memoryPorts();
    const plan = await planOk(workflow([t2v("v1", { prompt: "same" }), t2v("v2", { prompt: "same" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(client.submits).toHaveLength(1);
    expect(rec.finals()).toEqual({ v1: "succeeded", v2: "succeeded" });
  });

  it("does not serve a result flagged simulated (a demo take) to a run: it makes the video", async () => {
    const { ports, client, cache } = memoryPorts();
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const key = keyOf(plan, "v1");
    const demo = { url: "https://demo/sample.mp4", content_type: "video/mp4" };
    await cache.put({
      key,
      endpoint: gen(plan, "v1").endpoint,
      result: { video: demo, videoId: "demo-1", thumbnail: null, durationSec: 4 },
      requestId: null,
      costUsd: 0,
      createdAt: new Date(0).toISOString(),
      simulated: true,
    });
    const rec = new Recorder();
    const summary = await execute(plan, ports, { onEvent: rec.onEvent });
    expect(summary.ok).toBe(true);
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect(client.submits).toHaveLength(1);
    expect(cache.entries.get(key)?.simulated).toBeUndefined();
  });

  it("fails only the node whose cache lookup broke, and survives a throwing listener", async () => {
    const { ports, client, cache } = memoryPorts();
    const plan = await planOk(
      workflow(
        [t2v("v1", { prompt: "a" }), remix("r1", { prompt: "b" }), t2v("v2", { prompt: "c" })],
        ["v1.video>r1.video"],
      ),
    );
    const broken = keyOf(plan, "v1");
    const get = cache.get.bind(cache);
    cache.get = async (key) => {
      if (key === broken) throw new Error("IndexedDB is unavailable");
      return get(key);
    };
    const rec = new Recorder();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await execute(plan, ports, {
        onEvent: (e) => {
          rec.onEvent(e);
          if (e.type === "submitted") throw new Error("listener bug");
        },
      });
    } finally {
      console.error = original;
    }
    expect(rec.finals()).toEqual({ v1: "failed", r1: "skipped", v2: "succeeded" });
    expect(rec.of("failed", "v1")[0]).toMatchObject({
      error: { message: "Text-to-Video v1: IndexedDB is unavailable" },
    });
    expect(client.submits).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  it("checks inputs again once upstream results exist: a Sora remix of a video without a Sora id is refused unsent", async () => {
    const { ports, client, cache } = memoryPorts();
    const plan = await planOk(
      workflow([t2v("v1", { prompt: "a" }), remix("r1", { prompt: "b" })], ["v1.video>r1.video"]),
    );
    const v1 = gen(plan, "v1");
    await cache.put({
      key: v1.key,
      endpoint: v1.endpoint,
      result: { video: { url: "https://x/old.mp4" }, videoId: null, thumbnail: null, durationSec: 4 },
      requestId: null,
      costUsd: 0.4,
      createdAt: "2026-11-25T00:00:00.000Z",
    });
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ v1: "cached", r1: "failed" });
    expect(rec.of("failed", "r1")[0]).toMatchObject({
      error: { code: "invalid-input", field: "video_id", mayHaveBeenCharged: false },
    });
    expect(client.submits).toHaveLength(0);
  });

  it("keeps following a submitted job when the ledger cannot be written any more", async () => {
    const { ports, client, cache, ledger } = memoryPorts();
    ledger.update = async () => {
      throw new Error("disk full");
    };
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    expect(cache.entries.get(keyOf(plan, "v1"))?.requestId).toBe("req-1");
    // The row still says "submitting": a later run finds the result in the cache, and without
    // it would ask before sending again. Nothing is lost, nothing is sent twice.
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("submitting");
    await execute(plan, ports, { onEvent: () => undefined });
    expect(client.submits).toHaveLength(1);
  });

  it("does not submit when the ledger row cannot be written first", async () => {
    const { ports, client, ledger } = memoryPorts();
    ledger.open = async () => {
      throw new Error("disk full");
    };
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ v1: "failed" });
    expect(rec.of("failed", "v1")[0]).toMatchObject({ error: { code: "storage", mayHaveBeenCharged: false } });
    expect(client.submits).toHaveLength(0);
  });

  it("reports a result fal returned but the adapter cannot read", async () => {
    const { ports, client, ledger } = memoryPorts();
    client.result = async () => ({ video: { url: "" } });
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const rec = new Recorder();
    await execute(plan, ports, { onEvent: rec.onEvent });
    expect(rec.of("failed", "v1")[0]).toMatchObject({ error: { code: "bad-result", mayHaveBeenCharged: true } });
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("failed");
  });
});

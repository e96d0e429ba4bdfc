import { describe, expect, it } from "vitest";
import type { CacheKey, EndpointId } from "../../src/domain/ids";
import { contentHash, nodeId, requestId } from "../../src/domain/ids";
import { execute } from "../../src/engine/executor";
import type { Job } from "../../src/engine/ports";
import { resumeUnfinished } from "../../src/engine/resume";
import { deferred, memoryPorts, Recorder } from "./helpers/memory-ports";
import { videoOf } from "../fixtures/video-result";
import { gen, keyOf, planOk, t2v, workflow } from "./helpers/workflow";

const row = (key: CacheKey, node: string, endpoint: EndpointId, state: Job["state"], req: string | null): Job => ({
  key,
  nodeId: nodeId(node),
  workflowName: "test",
  endpoint,
  inputHash: contentHash("h"),
  state,
  requestId: req === null ? null : requestId(req),
  estimatedCostUsd: 0.4,
  createdAt: "2026-11-25T09:00:00.000Z",
  updatedAt: "2026-11-25T09:00:00.000Z",
  params: { duration: 4, resolution: "720p", aspect_ratio: "16:9" },
});

describe("resumeUnfinished", () => {
  it("follows jobs with a request id to their stored result and reports lost submits without sending anything", async () => {
    const { ports, client, cache, ledger } = memoryPorts();
    const plan = await planOk(
      workflow([t2v("v1", { prompt: "a" }), t2v("v2", { prompt: "b" }), t2v("v3", { prompt: "c" })], []),
    );
    const ep = gen(plan, "v1").endpoint;
    client.addJob(requestId("req-a"), ep, {});
    client.addJob(requestId("req-c"), ep, {}, {}, "COMPLETED");
    await ledger.open(row(keyOf(plan, "v1"), "v1", ep, "running", "req-a"));
    await ledger.open(row(keyOf(plan, "v2"), "v2", ep, "submitting", null));
    await ledger.open(row(keyOf(plan, "v3"), "v3", ep, "completed", "req-c"));
    // Already over: must be left alone.
    await ledger.open(row("done-key" as CacheKey, "v9", ep, "stored", "req-z"));

    const rec = new Recorder();
    const summary = await resumeUnfinished(ports, { onEvent: rec.onEvent });
    expect(client.submits).toHaveLength(0);
    expect(summary.resumed.map((j) => j.nodeId).sort()).toEqual(["v1", "v3"]);
    expect(summary.unknown.map((j) => j.nodeId)).toEqual(["v2"]);
    expect(rec.finals()).toEqual({ v1: "succeeded", v2: "failed", v3: "succeeded" });
    expect(
      rec
        .of("resumed")
        .map((e) => ("requestId" in e ? e.requestId : ""))
        .sort(),
    ).toEqual(["req-a", "req-c"]);
    expect(cache.entries.get(keyOf(plan, "v1"))?.requestId).toBe("req-a");
    expect(videoOf(cache.entries.get(keyOf(plan, "v3"))?.result).durationSec).toBe(4);
    expect(ledger.jobs.get(keyOf(plan, "v1"))?.state).toBe("stored");
    expect(ledger.jobs.get(keyOf(plan, "v2"))?.state).toBe("unknown");
    expect(client.results.sort()).toEqual(["req-a", "req-c"]);

    // The next run finds the resumed results in the cache and still does not send v2.
    const next = new Recorder();
    await execute(plan, ports, { onEvent: next.onEvent });
    expect(next.finals()).toEqual({ v1: "cached", v2: "failed", v3: "cached" });
    expect(client.submits).toHaveLength(0);
  });

  it("lets a run that needs a resumed job wait for it instead of following it twice", async () => {
    const { ports, client, ledger } = memoryPorts();
    const plan = await planOk(workflow([t2v("v1", { prompt: "a" })], []));
    const ep = gen(plan, "v1").endpoint;
    const finish = deferred();
    client.addJob(requestId("req-a"), ep, { gate: finish.promise });
    await ledger.open(row(keyOf(plan, "v1"), "v1", ep, "queued", "req-a"));

    const resumed = resumeUnfinished(ports, { onEvent: () => undefined });
    const rec = new Recorder();
    const run = execute(plan, ports, { onEvent: rec.onEvent });
    finish.resolve();
    await Promise.all([resumed, run]);
    expect(client.submits).toHaveLength(0);
    expect(client.results).toEqual(["req-a"]);
    expect(rec.finals()).toEqual({ v1: "succeeded" });
  });
});

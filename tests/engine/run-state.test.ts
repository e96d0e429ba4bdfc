import { describe, expect, it } from "vitest";
import { cacheKey, endpointId, nodeId, requestId } from "../../src/domain/ids";
import type { RunEvent } from "../../src/engine/events";
import type { CachedResult } from "../../src/engine/ports";
import { foldRun, initialRunState, MAX_LOG_LINES, reduceRun, RunAccumulator } from "../../src/engine/run-state";

const ep = endpointId("fal-ai/sora-2/text-to-video");
const v1 = nodeId("v1");
const v2 = nodeId("v2");
const r1 = nodeId("r1");
const result = (key: string, costUsd: number | null, req: string | null): CachedResult => ({
  key: cacheKey(key),
  endpoint: ep,
  result: { video: { url: `https://x/${key}.mp4` }, videoId: `vid-${key}`, thumbnail: null, durationSec: 4 },
  requestId: req === null ? null : requestId(req),
  costUsd,
  createdAt: "2026-11-25T00:00:00.000Z",
});

describe("reduceRun", () => {
  it("follows a node from queued to succeeded and totals what was paid", () => {
    const events: RunEvent[] = [
      { type: "run-started", at: 1, nodeIds: [v1, v2, r1] },
      { type: "queued", nodeId: v1, at: 1 },
      { type: "submitting", nodeId: v1, key: cacheKey("k1"), endpoint: ep, at: 2 },
      { type: "submitted", nodeId: v1, requestId: requestId("req-1"), endpoint: ep, at: 3 },
      { type: "queue-position", nodeId: v1, position: 2, at: 4 },
      { type: "running", nodeId: v1, at: 5 },
      { type: "logs", nodeId: v1, lines: [{ message: "step 1" }], at: 6 },
      { type: "succeeded", nodeId: v1, result: result("k1", 0.4, "req-1"), at: 7 },
      { type: "cached", nodeId: v2, result: result("k2", 0.4, "req-0"), at: 7 },
      {
        type: "failed",
        nodeId: r1,
        error: { code: "moderation", message: "refused", mayHaveBeenCharged: true },
        at: 8,
      },
      { type: "run-finished", at: 9 },
    ];
    const s = foldRun(events);
    expect(s.phase).toBe("finished");
    expect(s.nodes[v1]).toMatchObject({
      status: "succeeded",
      requestId: "req-1",
      startedAt: 3,
      finishedAt: 7,
      logs: [{ message: "step 1" }],
    });
    expect(s.nodes[v2]?.status).toBe("cached");
    expect(s.nodes[r1]).toMatchObject({ status: "failed", error: { code: "moderation" } });
    expect(s.totals).toEqual({ submitted: 1, cached: 1, failed: 1, costUsd: 0.4 });
  });

  it("shows intermediate states: submitting, queue position, running", () => {
    let s = reduceRun(initialRunState, { type: "run-started", at: 0, nodeIds: [v1] });
    s = reduceRun(s, { type: "submitting", nodeId: v1, key: cacheKey("k"), endpoint: ep, at: 1 });
    expect(s.nodes[v1]).toMatchObject({ status: "queued", submitting: true });
    s = reduceRun(s, { type: "submitted", nodeId: v1, requestId: requestId("r"), endpoint: ep, at: 2 });
    s = reduceRun(s, { type: "queue-position", nodeId: v1, position: 3, at: 3 });
    expect(s.nodes[v1]).toMatchObject({ status: "queued", submitting: false, queuePosition: 3 });
    s = reduceRun(s, { type: "running", nodeId: v1, at: 4 });
    expect(s.nodes[v1]).toMatchObject({ status: "running", queuePosition: null });
  });

  it("marks resumed jobs and does not count them as submitted", () => {
    const s = foldRun([
      { type: "run-started", at: 0, nodeIds: [v1] },
      { type: "resumed", nodeId: v1, requestId: requestId("old"), endpoint: ep, at: 1 },
      { type: "succeeded", nodeId: v1, result: result("k", 0.4, "old"), at: 2 },
    ]);
    expect(s.nodes[v1]).toMatchObject({ status: "succeeded", resumed: true, requestId: "old" });
    expect(s.totals.submitted).toBe(0);
  });

  it("records why a node was skipped, and cancellations", () => {
    const s = foldRun([
      { type: "run-started", at: 0, nodeIds: [v1, r1, v2] },
      { type: "failed", nodeId: v1, error: { code: "validation", message: "bad", mayHaveBeenCharged: false }, at: 1 },
      { type: "skipped", nodeId: r1, because: v1, at: 2 },
      { type: "cancelled", nodeId: v2, at: 3 },
    ]);
    expect(s.nodes[r1]).toMatchObject({ status: "skipped", skippedBecause: "v1" });
    expect(s.nodes[v2]?.status).toBe("cancelled");
  });

  it("keeps only the most recent log lines", () => {
    let s = reduceRun(initialRunState, { type: "run-started", at: 0, nodeIds: [v1] });
    for (let i = 0; i < MAX_LOG_LINES + 25; i++)
      s = reduceRun(s, { type: "logs", nodeId: v1, lines: [{ message: `line ${i}` }], at: i });
    const n = s.nodes[v1];
    expect(n?.logs).toHaveLength(MAX_LOG_LINES);
    expect(n?.logs[0]?.message).toBe("line 25");
    expect(n?.logs.at(-1)?.message).toBe(`line ${MAX_LOG_LINES + 24}`);
    expect(n?.droppedLogLines).toBe(25);
  });

  it("ignores late progress after a node has finished", () => {
    const s = foldRun([
      { type: "run-started", at: 0, nodeIds: [v1] },
      { type: "succeeded", nodeId: v1, result: result("k", 0.1, "r"), at: 1 },
      { type: "running", nodeId: v1, at: 2 },
      { type: "queue-position", nodeId: v1, position: 4, at: 3 },
    ]);
    expect(s.nodes[v1]?.status).toBe("succeeded");
  });

  it("keeps earlier results of nodes a new run does not touch, and resets totals", () => {
    const first = foldRun([
      { type: "run-started", at: 0, nodeIds: [v1, v2] },
      { type: "succeeded", nodeId: v1, result: result("k", 0.1, "r"), at: 1 },
      { type: "succeeded", nodeId: v2, result: result("k2", 0.1, "r2"), at: 1 },
      { type: "run-finished", at: 2 },
    ]);
    const second = reduceRun(first, { type: "run-started", at: 3, nodeIds: [v2] });
    expect(second.nodes[v1]?.status).toBe("succeeded");
    expect(second.nodes[v2]?.status).toBe("idle");
    expect(second.totals.costUsd).toBe(0);
    expect(second.phase).toBe("running");
  });

  it("adds money without floating-point noise", () => {
    const s = foldRun([
      { type: "run-started", at: 0, nodeIds: [v1, v2, r1] },
      { type: "succeeded", nodeId: v1, result: result("a", 0.1, "1"), at: 1 },
      { type: "succeeded", nodeId: v2, result: result("b", 0.2, "2"), at: 1 },
    ]);
    expect(s.totals.costUsd).toBe(0.3);
  });
});

describe("RunAccumulator", () => {
  it("ends in the same state as folding with reduceRun", () => {
    const events: RunEvent[] = [
      { type: "run-started", at: 0, nodeIds: [v1, v2, r1] },
      { type: "queued", nodeId: v1, at: 1 },
      { type: "queued", nodeId: v2, at: 1 },
      { type: "submitting", nodeId: v1, key: cacheKey("k1"), endpoint: ep, at: 2 },
      { type: "submitted", nodeId: v1, requestId: requestId("req-1"), endpoint: ep, at: 3 },
      { type: "logs", nodeId: v1, lines: [{ message: "a" }, { message: "b" }], at: 4 },
      { type: "running", nodeId: v1, at: 5 },
      { type: "cached", nodeId: v2, result: result("k2", 0.4, "r0"), at: 5 },
      { type: "succeeded", nodeId: v1, result: result("k1", 0.4, "req-1"), at: 7 },
      { type: "failed", nodeId: r1, error: { code: "server", message: "x", mayHaveBeenCharged: true }, at: 8 },
      { type: "run-finished", at: 9 },
    ];
    const acc = new RunAccumulator();
    for (const e of events) acc.apply(e);
    expect(acc.state()).toEqual(foldRun(events));
    // Starting from an earlier state works the same way.
    const earlier = foldRun(events);
    const more: RunEvent[] = [
      { type: "run-started", at: 10, nodeIds: [r1] },
      { type: "skipped", nodeId: r1, because: v1, at: 11 },
    ];
    const acc2 = new RunAccumulator(earlier);
    for (const e of more) acc2.apply(e);
    expect(acc2.state()).toEqual(foldRun(more, earlier));
  });
});

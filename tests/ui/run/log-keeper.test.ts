import { describe, expect, it } from "vitest";
import type { CacheNamespace } from "../../../src/domain/settings";
import type { KeptJobLog } from "../../../src/engine/ports";
import { cacheKey, endpointId, nodeId, requestId } from "../../../src/domain/ids";
import type { RunEvent } from "../../../src/engine/events";
import { reduceRun } from "../../../src/engine/run-state";
import { keepJobLogs } from "../../../src/ui/run/log-keeper";
import { createRunStore } from "../../../src/ui/run/run-store";

const A = nodeId("a");
const B = nodeId("b");
const C = nodeId("c");
const ep = endpointId("fal-ai/veo3.1/fast");
const result = (key: string, simulated: boolean) => ({
  key: cacheKey(key),
  endpoint: ep,
  requestId: requestId(`req-${key}`),
  costUsd: 0,
  createdAt: "2026-12-06T00:00:00.000Z",
  simulated,
  result: { video: { url: "https://v.example/x.mp4" }, videoId: null, thumbnail: null, durationSec: 8 },
});

describe("job logs are kept when a job ends", () => {
  it("keeps each ended job's lines once, under its result key (or its key at the run when it failed), in its mode", async () => {
    const runs = createRunStore();
    const kept: [CacheNamespace, KeptJobLog][] = [];
    keepJobLogs({ runs, keep: async (ns, log) => void kept.push([ns, log]), namespaceNow: () => "paid" });
    runs.setState({ keysAtRun: { a: cacheKey("ka"), b: cacheKey("kb"), c: cacheKey("kc") } });
    const events: RunEvent[] = [
      { type: "run-started", at: 1, nodeIds: [A, B, C] },
      { type: "running", nodeId: A, at: 2 },
      { type: "logs", nodeId: A, lines: [{ message: "Starting" }], at: 3 },
      { type: "logs", nodeId: B, lines: [{ message: "Refused" }], at: 3 },
      { type: "succeeded", nodeId: A, result: result("ka", true), at: 4 },
      { type: "failed", nodeId: B, error: { code: "server", message: "boom", mayHaveBeenCharged: false }, at: 5 },
      // Served from the cache: nothing was said, nothing is kept (an earlier run's log stays).
      { type: "cached", nodeId: C, result: result("kc", false), at: 5 },
      { type: "run-finished", at: 6 },
    ];
    for (const ev of events) runs.setState((s) => ({ run: reduceRun(s.run, ev) }));
    expect(kept.map(([ns, l]) => [ns, l.nodeId, l.key, l.status, l.lines.map((x) => x.message)])).toEqual([
      ["demo", A, cacheKey("ka"), "succeeded", ["Starting"]],
      ["paid", B, cacheKey("kb"), "failed", ["Refused"]],
    ]);
    expect(kept[0]?.[1].endedAt).toBe(new Date(4).toISOString());
  });
});

import { describe, expect, it } from "vitest";
import { cacheKey, endpointId } from "../../src/domain/ids";
import type { CachedResult } from "../../src/engine/ports";
import type { NodeRunState } from "../../src/engine/run-state";
import { displayOf } from "../../src/ui/run/node-status";

const K1 = cacheKey("k1");
const K2 = cacheKey("k2");
const result = (key = K1): CachedResult => ({
  key,
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  result: { video: { url: "https://x.invalid/v.mp4" }, videoId: "v", thumbnail: null, durationSec: 4 },
  requestId: null,
  costUsd: 0.4,
  createdAt: "2026-01-01T00:00:00.000Z",
});
const run = (s: Partial<NodeRunState>): NodeRunState => ({ status: "idle", logs: [], ...s });

describe("what a node shows", () => {
  it("is idle with nothing known", () => {
    expect(displayOf(undefined, K1, undefined, undefined).status).toBe("idle");
  });
  it("shows an earlier result from the cache as cached", () => {
    const d = displayOf(undefined, K1, undefined, result());
    expect(d.status).toBe("cached");
    expect(d.result?.key).toBe(K1);
  });
  it("shows queue position and running while a job is in flight, even if the node was edited meanwhile", () => {
    expect(displayOf(run({ status: "queued", queuePosition: 2 }), K2, K1, undefined)).toMatchObject({
      status: "queued",
      queuePosition: 2,
    });
    expect(displayOf(run({ status: "running", startedAt: 5 }), K2, K1, undefined)).toMatchObject({
      status: "running",
      startedAt: 5,
    });
  });
  it("keeps a run's outcome while the node is unchanged, and drops it after an edit", () => {
    const failed = run({
      status: "failed",
      error: { code: "validation", message: "duration: Input should be 4, 8 or 12", mayHaveBeenCharged: false },
    });
    expect(displayOf(failed, K1, K1, undefined)).toMatchObject({
      status: "failed",
      error: { message: "duration: Input should be 4, 8 or 12" },
    });
    expect(displayOf(failed, K2, K1, undefined).status).toBe("idle");
    const ok = run({ status: "succeeded", result: result() });
    expect(displayOf(ok, K1, K1, undefined).status).toBe("succeeded");
    const edited = displayOf(ok, K2, K1, undefined);
    expect(edited).toMatchObject({ status: "idle", stale: true });
    expect(edited.result?.key).toBe(K1);
    // …unless the new key is cached too.
    expect(displayOf(ok, K2, K1, result(K2)).status).toBe("cached");
  });
  it("shows a cancelled job as failed with the word cancelled", () => {
    const d = displayOf(run({ status: "cancelled" }), K1, K1, undefined);
    expect(d).toMatchObject({ status: "failed", detail: "cancelled" });
    expect(d.error?.code).toBe("cancelled");
  });
});

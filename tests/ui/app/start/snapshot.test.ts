import { describe, expect, it } from "vitest";
import { cacheKey, contentHash, nodeId, workflowId, type CacheKey } from "../../../../src/domain/ids";
import type { StoredTake } from "../../../../src/domain/take";
import type { CachedResult } from "../../../../src/engine/ports";
import { firstPlanAtHand } from "../../../../src/ui/app/start/snapshot";
import type { FirstPlan } from "../../../../src/ui/app/start/first-plan";

const W = workflowId("wf-start");
const video = contentHash("a".repeat(64));
const thumb = contentHash("b".repeat(64));
const plan = (): FirstPlan => ({
  view: { plan: null, planErrors: [], keys: {}, stored: {}, preview: null },
  lookups: new Map<CacheKey, CachedResult | null>([[cacheKey("k"), null]]),
  media: new Map([
    [video, new Blob(["v"])],
    [thumb, new Blob(["t"])],
  ]),
  takes: [{ workflowId: W, nodeId: nodeId("v"), key: cacheKey("k") } as StoredTake],
});

describe("the start snapshot's first plan, at hand", () => {
  it("hands each video or thumbnail out once, and the takes once to the start's workflow and mode only", () => {
    const h = firstPlanAtHand(W, "demo");
    expect(h.blobAtHand(video)).toBeUndefined();
    const p = plan();
    const theVideo = p.media.get(video);
    h.accept(p);
    expect(h.lookups("demo")).toBe(p.lookups);
    expect(h.blobAtHand(video)).toBe(theVideo);
    expect(h.blobAtHand(video)).toBeUndefined();
    expect(h.takesAtHand("paid", W)).toBeUndefined();
    expect(h.takesAtHand("demo", workflowId("other"))).toBeUndefined();
    expect(h.takesAtHand("demo", W)).toBe(p.takes);
    expect(h.takesAtHand("demo", W)).toBeUndefined();
    expect(h.blobAtHand(thumb)).toBeDefined();
  });

  it("gives no lookups once the app has left the start's mode (they are that mode's results)", () => {
    const h = firstPlanAtHand(W, "paid");
    const p = plan();
    h.accept(p);
    expect(h.lookups("paid")).toBe(p.lookups);
    expect(h.lookups("demo")).toBeUndefined();
  });

  it("drops the videos and takes when another workflow opens (the lookups stay: they are by content key)", () => {
    const h = firstPlanAtHand(W, "paid");
    h.accept(plan());
    h.forget();
    expect(h.blobAtHand(video)).toBeUndefined();
    expect(h.takesAtHand("paid", W)).toBeUndefined();
  });
});

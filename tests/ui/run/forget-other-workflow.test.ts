// Opening another workflow: a node that shares its id with a node of the last one must not show that node's
// outcome or video (a CI journey read "cached" from the last example's node before the new plan came).
import { describe, expect, it } from "vitest";
import { cacheKey, endpointId, nodeId, requestId } from "../../../src/domain/ids";
import { reduceRun } from "../../../src/engine/run-state";
import { selectNodeDisplayParts } from "../../../src/ui/node/use-node";
import { displayOf } from "../../../src/ui/run/node-status";
import { createRunStore, forgetOtherWorkflow, type RunStore } from "../../../src/ui/run/run-store";

const T2V = nodeId("t2v");
const KEY = cacheKey("k-last-workflow");
const stored = {
  key: KEY,
  endpoint: endpointId("fal-ai/veo3.1/fast"),
  requestId: requestId("req-1"),
  costUsd: 0,
  createdAt: "2026-12-06T00:00:00.000Z",
  simulated: true,
  result: { video: { url: "https://v.example/x.mp4" }, videoId: null, thumbnail: null, durationSec: 8 },
};

/** What the node view shows, read from the store with useNodeDisplay's own selector. */
const shown = (runs: RunStore) => displayOf(...selectNodeDisplayParts(T2V)(runs.getState()));

describe("another workflow opened", () => {
  it("forgets what the store said of the last workflow's nodes: the same id shows idle, no result, until planned", () => {
    const runs = createRunStore();
    let run = runs.getState().run;
    run = reduceRun(run, { type: "run-started", at: 1, nodeIds: [T2V] });
    run = reduceRun(run, { type: "succeeded", nodeId: T2V, result: stored, at: 2 });
    runs.setState({ run, keysAtRun: { t2v: KEY }, keys: { t2v: KEY }, stored: { t2v: stored } });
    expect(shown(runs).status).toBe("succeeded");
    // The run ended, its outcome forgotten, yet the cache hit of the old key still reads as this node's.
    runs.setState({ keysAtRun: {}, run: { ...runs.getState().run, nodes: {} } });
    expect(shown(runs).status).toBe("cached");

    forgetOtherWorkflow(runs);
    expect(shown(runs)).toMatchObject({ status: "idle", result: null });
    expect(runs.getState().preview).toBeNull();
  });
});

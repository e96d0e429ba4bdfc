import { describe, expect, it } from "vitest";
import type { NodeId } from "../../src/domain/ids";
import { endpointId, requestId } from "../../src/domain/ids";
import type { NodeError } from "../../src/engine/errors";
import type { RunEvent } from "../../src/engine/events";
import type { CachedResult } from "../../src/engine/ports";
import type { Job } from "../../src/engine/ports";
import { createSpendTracker, spendRecordOfJob } from "../../src/engine/spend-tracker";
import { planSweep, sweepNote } from "../../src/engine/sweep";
import { keyOf, planOk, prompt, t2v, workflow } from "./helpers/workflow";

const SORA = endpointId("fal-ai/sora-2/text-to-video");
const at = 0;
const id = (s: string) => s as NodeId;
const result = (key: CachedResult["key"], durationSec: number | null): CachedResult => ({
  key,
  endpoint: SORA,
  result: { video: { url: "https://v/x.mp4" }, videoId: "video_1", thumbnail: null, durationSec },
  requestId: requestId("req-a"),
  costUsd: 0.8,
  createdAt: "2026-11-25T10:00:00.000Z",
});
const err = (mayHaveBeenCharged: boolean): NodeError => ({ code: "internal", message: "boom", mayHaveBeenCharged });

async function setup() {
  const plan = await planOk(
    workflow(
      [prompt("p", "a fox"), t2v("a", { duration: 8 }, SORA), t2v("b", { duration: 4 }, SORA)],
      ["p.text>a.prompt", "p.text>b.prompt"],
      "Foxes",
    ),
  );
  const tracker = createSpendTracker(plan, { source: "browser", now: () => new Date("2026-11-25T10:00:00.000Z") });
  const feed = (evs: RunEvent[]) => evs.map((e) => tracker.onEvent(e)).filter((r) => r !== undefined);
  return { plan, feed };
}

/** A ledger row of a Sora 2 job running at fal since 09:00, as start-up re-attaches to it: `job` says which. */
const runningJob = (
  job: Pick<Job, "key" | "nodeId" | "workflowName" | "requestId" | "estimatedCostUsd" | "params">,
): Job => ({
  endpoint: SORA,
  inputHash: "h" as Job["inputHash"],
  state: "running",
  createdAt: "2026-11-25T09:00:00.000Z",
  updatedAt: "2026-11-25T09:00:00.000Z",
  ...job,
});

describe("spend tracker", () => {
  it("writes one record when a submitted job succeeds, with the plan's estimate and the seconds made", async () => {
    const { plan, feed } = await setup();
    const key = keyOf(plan, "a");
    const rows = feed([
      { type: "submitting", nodeId: id("a"), key, endpoint: SORA, at },
      { type: "submitted", nodeId: id("a"), requestId: requestId("req-a"), endpoint: SORA, at },
      { type: "running", nodeId: id("a"), at },
      { type: "succeeded", nodeId: id("a"), result: result(key, 8), at },
    ]);
    expect(rows).toEqual([
      {
        time: "2026-11-25T10:00:00.000Z",
        workflow: "Foxes",
        node: "a",
        endpoint: SORA,
        seconds: 8,
        estimatedCostUsd: 0.8,
        outcome: "succeeded",
        requestId: "req-a",
        cacheKey: key,
        source: "browser",
      },
    ]);
  });

  it("records cache hits and refused submits as nothing, lost submits as unknown, failures and cancels after a submit", async () => {
    const { plan, feed } = await setup();
    const a = keyOf(plan, "a");
    const b = keyOf(plan, "b");
    expect(feed([{ type: "cached", nodeId: id("a"), result: result(a, 8), at }])).toEqual([]);
    // fal said 422 to the submit: nothing queued.
    expect(
      feed([
        { type: "submitting", nodeId: id("a"), key: a, endpoint: SORA, at },
        { type: "failed", nodeId: id("a"), error: err(false), at },
      ]),
    ).toEqual([]);
    const lost = feed([
      { type: "submitting", nodeId: id("a"), key: a, endpoint: SORA, at },
      { type: "failed", nodeId: id("a"), error: err(true), at },
    ]);
    expect(lost.map((r) => [r.node, r.outcome, r.requestId])).toEqual([["a", "unknown", null]]);
    const ended = feed([
      { type: "resumed", nodeId: id("a"), requestId: requestId("req-a"), endpoint: SORA, at },
      { type: "submitting", nodeId: id("b"), key: b, endpoint: SORA, at },
      { type: "submitted", nodeId: id("b"), requestId: requestId("req-b"), endpoint: SORA, at },
      { type: "failed", nodeId: id("a"), error: err(false), at },
      { type: "cancelled", nodeId: id("b"), at },
      // A repeated end of the same job is not a second row.
      { type: "cancelled", nodeId: id("b"), at },
    ]);
    expect(ended.map((r) => [r.node, r.outcome, r.requestId, r.seconds])).toEqual([
      ["a", "failed", "req-a", 8],
      ["b", "cancelled", "req-b", 4],
    ]);
  });

  it("ignores a node cancelled before it was sent", async () => {
    const { feed } = await setup();
    expect(
      feed([
        { type: "queued", nodeId: id("a"), at },
        { type: "cancelled", nodeId: id("a"), at },
      ]),
    ).toEqual([]);
  });

  it("makes the record of a job re-attached at start-up from its ledger row", () => {
    const job = runningJob({
      key: "k9" as Job["key"],
      nodeId: id("v9"),
      workflowName: "Earlier",
      requestId: requestId("req-9"),
      estimatedCostUsd: 1.2,
      params: { duration: 12 },
    });
    expect(
      spendRecordOfJob(job, "succeeded", { source: "browser", now: () => new Date("2026-11-25T10:00:00.000Z") }),
    ).toEqual({
      time: "2026-11-25T10:00:00.000Z",
      workflow: "Earlier",
      node: "v9",
      endpoint: SORA,
      seconds: 12,
      estimatedCostUsd: 1.2,
      outcome: "succeeded",
      requestId: "req-9",
      cacheKey: "k9",
      source: "browser",
    });
    expect(spendRecordOfJob({ ...job, params: undefined }, "cancelled", { source: "cli" }).seconds).toBeNull();
  });

  it("names the swept node, not its clone, with the value in the note, for a sweep's jobs", async () => {
    const w = workflow([prompt("p", "a fox"), t2v("clip", { duration: 4 }, SORA)], ["p.text>clip.prompt"], "Foxes");
    const planned = await planSweep(w, { nodeId: id("clip"), param: "duration", values: [8, 12] });
    if (!planned.ok) throw new Error(planned.errors.map((e) => e.message).join("; "));
    const { plan, runs } = planned.sweep;
    const valueOf = new Map(runs.map((r) => [r.runNodeId, r.value]));
    const jobOf = (tracker: ReturnType<typeof createSpendTracker>) =>
      runs
        .flatMap((r, i) => [
          tracker.onEvent({ type: "submitting", nodeId: r.runNodeId, key: r.key, endpoint: SORA, at }),
          tracker.onEvent({
            type: "submitted",
            nodeId: r.runNodeId,
            requestId: requestId(`req-${i}`),
            endpoint: SORA,
            at,
          }),
          i === 0
            ? tracker.onEvent({ type: "succeeded", nodeId: r.runNodeId, result: result(r.key, 8), at })
            : tracker.onEvent({ type: "cancelled", nodeId: r.runNodeId, at }),
        ])
        .filter((x) => x !== undefined);

    const rows = jobOf(
      createSpendTracker(plan, { source: "browser", sweep: { param: "duration", valueOf: (n) => valueOf.get(n) } }),
    );
    expect(runs.map((r) => r.runNodeId)).toEqual(["clip~sweep~0", "clip~sweep~1"]);
    expect(rows.map((r) => [r.node, r.note, r.outcome, r.seconds, r.estimatedCostUsd])).toEqual([
      ["clip", "sweep: duration = 8", "succeeded", 8, 0.8],
      ["clip", "sweep: duration = 12", "cancelled", 12, 1.2],
    ]);
    expect(rows.map((r) => r.cacheKey)).toEqual(runs.map((r) => r.key));
    // Told nothing about the sweep, a clone's row still names the node it is a clone of.
    expect(jobOf(createSpendTracker(plan, { source: "browser" })).map((r) => [r.node, r.note])).toEqual([
      ["clip", undefined],
      ["clip", undefined],
    ]);
    // An ordinary plan's rows have no note.
    const { feed, plan: plain } = await setup();
    const key = keyOf(plain, "a");
    const [row] = feed([
      { type: "submitting", nodeId: id("a"), key, endpoint: SORA, at },
      { type: "succeeded", nodeId: id("a"), result: result(key, 8), at },
    ]);
    expect(row && "note" in row).toBe(false);
  });

  it("says a swept prompt or model in words", () => {
    expect(sweepNote("endpoint", "fal-ai/sora-2/text-to-video/pro")).toBe(
      "sweep: endpoint = fal-ai/sora-2/text-to-video/pro",
    );
    expect(sweepNote("prompt", 'a "red" fox')).toBe('sweep: prompt = "a \\"red\\" fox"');
    expect(sweepNote("prompt", "x".repeat(80))).toBe(`sweep: prompt = "${"x".repeat(59)}…"`);
    expect(sweepNote("aspect_ratio", "9:16")).toBe("sweep: aspect_ratio = 9:16");
  });

  it("a re-attached sweep job's record names the swept node and value from the take in its row", () => {
    const job = runningJob({
      key: "k7" as Job["key"],
      nodeId: id("clip~sweep~1"),
      workflowName: "Foxes",
      requestId: requestId("req-7"),
      estimatedCostUsd: 0.8,
      params: { duration: 8 },
    });
    const take = { nodeId: id("clip"), sweep: { param: "duration", value: 8 } } as unknown as NonNullable<Job["take"]>;
    expect(spendRecordOfJob({ ...job, take }, "succeeded", { source: "browser" })).toMatchObject({
      node: "clip",
      note: "sweep: duration = 8",
      seconds: 8,
    });
    // A row written before jobs carried their take: the node from the clone id, no note.
    const legacy = spendRecordOfJob(job, "succeeded", { source: "browser" });
    expect(legacy.node).toBe("clip");
    expect(legacy.note).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { nodeId } from "../../src/domain/ids";
import { billFor } from "../../src/engine/bill";
import { execute } from "../../src/engine/executor";
import { planSweep } from "../../src/engine/sweep";
import { useFalOnDisk } from "./helpers/fal-on-disk";
import { Recorder } from "./helpers/memory-ports";
import { videoOf } from "../fixtures/video-result";
import { keyOf, planOk, prompt, remix, t2v, workflow } from "./helpers/workflow";

// A sweep's plan through execute(), the real @fal-ai/client and the fake fal.

const disk = useFalOnDisk("reelflow-sweep-", { queueMs: 100, runMs: 300, streamIntervalMs: 25 });
const graph = () =>
  workflow(
    [prompt("p1", "A cat on a skateboard"), t2v("v1"), remix("r1", { prompt: "make it purple" })],
    ["p1.text>v1.prompt", "v1.video>r1.video"],
  );

describe("a sweep run", () => {
  it("submits one job per value, in parallel, with each value in its body, stored under the planned keys", async () => {
    const r = await planSweep(graph(), { nodeId: nodeId("v1"), param: "duration", values: [4, 8, 12] });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
    const { sweep } = r;
    const bill = await billFor(sweep.plan, { cache: disk.cache });
    expect(bill.paidCount).toBe(3);
    expect(bill.totalUsd).toBe(2.4);

    const rec = new Recorder();
    const summary = await execute(sweep.plan, disk.ports, { onEvent: rec.onEvent, concurrency: 4 });
    expect(summary.ok).toBe(true);
    expect(rec.finals()).toEqual({ "v1~sweep~0": "succeeded", "v1~sweep~1": "succeeded", "v1~sweep~2": "succeeded" });
    expect(disk.fake.maxConcurrent()).toBeGreaterThanOrEqual(2);
    expect(disk.fake.requestsOf("submit").map((r) => r.status)).toEqual([200, 200, 200]);
    // The node feeds a Sora remix, so each clone keeps its video remixable.
    const bodies = disk.submits().map((s) => s.body as Record<string, unknown>);
    expect(bodies.sort((a, b) => Number(a.duration) - Number(b.duration))).toEqual(
      [4, 8, 12].map((duration) => ({
        prompt: "A cat on a skateboard",
        resolution: "720p",
        aspect_ratio: "16:9",
        duration,
        delete_video: false,
      })),
    );
    for (const run of sweep.runs) expect(videoOf((await disk.cache.get(run.key))?.result).durationSec).toBe(run.value);
    expect(summary.totals.costUsd).toBe(2.4);

    // The node itself with the default duration (4) is now served by the sweep's result.
    const again = new Recorder();
    await execute(await planOk(graph(), ["v1"]), disk.ports, { onEvent: again.onEvent });
    expect(again.finals()).toEqual({ v1: "cached" });
    expect(keyOf(await planOk(graph()), "v1")).toBe(sweep.runs[0]?.key);
    expect(disk.submits()).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";
import { execute } from "../../src/engine/executor";
import type { NodeError } from "../../src/engine/errors";
import { keepRawResult, RAW_RESULT_CAP_BYTES } from "../../src/engine/raw-result";
import { memoryPorts, Recorder } from "./helpers/memory-ports";
import { keyOf, planOk, t2v, workflow } from "./helpers/workflow";

// A result fal sent that the model cannot read: the job was paid for, so the node fails with a clear error and
// what fal sent is kept in the job's ledger row (cut to 64 KB of JSON when longer), and on the node's error.

/** fal's video as a list: no `video` file for any video adapter to read. */
const UNREADABLE = { videos: [{ url: "https://fake.fal.media/out.mp4", content_type: "video/mp4" }], seed: 42 };

async function runOne(result: unknown, ports = memoryPorts()) {
  ports.client.result = async () => result;
  const plan = await planOk(workflow([t2v("v1", { prompt: "a fox" })], []));
  const rec = new Recorder();
  await execute(plan, ports.ports, { onEvent: rec.onEvent });
  const failed = rec.of("failed", "v1")[0] as { error: NodeError } | undefined;
  return { error: failed?.error, row: ports.ledger.jobs.get(keyOf(plan, "v1")), ...ports };
}

describe("a result fal sent that Reelflow cannot read", () => {
  it("fails the node saying so, with the raw result kept in the job's ledger row and on the error", async () => {
    const { error, row, cache } = await runOne(UNREADABLE);
    expect(error).toMatchObject({ code: "bad-result", mayHaveBeenCharged: true, rawResult: UNREADABLE });
    expect(error?.message).toMatch(/^fal finished the job but its result is unusable: /);
    expect(error?.message).toMatch(/\. The raw result is kept in the job ledger\.$/);
    expect(row).toMatchObject({ state: "failed", error: error?.message, rawResult: UNREADABLE });
    expect(cache.entries.size).toBe(0);
  });

  it("keeps only the first 64 KB of a longer result's JSON, as text, and says so", async () => {
    const huge = { ...UNREADABLE, logs: "x".repeat(100 * 1024) };
    const { error, row } = await runOne(huge);
    const json = JSON.stringify(huge);
    expect(typeof row?.rawResult).toBe("string");
    expect(row?.rawResult).toBe(json.slice(0, RAW_RESULT_CAP_BYTES));
    expect(error?.rawResult).toBe(row?.rawResult);
    const said = "The raw result is kept in the job ledger, cut to the first 64 KB of its JSON (100 KB in all).";
    expect(error?.message.endsWith(said)).toBe(true);
    expect(row?.error).toBe(error?.message);
  });

  it("does not claim the raw result is kept when the ledger could not write it", async () => {
    const ports = memoryPorts();
    const update = ports.ledger.update.bind(ports.ledger);
    ports.ledger.update = async (key, patch) => {
      if (patch.state === "failed") throw new Error("disk full");
      return update(key, patch);
    };
    const { error, row } = await runOne(UNREADABLE, ports);
    expect(error).toMatchObject({ code: "bad-result", rawResult: UNREADABLE });
    expect(error?.message).toMatch(/unusable/);
    expect(error?.message).not.toMatch(/kept/);
    expect(row?.state).toBe("completed");
  });

  it("a readable result keeps nothing raw", async () => {
    const ports = memoryPorts();
    const plan = await planOk(workflow([t2v("v1", { prompt: "a fox" })], []));
    await execute(plan, ports.ports, { onEvent: () => undefined });
    const row = ports.ledger.jobs.get(keyOf(plan, "v1"));
    expect(row?.state).toBe("stored");
    expect(row).not.toHaveProperty("rawResult");
  });
});

describe("keepRawResult", () => {
  it("keeps a result up to the cap whole, and cuts a longer one without splitting a character", () => {
    const fits = { text: "a".repeat(RAW_RESULT_CAP_BYTES - 20) };
    expect(keepRawResult(fits)).toEqual({ value: fits });
    const wide = { text: "é".repeat(RAW_RESULT_CAP_BYTES) };
    const kept = keepRawResult(wide);
    expect(kept.cutFromBytes).toBe(new TextEncoder().encode(JSON.stringify(wide)).length);
    const text = kept.value as string;
    expect(JSON.stringify(wide).startsWith(text)).toBe(true);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(RAW_RESULT_CAP_BYTES);
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(RAW_RESULT_CAP_BYTES - 2);
    expect(text).not.toMatch(/\uFFFD/);
  });

  it("keeps something for what JSON cannot hold", () => {
    expect(keepRawResult(undefined)).toEqual({ value: null });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(keepRawResult(cyclic)).toEqual({ value: "[object Object]" });
  });
});

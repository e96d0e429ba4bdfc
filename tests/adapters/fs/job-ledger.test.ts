import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFsJobLedger } from "../../../src/adapters/fs/job-ledger";
import { cacheKey, contentHash, endpointId, nodeId, requestId } from "../../../src/domain/ids";
import type { Job } from "../../../src/engine/ports";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "reelflow-ledger-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const job = (key: string, extra: Partial<Job> = {}): Job => ({
  key: cacheKey(key),
  nodeId: nodeId(`n-${key}`),
  workflowName: "Cat remix",
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  inputHash: contentHash("a".repeat(64)),
  state: "submitting",
  requestId: null,
  estimatedCostUsd: 0.4,
  createdAt: `2026-11-25T10:00:0${key.length}.000Z`,
  updatedAt: "2026-11-25T10:00:00.000Z",
  ...extra,
});

describe("file job ledger", () => {
  it("records a job before submit and its request id after, readable by a later process", async () => {
    const a = createFsJobLedger(dir);
    await a.open(job("k1"));
    await a.update(cacheKey("k1"), { state: "queued", requestId: requestId("req-9") });

    const b = createFsJobLedger(dir); // the rerun after a kill
    const j = await b.get(cacheKey("k1"));
    expect(j?.state).toBe("queued");
    expect(j?.requestId).toBe("req-9");
    expect(j?.workflowName).toBe("Cat remix");
    expect((await b.unfinished()).map((x) => x.key)).toEqual(["k1"]);
  });

  it("lists as unfinished only jobs not stored, failed or cancelled", async () => {
    const l = createFsJobLedger(dir);
    const states = [
      "submitting",
      "queued",
      "running",
      "completed",
      "stored",
      "failed",
      "cancelled",
      "unknown",
    ] as const;
    for (const [i, state] of states.entries()) await l.open(job("j".repeat(i + 1), { state }));
    expect((await l.unfinished()).map((j) => j.state)).toEqual([
      "submitting",
      "queued",
      "running",
      "completed",
      "unknown",
    ]);
    expect(await l.all()).toHaveLength(states.length);
  });

  it("merges concurrent updates of one job without losing any", async () => {
    const l = createFsJobLedger(dir);
    await l.open(job("k2"));
    await Promise.all([
      l.update(cacheKey("k2"), { requestId: requestId("r") }),
      l.update(cacheKey("k2"), { state: "running" }),
      l.update(cacheKey("k2"), { error: "none yet" }),
    ]);
    const j = await l.get(cacheKey("k2"));
    expect([j?.requestId, j?.state, j?.error]).toEqual(["r", "running", "none yet"]);
    expect(await readdir(join(dir, "jobs"))).toEqual(["k2.json"]); // no temp files left
  });

  it("refuses to update a job it never opened", async () => {
    await expect(createFsJobLedger(dir).update(cacheKey("ghost"), { state: "queued" })).rejects.toThrow(/ghost/);
  });

  it("is empty when the folder does not exist yet", async () => {
    expect(await createFsJobLedger(join(dir, "none")).unfinished()).toEqual([]);
  });
});

describe("file job ledger shared by two processes", () => {
  // Two ledgers that write as two different live processes: this one and its parent.
  const here = { pid: process.pid, host: hostname() };
  const other = { pid: process.ppid, host: hostname() };
  const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid;

  it("lets only one of two racing processes open a job", async () => {
    const mine = createFsJobLedger(dir, { owner: here });
    const theirs = createFsJobLedger(dir, { owner: other });
    const results = await Promise.allSettled([mine.open(job("race")), theirs.open(job("race"))]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(loser.reason)).toMatch(
      /another Reelflow run \(process \d+\) is already sending this job; it was not sent twice/,
    );
  });

  it("refuses to open a job another live process is following, but takes over one of a dead process", async () => {
    await createFsJobLedger(dir, { owner: other }).open(job("k", { state: "queued", requestId: requestId("req-x") }));
    await expect(createFsJobLedger(dir, { owner: here }).open(job("k"))).rejects.toThrow(
      /following this job \(request req-x\)/,
    );

    await createFsJobLedger(dir, { owner: { pid: deadPid(), host: hostname() } }).open(
      job("d", { state: "queued", requestId: requestId("req-d") }),
    );
    await createFsJobLedger(dir, { owner: here }).open(job("d"));
    expect((await createFsJobLedger(dir).get(cacheKey("d")))?.state).toBe("submitting");
  });

  it("waits while another live process is submitting, then hands over the job with its request id", async () => {
    const theirs = createFsJobLedger(dir, { owner: other });
    await theirs.open(job("w"));
    const waiting = createFsJobLedger(dir, { owner: here }).get(cacheKey("w"));
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 400));
    expect(settled).toBe(false);
    await theirs.update(cacheKey("w"), { state: "queued", requestId: requestId("req-w") });
    expect(await waiting).toMatchObject({ state: "queued", requestId: "req-w" });
  });

  it("does not wait for a submit whose process died: the engine calls that one lost", async () => {
    await createFsJobLedger(dir, { owner: { pid: deadPid(), host: hostname() } }).open(job("z"));
    const got = await createFsJobLedger(dir, { owner: here, waitForOtherSubmitMs: 60_000 }).get(cacheKey("z"));
    expect(got?.state).toBe("submitting");
    expect(got).not.toHaveProperty("owner");
  });

  it("records which process moved the job last, in the file", async () => {
    await createFsJobLedger(dir, { owner: here }).open(job("o"));
    const text = JSON.parse(await readFile(join(dir, "jobs", "o.json"), "utf8")) as { owner: unknown };
    expect(text.owner).toEqual(here);
    await writeFile(join(dir, "jobs", "junk.json"), "{}");
    expect((await createFsJobLedger(dir).all()).map((j) => j.key)).toEqual(["o"]);
  });
});

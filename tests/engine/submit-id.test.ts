// Submit ids from the ledger to fal (issue 20), end to end: the engine, its fs ledger, the real @fal-ai/client
// through our fal adapter, and the fake fal (as a proxy that logs every header) or `npm run proxy` in front of it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFalInferenceClient } from "../../src/adapters/fal/client";
import type { FalInferenceClientOptions } from "../../src/adapters/fal/client";
import { classifyFalRequest } from "../../src/adapters/fal/transport";
import { createFsJobLedger, createFsResultCache } from "../../src/adapters/fs";
import type { FsJobLedger, FsResultCache } from "../../src/adapters/fs";
import { nodeId } from "../../src/domain/ids";
import { SUBMIT_ID_HEADER } from "../../src/domain/submit-id";
import { execute } from "../../src/engine/executor";
import type { EnginePorts } from "../../src/engine/ports";
import { DEFAULT_ALLOWED_ENDPOINTS } from "../../src/proxy/policy";
import { startStandaloneProxy } from "../../src/proxy/standalone";
import type { RunningProxy } from "../../src/proxy/standalone";
import { startFakeFal } from "../fake-fal/server";
import type { FakeFal } from "../fake-fal/server";
import { Recorder } from "./helpers/memory-ports";
import { keyOf, planOk, t2v, workflow } from "./helpers/workflow";

const APP = "https://app.example.org";

let fake: FakeFal;
let dir: string;
let cache: FsResultCache;
let ledger: FsJobLedger;

beforeEach(async () => {
  fake = await startFakeFal({ switches: { queueMs: 50, runMs: 100, streamIntervalMs: 20 } });
  dir = await mkdtemp(join(tmpdir(), "reelflow-submit-id-"));
  cache = createFsResultCache(dir);
  ledger = createFsJobLedger(dir);
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const portsWith = (opts: FalInferenceClientOptions): EnginePorts => ({
  client: createFalInferenceClient({ pollIntervalMs: 30, ...opts }),
  cache,
  ledger,
});
const sentIds = () => fake.requestsOf("submit").map((r) => r.headers[SUBMIT_ID_HEADER]);
const one = (text: string) => planOk(workflow([t2v("v1", { prompt: text })], []));

describe("the app's submits carry their job's submit id, only to a proxy that said it takes one", () => {
  it("sends the id written in the job's ledger row, in x-reelflow-submit-id", async () => {
    const plan = await one("a fox");
    const rec = new Recorder();
    await execute(plan, portsWith({ proxyUrl: fake.url, sendSubmitId: () => true }), { onEvent: rec.onEvent });
    expect(rec.finals()).toEqual({ v1: "succeeded" });
    const job = await ledger.get(keyOf(plan, "v1"));
    expect(job?.submitId).toMatch(/^[0-9a-f]{32}$/);
    expect(sentIds()).toEqual([job?.submitId]);
  });

  it("sends no such header to a proxy that said nothing about it: requests exactly as before", async () => {
    const plan = await one("a fox, no header");
    await execute(plan, portsWith({ proxyUrl: fake.url, sendSubmitId: () => false }), { onEvent: () => undefined });
    await execute(await one("a fox, no option"), portsWith({ proxyUrl: fake.url }), { onEvent: () => undefined });
    expect(fake.submittedCount()).toBe(2);
    expect(sentIds()).toEqual([undefined, undefined]);
    const headers = fake.requestsOf("submit").flatMap((r) => Object.keys(r.headers));
    const reelflowHeaders = headers.filter((h) => h.startsWith("x-reelflow"));
    expect(reelflowHeaders).toEqual([]);
  });

  it("asks whether to send it at each submit, so a proxy check that changes its answer is followed", async () => {
    let says = false;
    const ports = portsWith({ proxyUrl: fake.url, sendSubmitId: () => says });
    await execute(await one("before the check"), ports, { onEvent: () => undefined });
    says = true;
    await execute(await one("after the check"), ports, { onEvent: () => undefined });
    expect(sentIds().map((id) => typeof id)).toEqual(["undefined", "string"]);
  });

  it("gives a job run again after it failed at fal a fresh id (else a proxy gives the failed job)", async () => {
    fake.set({ moderation: 422 });
    const plan = await one("flagged at first");
    const ports = portsWith({ proxyUrl: fake.url, sendSubmitId: () => true });
    const first = new Recorder();
    await execute(plan, ports, { onEvent: first.onEvent });
    expect(first.finals()).toEqual({ v1: "failed" });
    fake.set({ moderation: false });
    const second = new Recorder();
    await execute(plan, ports, { onEvent: second.onEvent });
    expect(second.finals()).toEqual({ v1: "succeeded" });
    const [a, b] = sentIds();
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(b).not.toBe(a);
  });
});

describe("through npm run proxy: a job is paid once even when its answer is lost on the way back", () => {
  let proxy: RunningProxy;
  beforeEach(async () => {
    proxy = await startStandaloneProxy({
      falKey: "test-key",
      allowedOrigins: [APP],
      allowedEndpoints: DEFAULT_ALLOWED_ENDPOINTS,
      maxBodyBytes: 64 * 1024,
      port: 0,
      host: "127.0.0.1",
      testUpstreamOrigin: fake.url,
    });
  });
  afterEach(() => proxy.close());

  /** The page's fetch (it sends an Origin); the first submit's answer is lost after fal queued the job. */
  function pageFetch(loseFirstSubmitAnswer: boolean): typeof fetch {
    let lost = !loseFirstSubmitAnswer;
    return async (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>), origin: APP };
      const res = await fetch(input, { ...init, headers });
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!lost && classifyFalRequest(url, init?.method ?? "GET", headers) === "submit") {
        lost = true;
        await res.arrayBuffer();
        throw new TypeError("network error: the connection closed before the answer arrived");
      }
      return res;
    };
  }

  it('"Submit again" after a lost answer keeps the id: the proxy gives the first job back, fal has one', async () => {
    const plan = await one("answer lost on the way back");
    const ports = portsWith({ proxyUrl: proxy.url, sendSubmitId: () => true, fetch: pageFetch(true) });
    const first = new Recorder();
    await execute(plan, ports, { onEvent: first.onEvent });
    expect(first.of("failed", "v1")[0]).toMatchObject({ error: { code: "submit-unknown", mayHaveBeenCharged: true } });
    const lostJob = await ledger.get(keyOf(plan, "v1"));
    expect(fake.submittedCount()).toBe(1);

    const again = new Recorder();
    await execute(plan, ports, { onEvent: again.onEvent, resubmit: [nodeId("v1")] });
    expect(again.finals()).toEqual({ v1: "succeeded" });
    expect(fake.submittedCount()).toBe(1);
    const stored = await ledger.get(keyOf(plan, "v1"));
    expect(stored?.submitId).toBe(lostJob?.submitId);
    expect(stored?.requestId).toBe(fake.jobs[0]?.requestId);
  });

  it('without the id (a proxy that does not keep ids) the same "Submit again" pays twice, as before', async () => {
    const plan = await one("answer lost, no submit id");
    const ports = portsWith({ proxyUrl: proxy.url, sendSubmitId: () => false, fetch: pageFetch(true) });
    await execute(plan, ports, { onEvent: () => undefined });
    await execute(plan, ports, { onEvent: () => undefined, resubmit: [nodeId("v1")] });
    expect(fake.submittedCount()).toBe(2);
  });
});

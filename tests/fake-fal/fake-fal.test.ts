import { createFalClient } from "@fal-ai/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobLogs, maxConcurrentJobs, queuePosition, type FakeJob } from "./jobs";
import { endpointSchemas } from "./schemas/index";
import { startFakeFal, type FakeFal } from "./server";

// The fake fal itself: what it accepts and answers over plain HTTP, and that the real
// @fal-ai/client works against it unchanged.

let fake: FakeFal;
beforeEach(async () => {
  fake = await startFakeFal({ switches: { queueMs: 100, runMs: 200 } });
});
afterEach(async () => {
  await fake.close();
});

/** A call as the fal client makes it through a proxy. */
function proxied(target: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("x-fal-target-url", target);
  if (init.body) headers.set("content-type", "application/json");
  return fetch(fake.url, { ...init, headers });
}
const submit = (endpoint: string, body: unknown) =>
  proxied(`https://queue.fal.run/${endpoint}`, { method: "POST", body: JSON.stringify(body) });

async function detail(res: Response) {
  expect(res.status).toBe(422);
  return ((await res.json()) as { detail: { loc: string[]; msg: string; type: string }[] }).detail;
}

describe("fake fal: Sora 2 body validation (as fal's schemas)", () => {
  it("knows the five Sora 2 endpoints", () => {
    for (const e of [
      "fal-ai/sora-2/text-to-video",
      "fal-ai/sora-2/text-to-video/pro",
      "fal-ai/sora-2/image-to-video",
      "fal-ai/sora-2/image-to-video/pro",
      "fal-ai/sora-2/video-to-video/remix",
    ]) {
      expect(endpointSchemas[e]?.endpoint).toBe(e);
    }
  });

  it("refuses a string duration with fal's 422 shape", async () => {
    const d = await detail(await submit("fal-ai/sora-2/text-to-video", { prompt: "x", duration: "4" }));
    expect(d).toEqual([
      expect.objectContaining({ loc: ["body", "duration"], msg: "Input should be 4, 8 or 12", type: "enum" }),
    ]);
    expect(fake.submittedCount()).toBe(0);
  });

  it("refuses 1080p on text-to-video standard, accepts it on pro (whose default it is)", async () => {
    const d = await detail(await submit("fal-ai/sora-2/text-to-video", { prompt: "x", resolution: "1080p" }));
    expect(d).toEqual([expect.objectContaining({ loc: ["body", "resolution"], msg: "Input should be '720p'" })]);
    const ok = await submit("fal-ai/sora-2/text-to-video/pro", { prompt: "x", resolution: "1080p" });
    expect(ok.status).toBe(200);
  });

  it("checks image-to-video enums and required fields", async () => {
    const missing = await detail(await submit("fal-ai/sora-2/image-to-video", { prompt: "x" }));
    expect(missing).toEqual([
      expect.objectContaining({ loc: ["body", "image_url"], msg: "Field required", type: "missing" }),
    ]);
    const res = await detail(
      await submit("fal-ai/sora-2/image-to-video", {
        prompt: "x",
        image_url: "https://x/y.png",
        resolution: "1080p",
        aspect_ratio: "1:1",
      }),
    );
    expect(res.map((e) => `${e.loc[1]}: ${e.msg}`)).toEqual([
      "resolution: Input should be 'auto' or '720p'",
      "aspect_ratio: Input should be 'auto', '9:16' or '16:9'",
    ]);
    const pro = await submit("fal-ai/sora-2/image-to-video/pro", {
      prompt: "x",
      image_url: "https://x/y.png",
      resolution: "1080p",
      duration: 12,
    });
    expect(pro.status).toBe(200);
  });

  it("wants delete_video as a boolean and records fields fal would ignore", async () => {
    const d = await detail(await submit("fal-ai/sora-2/text-to-video", { prompt: "x", delete_video: "false" }));
    expect(d[0]).toMatchObject({ loc: ["body", "delete_video"], type: "bool_type" });
    const ok = await submit("fal-ai/sora-2/text-to-video", { prompt: "x", seed: 3 });
    expect(ok.status).toBe(200);
    expect(fake.requestsOf("submit").at(-1)?.ignoredFields).toEqual(["seed"]);
  });

  it("404s an endpoint it does not know", async () => {
    const res = await submit("fal-ai/sora-1/text-to-video", { prompt: "x" });
    expect(res.status).toBe(404);
  });

  it("refuses a remix of an unknown video, of a deleted one, and accepts a kept or seeded one", async () => {
    const unknown = await detail(
      await submit("fal-ai/sora-2/video-to-video/remix", { video_id: "video_nope", prompt: "x" }),
    );
    expect(unknown[0]?.loc).toEqual(["body", "video_id"]);
    expect(unknown[0]?.msg).toMatch(/not found/);

    fake.seedVideo("video_deleted", { deleted: true });
    const deleted = await detail(
      await submit("fal-ai/sora-2/video-to-video/remix", { video_id: "video_deleted", prompt: "x" }),
    );
    expect(deleted[0]?.msg).toMatch(/deleted/);

    fake.seedVideo("video_kept", { durationSec: 12 });
    expect((await submit("fal-ai/sora-2/video-to-video/remix", { video_id: "video_kept", prompt: "x" })).status).toBe(
      200,
    );
    expect(fake.jobs.at(-1)?.durationSec).toBe(12);
  });

  it("can be forced to refuse every submit", async () => {
    fake.set({ rejectSubmit: { status: 422 } });
    expect((await submit("fal-ai/sora-2/text-to-video", { prompt: "x" })).status).toBe(422);
    expect(fake.submittedCount()).toBe(0);
  });
});

describe("fake fal: queue protocol", () => {
  it("answers submit with fal's URLs (owner/alias) and the request id header; status 202 then 200", async () => {
    fake.set({ queueMs: 60_000 });
    const res = await submit("fal-ai/sora-2/text-to-video/pro", { prompt: "x" });
    const body = (await res.json()) as Record<string, unknown>;
    const id = res.headers.get("x-fal-request-id");
    expect(body).toMatchObject({
      status: "IN_QUEUE",
      request_id: id,
      status_url: `https://queue.fal.run/fal-ai/sora-2/requests/${id}/status`,
      response_url: `https://queue.fal.run/fal-ai/sora-2/requests/${id}`,
      cancel_url: `https://queue.fal.run/fal-ai/sora-2/requests/${id}/cancel`,
      queue_position: 2,
    });
    const queued = await proxied(`https://queue.fal.run/fal-ai/sora-2/requests/${id}/status`);
    expect(queued.status).toBe(202);
    expect(await queued.json()).toMatchObject({ status: "IN_QUEUE", queue_position: expect.any(Number) });
    // The full endpoint path is not where fal keeps requests.
    expect((await proxied(`https://queue.fal.run/fal-ai/sora-2/text-to-video/pro/requests/${id}/status`)).status).toBe(
      404,
    );

    fake.finish(id ?? "");
    const done = await proxied(`https://queue.fal.run/fal-ai/sora-2/requests/${id}/status?logs=1`);
    expect(done.status).toBe(200);
    const doneBody = (await done.json()) as { status: string; logs: unknown[] };
    expect(doneBody.status).toBe("COMPLETED");
    const result = await proxied(`https://queue.fal.run/fal-ai/sora-2/requests/${id}`);
    expect(await result.json()).toMatchObject({
      video: { content_type: "video/mp4", width: null, duration: 4 },
      video_id: expect.any(String),
    });
  });

  it("cancels a queued job (202) and answers ALREADY_COMPLETED (400) afterwards", async () => {
    fake.set({ queueMs: 60_000 });
    const id = (await submit("fal-ai/sora-2/text-to-video", { prompt: "x" })).headers.get("x-fal-request-id");
    const cancel = () => proxied(`https://queue.fal.run/fal-ai/sora-2/requests/${id}/cancel`, { method: "PUT" });
    const first = await cancel();
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ status: "CANCELLATION_REQUESTED" });
    const second = await cancel();
    expect(second.status).toBe(400);
    expect(await second.json()).toEqual({ status: "ALREADY_COMPLETED" });
  });

  it("streams status over SSE with incremental logs and ends at COMPLETED", async () => {
    const id = (await submit("fal-ai/sora-2/text-to-video", { prompt: "x" })).headers.get("x-fal-request-id");
    const res = await proxied(`https://queue.fal.run/fal-ai/sora-2/requests/${id}/status/stream?logs=1`, {
      headers: { accept: "text/event-stream" },
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = (await res.text())
      .split("\n\n")
      .filter((chunk) => chunk.startsWith("data: "))
      .map((chunk) => JSON.parse(chunk.slice(6)) as { status: string; logs?: { message: string }[] });
    expect(events.at(-1)?.status).toBe("COMPLETED");
    const allLogs = events.flatMap((e) => e.logs ?? []).map((l) => l.message);
    expect(allLogs).toHaveLength(5);
    expect(new Set(allLogs).size).toBe(5);
  });

  it("fails the next calls as switched: 429 with Retry-After, then a dropped socket, then answers", async () => {
    const id = (await submit("fal-ai/sora-2/text-to-video", { prompt: "x" })).headers.get("x-fal-request-id");
    const status = () => proxied(`https://queue.fal.run/fal-ai/sora-2/requests/${id}/status`);
    fake.set({ failNext: { status: { times: 1, status: 429, retryAfterSec: 2 } } });
    const limited = await status();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    fake.set({ failNext: { status: { times: 1, drop: true } } });
    await expect(status()).rejects.toThrow();
    expect([200, 202]).toContain((await status()).status);
    expect(fake.requestsOf("status").map((r) => r.status)).toEqual([429, "dropped", expect.any(Number)]);
  });

  it("acts as a proxy only for fal hosts, and answers 401 when it has no key", async () => {
    expect((await proxied("https://example.com/steal", { method: "POST", body: "{}" })).status).toBe(400);
    expect((await fetch(fake.url, { method: "POST", body: "{}" })).status).toBe(400); // no target header
    fake.set({ noKey: true });
    expect((await submit("fal-ai/sora-2/text-to-video", { prompt: "x" })).status).toBe(401);
  });

  it("serves CORS, preflight included, exposing the request id header", async () => {
    const pre = await fetch(fake.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-fal-target-url",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(pre.headers.get("access-control-allow-headers")).toBe("content-type,x-fal-target-url");
    expect(pre.headers.get("access-control-allow-methods")).toContain("PUT");
    const res = await submit("fal-ai/sora-2/text-to-video", { prompt: "x" });
    expect(res.headers.get("access-control-expose-headers")).toContain("x-fal-request-id");
  });

  it("serves a real MP4 with byte ranges", async () => {
    const full = await fetch(`${fake.url}/media/video_x.mp4`);
    expect(full.headers.get("content-type")).toBe("video/mp4");
    const bytes = new Uint8Array(await full.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
    const part = await fetch(`${fake.url}/media/video_x.mp4`, { headers: { range: "bytes=0-9" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-9/${bytes.length}`);
    expect((await part.arrayBuffer()).byteLength).toBe(10);
  });

  it("keeps a job table that shows concurrency", async () => {
    fake.set({ queueMs: 0, runMs: 5_000 });
    await Promise.all([
      submit("fal-ai/sora-2/text-to-video", { prompt: "a" }),
      submit("fal-ai/sora-2/text-to-video", { prompt: "b" }),
    ]);
    expect(fake.maxConcurrent()).toBe(2);
    const job = (submittedAt: number, completesAt: number) =>
      ({ submittedAt, completesAt, cancelledAt: null }) as FakeJob;
    expect(maxConcurrentJobs([job(0, 10), job(10, 20), job(20, 30)])).toBe(1);
    expect(maxConcurrentJobs([job(0, 10), job(5, 20), job(6, 7)])).toBe(3);
  });

  it("counts the queue position down while a job waits, and spreads log lines over the run", () => {
    const job = {
      submittedAt: 0,
      startsAt: 1000,
      completesAt: 2000,
      cancelledAt: null,
      queuePositionAtSubmit: 3,
    } as FakeJob;
    expect([0, 300, 500, 800, 999].map((t) => queuePosition(job, t))).toEqual([3, 2, 1, 0, 0]);
    expect(jobLogs(job, 999)).toHaveLength(0);
    expect(jobLogs(job, 1500).map((l) => l.message)).toEqual([
      "Preparing the request",
      "Generating video: 25%",
      "Generating video: 50%",
    ]);
    expect(jobLogs(job, 2000)).toHaveLength(5);
  });

  it("gives jobs per-endpoint latency", async () => {
    fake.set({ queueMs: 0, runMs: 100, latencyFor: { "fal-ai/sora-2/text-to-video/pro": { runMs: 9_000 } } });
    await submit("fal-ai/sora-2/text-to-video", { prompt: "a" });
    await submit("fal-ai/sora-2/text-to-video/pro", { prompt: "b" });
    const [std, pro] = fake.jobs;
    expect((std?.completesAt ?? 0) - (std?.startsAt ?? 0)).toBe(100);
    expect((pro?.completesAt ?? 0) - (pro?.startsAt ?? 0)).toBe(9_000);
  });

  it("takes switches over HTTP (for a standalone fake)", async () => {
    const res = await fetch(`${fake.url}/__fake/switches`, {
      method: "POST",
      body: JSON.stringify({ queueMs: 12_345 }),
    });
    expect(res.status).toBe(200);
    expect(fake.switches.queueMs).toBe(12_345);
  });
});

describe("fake fal: the real @fal-ai/client cannot tell", () => {
  it("fal.subscribe (polling) and storage.upload work against it unchanged", async () => {
    const fal = createFalClient({ proxyUrl: { url: fake.url, when: "always" } });
    const updates: string[] = [];
    const out = await fal.subscribe("fal-ai/sora-2/text-to-video", {
      input: { prompt: "a cat", duration: 8 as unknown as "8" },
      logs: true,
      pollInterval: 30,
      onQueueUpdate: (u) => updates.push(u.status),
    });
    expect(out.requestId).toBe(fake.jobs[0]?.requestId);
    expect(out.data.video.url).toMatch(/\/media\/video_.*\.mp4$/);
    expect(updates.at(-1)).toBe("COMPLETED");
    const url = await fal.storage.upload(new Blob(["abc"], { type: "text/plain" }));
    expect(await (await fetch(url)).text()).toBe("abc");
  });
});

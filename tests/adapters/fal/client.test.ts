import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFalInferenceClient, type FalInferenceClientOptions } from "../../../src/adapters/fal/client";
import { PROXY_KEY_MESSAGE } from "../../../src/adapters/fal/errors";
import { endpointId, requestId } from "../../../src/domain/ids";
import { InferenceError } from "../../../src/engine/errors";
import type { QueueUpdate } from "../../../src/engine/ports";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";

// The real @fal-ai/client, through our adapter, against the fake fal over real HTTP.

const T2V = endpointId("fal-ai/sora-2/text-to-video");
const REMIX = endpointId("fal-ai/sora-2/video-to-video/remix");

let fake: FakeFal;
beforeEach(async () => {
  fake = await startFakeFal({ switches: { queueMs: 100, runMs: 200 } });
});
afterEach(async () => {
  await fake.close();
});

function client(extra: Partial<FalInferenceClientOptions> = {}) {
  return createFalInferenceClient({
    proxyUrl: fake.url,
    pollIntervalMs: 30,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    ...extra,
  });
}

async function rejection(p: Promise<unknown>): Promise<InferenceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InferenceError);
    return e as InferenceError;
  }
  throw new Error("expected the call to fail");
}

async function run(c = client(), input: Record<string, unknown> = { prompt: "A cat on a skateboard", duration: 8 }) {
  const id = await c.submit(T2V, input);
  const updates: QueueUpdate[] = [];
  await c.watch(T2V, id, (u) => updates.push(u));
  const result = await c.result(T2V, id);
  return { id, updates, result };
}

const logMessages = (updates: QueueUpdate[]) =>
  updates.flatMap((u) => (u.status === "IN_QUEUE" ? [] : u.logs.map((l) => l.message)));

describe("fal adapter: the happy path", () => {
  it("submits once, follows the SSE stream with queue positions and logs, and reads the result", async () => {
    // The job waits in the queue until we have seen it there, then runs: no race with a slow machine.
    fake.set({ queueMs: 60_000, runMs: 300, queuePositionStart: 3 });
    const c = client();
    const id = await c.submit(T2V, { prompt: "A cat on a skateboard", duration: 8 });
    const updates: QueueUpdate[] = [];
    await c.watch(T2V, id, (u) => {
      updates.push(u);
      if (u.status === "IN_QUEUE") fake.startNow(id);
    });
    const result = await c.result(T2V, id);

    const queued = updates.filter((u): u is Extract<QueueUpdate, { status: "IN_QUEUE" }> => u.status === "IN_QUEUE");
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((u) => typeof u.position === "number")).toBe(true);
    const positions = queued.map((u) => u.position as number);
    expect([...positions].sort((a, b) => b - a)).toEqual(positions); // counts down
    // Every log line once, in order, across updates (the stream sends only new lines).
    expect(logMessages(updates)).toEqual([
      "Preparing the request",
      "Generating video: 25%",
      "Generating video: 50%",
      "Generating video: 75%",
      "Encoding video",
    ]);
    expect(updates.at(-1)?.status).toBe("COMPLETED");

    const r = result as { video: { url: string; content_type: string; duration: number }; video_id: string };
    expect(r.video.content_type).toBe("video/mp4");
    expect(r.video.duration).toBe(8);
    expect(r.video_id).toBe(fake.jobs[0]?.videoId);
    const media = await fetch(r.video.url);
    const bytes = new Uint8Array(await media.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp"); // a real MP4

    expect(fake.submittedCount()).toBe(1);
    expect(fake.jobs[0]?.requestId).toBe(id);
    expect(fake.jobs[0]?.input).toEqual({ prompt: "A cat on a skateboard", duration: 8 });
  });

  it("uses fal's exact URLs: the full endpoint to submit, owner/alias for status, stream and result", async () => {
    const { id } = await run();
    const targets = fake.requests.filter((r) => r.target).map((r) => `${r.method} ${r.target}`);
    expect(targets).toEqual([
      "POST https://queue.fal.run/fal-ai/sora-2/text-to-video",
      `GET https://queue.fal.run/fal-ai/sora-2/requests/${id}/status/stream?logs=1`,
      `GET https://queue.fal.run/fal-ai/sora-2/requests/${id}`,
    ]);
    // Through the proxy: every call went to the fake's own URL, none carried a key.
    expect(fake.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it("polls with logs when the stream is not used, and still sees queue positions and every log line", async () => {
    fake.set({ queueMs: 60_000, runMs: 300 });
    const c = client({ useStatusStream: false });
    const id = await c.submit(T2V, { prompt: "x" });
    const updates: QueueUpdate[] = [];
    await c.watch(T2V, id, (u) => {
      updates.push(u);
      if (u.status === "IN_QUEUE") fake.startNow(id);
    });
    expect(updates.some((u) => u.status === "IN_QUEUE" && typeof u.position === "number")).toBe(true);
    expect(logMessages(updates)).toHaveLength(5);
    const statuses = fake.requestsOf("status");
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.every((r) => r.target === `https://queue.fal.run/fal-ai/sora-2/requests/${id}/status?logs=1`)).toBe(
      true,
    );
    expect(fake.requestsOf("stream")).toHaveLength(0);
  });

  it("talks to fal directly with the key when there is no proxy", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    // Stand-in for the internet: forward fal's hosts to the fake (as a proxy would) and record what left.
    const toFake: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const headers = new Headers(init?.headers);
      seen.push({ url, auth: headers.get("authorization") });
      if (!/^https:\/\/(queue\.fal\.run|rest\.fal\.ai)\//.test(url)) return fetch(input, init);
      headers.set("x-fal-target-url", url);
      return fetch(fake.url, { ...init, headers });
    };
    const c = createFalInferenceClient({ credentials: "key-id:key-secret", fetch: toFake, pollIntervalMs: 30 });
    const id = await c.submit(T2V, { prompt: "direct" });
    await c.watch(T2V, id, () => {});
    await c.result(T2V, id);
    expect(seen.map((s) => s.url)[0]).toBe("https://queue.fal.run/fal-ai/sora-2/text-to-video");
    expect(seen.every((s) => s.auth === "Key key-id:key-secret")).toBe(true);
  });

  it("needs a proxy URL or a key", () => {
    expect(() => createFalInferenceClient({})).toThrow(/proxy URL or a fal key/);
  });
});

describe("fal adapter: errors in words", () => {
  it("a 422 names the field and carries fal's message", async () => {
    const err = await rejection(client().submit(T2V, { prompt: "x", duration: "4" }));
    expect(err.code).toBe("validation");
    expect(err.field).toBe("duration");
    expect(err.message).toBe("duration: Input should be 4, 8 or 12");
    expect(err.httpStatus).toBe(422);
    expect(err.mayHaveBeenCharged).toBe(false);

    const res = await rejection(client().submit(T2V, { prompt: "x", resolution: "1080p" }));
    expect(res.message).toBe("resolution: Input should be '720p'");
    expect(fake.submittedCount()).toBe(0);
    expect(fake.requestsOf("submit")).toHaveLength(2); // each sent once, never retried
  });

  it("a proxy without a valid fal key gets the 401 message, not retried", async () => {
    fake.set({ noKey: true });
    const err = await rejection(client().submit(T2V, { prompt: "x" }));
    expect(err.code).toBe("auth");
    expect(err.message).toBe(PROXY_KEY_MESSAGE);
    expect(fake.requestsOf("submit")).toHaveLength(1);
  });

  it("an endpoint fal does not know says the model may be retired", async () => {
    const err = await rejection(client().submit(endpointId("fal-ai/sora-1/text-to-video"), { prompt: "x" }));
    expect(err.code).toBe("not-found");
    expect(err.message).toMatch(/^fal does not know fal-ai\/sora-1\/text-to-video: the model may be retired/);
  });

  it("watching a request fal does not know fails with not-found, without endless retries", async () => {
    const err = await rejection(client().watch(T2V, requestId("no-such-request"), () => {}));
    expect(err.code).toBe("not-found");
    expect(err.message).toContain("no-such-request");
    expect(fake.requestsOf("status")).toHaveLength(1);
  });

  it("a forced 422 on submit is reported, with nothing queued", async () => {
    fake.set({
      rejectSubmit: {
        status: 422,
        body: {
          detail: [
            { loc: ["body", "prompt"], msg: "String should have at most 5000 characters", type: "string_too_long" },
          ],
        },
      },
    });
    const err = await rejection(client().submit(T2V, { prompt: "x" }));
    expect(err.field).toBe("prompt");
    expect(err.message).toBe("prompt: String should have at most 5000 characters");
    expect(fake.submittedCount()).toBe(0);
  });

  it("an unreachable proxy is a network error, and a submit that never connected is not 'maybe charged'", async () => {
    const closed = await startFakeFal();
    const url = closed.url;
    await closed.close();
    const err = await rejection(createFalInferenceClient({ proxyUrl: url }).submit(T2V, { prompt: "x" }));
    expect(err.code).toBe("network");
    expect(err.mayHaveBeenCharged).toBe(false);
    expect(err.message).toContain(`the proxy at ${url}`);
  });
});

describe("fal adapter: retries that know who pays", () => {
  it("retries 429 on status honouring Retry-After, and the job is submitted once", async () => {
    fake.set({ failNext: { status: { times: 2, status: 429, retryAfterSec: 1 } } });
    const started = Date.now();
    const { result } = await run(client({ useStatusStream: false }));
    expect(result).toHaveProperty("video_id");
    // Two waits of at least the 1 s fal asked for (the backoff alone would be ~10 ms).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(fake.requestsOf("status").filter((r) => r.status === 429)).toHaveLength(2);
    expect(fake.requestsOf("submit")).toHaveLength(1);
    expect(fake.submittedCount()).toBe(1);
  });

  it("retries 5xx and dropped connections on status and result, never the submit", async () => {
    fake.set({
      failNext: {
        status: { times: 2, status: 503 },
        result: { times: 2, status: 502 },
      },
    });
    const c = client({ useStatusStream: false });
    const id = await c.submit(T2V, { prompt: "x" });
    await c.watch(T2V, id, () => {});
    fake.set({ failNext: { result: { times: 1, drop: true } } });
    const result = await c.result(T2V, id);
    expect(result).toHaveProperty("video.url");
    expect(fake.requestsOf("status").filter((r) => r.status === 503)).toHaveLength(2);
    expect(fake.requestsOf("result").map((r) => r.status)).toEqual(["dropped", 200]);
    expect(fake.requestsOf("submit")).toHaveLength(1);
  });

  it("gives up after the policy's attempts with fal's status in the message", async () => {
    fake.set({ failNext: { status: { times: 100, status: 500, body: { detail: "Internal Server Error" } } } });
    const c = client({ useStatusStream: false, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 } });
    const id = await c.submit(T2V, { prompt: "x" });
    const err = await rejection(c.watch(T2V, id, () => {}));
    expect(err.code).toBe("server");
    expect(err.message).toBe("fal answered 500 while checking the job's status: Internal Server Error");
    expect(fake.requestsOf("status")).toHaveLength(3);
  });

  it("does not resubmit on 429 or 5xx at submit", async () => {
    fake.set({ failNext: { submit: { times: 1, status: 429, retryAfterSec: 0 } } });
    const err = await rejection(client().submit(T2V, { prompt: "x" }));
    expect(err.code).toBe("rate-limited");
    fake.set({ failNext: { submit: { times: 1, status: 503 } } });
    const err2 = await rejection(client().submit(T2V, { prompt: "x" }));
    expect(err2.code).toBe("server");
    expect(fake.requestsOf("submit")).toHaveLength(2);
  });

  it("a submit whose response is lost is 'submit-unknown', may have been charged, and is not sent again", async () => {
    fake.set({ loseSubmitResponse: 1 });
    const err = await rejection(client().submit(T2V, { prompt: "x" }));
    expect(err.code).toBe("submit-unknown");
    expect(err.mayHaveBeenCharged).toBe(true);
    expect(fake.requestsOf("submit")).toHaveLength(1);
    expect(fake.submittedCount()).toBe(1); // fal did queue it
  });

  it("a gateway error on submit is 'submit-unknown' too", async () => {
    fake.set({ failNext: { submit: { times: 1, status: 504 } } });
    const err = await rejection(client().submit(T2V, { prompt: "x" }));
    expect(err.code).toBe("submit-unknown");
    expect(err.mayHaveBeenCharged).toBe(true);
    expect(fake.requestsOf("submit")).toHaveLength(1);
  });

  it("falls back to polling when the status stream refuses to connect (503)", async () => {
    fake.set({ streamConnect503: true });
    const { updates, result } = await run();
    expect(result).toHaveProperty("video_id");
    expect(fake.requestsOf("stream").map((r) => r.status)).toEqual([503]);
    expect(fake.requestsOf("status").length).toBeGreaterThan(0);
    expect(updates.at(-1)?.status).toBe("COMPLETED");
    expect(fake.submittedCount()).toBe(1);
  });

  it("falls back to polling when the stream connection drops", async () => {
    fake.set({ failNext: { stream: { times: 1, drop: true } } });
    const { result } = await run();
    expect(result).toHaveProperty("video_id");
    expect(fake.requestsOf("stream").map((r) => r.status)).toEqual(["dropped"]);
    expect(fake.requestsOf("status").length).toBeGreaterThan(0);
  });

  it("drops a stream that falls silent and polls instead", async () => {
    fake.set({ streamSilent: true });
    const { result } = await run(client({ streamIdleMs: 1000 }));
    expect(result).toHaveProperty("video_id");
    expect(fake.requestsOf("stream")).toHaveLength(1);
    expect(fake.requestsOf("status").length).toBeGreaterThan(0);
  });

  it("waits for the network to come back while offline, without using up attempts", async () => {
    fake.set({ failNext: { status: { times: 3, drop: true } } });
    let waits = 0;
    // A flapping connection: every drop happens while the platform says it is offline.
    const connectivity = { isOnline: () => false, whenOnline: async () => void (waits += 1) };
    const c = client({ useStatusStream: false, connectivity, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    const id = await c.submit(T2V, { prompt: "x" });
    await c.watch(T2V, id, () => {});
    expect(waits).toBe(3);
    expect(fake.requestsOf("status").filter((r) => r.status === "dropped")).toHaveLength(3);
  });

  it("counts network errors as failed attempts when online", async () => {
    fake.set({ failNext: { status: { times: 3, drop: true } } });
    const c = client({ useStatusStream: false, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    const id = await c.submit(T2V, { prompt: "x" });
    const err = await rejection(c.watch(T2V, id, () => {}));
    expect(err.code).toBe("network");
    expect(fake.requestsOf("status")).toHaveLength(2);
  });

  it.each([422, 500] as const)(
    "a moderation failure after COMPLETED (result %i) is reported once, not retried",
    async (status) => {
      fake.set({ moderation: status });
      const c = client();
      const id = await c.submit(T2V, { prompt: "something the checker dislikes" });
      await c.watch(T2V, id, () => {});
      const err = await rejection(c.result(T2V, id));
      expect(err.code).toBe("moderation");
      expect(err.message).toMatch(/content policy/i);
      expect(err.mayHaveBeenCharged).toBe(true);
      expect(fake.requestsOf("result")).toHaveLength(1);
    },
  );

  it("stops watching at once when aborted", async () => {
    fake.set({ queueMs: 60_000 });
    const c = client();
    const id = await c.submit(T2V, { prompt: "x" });
    const ac = new AbortController();
    const watching = c.watch(T2V, id, () => ac.abort(), ac.signal);
    const err = await rejection(watching);
    expect(err.code).toBe("cancelled");
  });
});

describe("fal adapter: cancel", () => {
  it("cancels a queued job", async () => {
    fake.set({ queueMs: 60_000 });
    const c = client();
    const id = await c.submit(T2V, { prompt: "x" });
    expect(await c.cancel(T2V, id)).toBe("cancelled");
    expect(fake.jobs[0]?.cancelledAt).not.toBeNull();
    const [call] = fake.requestsOf("cancel");
    expect(call?.method).toBe("PUT");
    expect(call?.target).toBe(`https://queue.fal.run/fal-ai/sora-2/requests/${id}/cancel`);
  });

  it("says 'already-completed' when fal finished the job first, and the result can still be fetched", async () => {
    const c = client();
    const id = await c.submit(T2V, { prompt: "x" });
    fake.finish(id);
    expect(await c.cancel(T2V, id)).toBe("already-completed");
    expect(await c.result(T2V, id)).toHaveProperty("video_id");
  });

  it("a cancelled job's result says it was cancelled", async () => {
    fake.set({ queueMs: 60_000 });
    const c = client();
    const id = await c.submit(T2V, { prompt: "x" });
    await c.cancel(T2V, id);
    await c.watch(T2V, id, () => {});
    const err = await rejection(c.result(T2V, id));
    expect(err.code).toBe("cancelled");
  });

  it("says 'not-found' for a request fal does not know", async () => {
    expect(await client().cancel(T2V, requestId("no-such-request"))).toBe("not-found");
  });

  it("retries a cancel that hit a 503", async () => {
    fake.set({ queueMs: 60_000, failNext: { cancel: { times: 1, status: 503 } } });
    const c = client();
    const id = await c.submit(T2V, { prompt: "x" });
    expect(await c.cancel(T2V, id)).toBe("cancelled");
    expect(fake.requestsOf("cancel").map((r) => r.status)).toEqual([503, 202]);
  });
});

describe("fal adapter: storage upload", () => {
  it("initiates through the proxy, PUTs directly, and returns a URL that serves the bytes", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4]);
    const url = await client().upload(new Blob([bytes], { type: "image/png" }));

    const [initiate] = fake.requestsOf("upload");
    expect(initiate?.target).toBe("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3");
    expect(initiate?.body).toMatchObject({ content_type: "image/png" });
    const [put] = fake.requestsOf("upload-put");
    expect(put?.target).toBeNull(); // straight to the upload URL, not through the proxy
    expect(put?.method).toBe("PUT");

    const served = await fetch(url);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
  });

  it("retries an upload whose initiate hit a 503", async () => {
    fake.set({ failNext: { upload: { times: 1, status: 503 } } });
    const url = await client().upload(new Blob(["hello"], { type: "text/plain" }));
    expect(await (await fetch(url)).text()).toBe("hello");
    expect(fake.requestsOf("upload").map((r) => r.status)).toEqual([503, 200]);
  });
});

describe("fal adapter: Sora remix through the fake", () => {
  it("remixes a video made with delete_video false, and refuses one made without it", async () => {
    const c = client();
    const kept = await run(c, { prompt: "keep me", duration: 8, delete_video: false });
    const keptId = (kept.result as { video_id: string }).video_id;
    const remixId = await c.submit(REMIX, { video_id: keptId, prompt: "make it purple" });
    await c.watch(REMIX, remixId, () => {});
    const remix = (await c.result(REMIX, remixId)) as { video: { duration: number } };
    expect(remix.video.duration).toBe(8); // the source's duration

    const gone = await run(c, { prompt: "deleted after generation" });
    const goneId = (gone.result as { video_id: string }).video_id;
    const err = await rejection(c.submit(REMIX, { video_id: goneId, prompt: "again" }));
    expect(err.code).toBe("validation");
    expect(err.field).toBe("video_id");
    expect(err.message).toMatch(/^video_id: .*deleted/);
  });
});

import { describe, expect, it } from "vitest";
import { fromHttp, PROXY_KEY_MESSAGE } from "../../../src/adapters/fal/errors";
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from "../../../src/adapters/fal/retry";
import { classifyFalRequest, parseRetryAfter } from "../../../src/adapters/fal/transport";

// The pure parts of the fal adapter: backoff arithmetic, reading fal's error bodies, and
// telling fal calls apart by their target URL.

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, jitter: 0.25 };

describe("retry delays", () => {
  it("grow exponentially within ±jitter and stop at the cap", () => {
    expect(retryDelayMs(0, policy, undefined, () => 0.5)).toBe(100);
    expect(retryDelayMs(2, policy, undefined, () => 0.5)).toBe(400);
    expect(retryDelayMs(2, policy, undefined, () => 0)).toBe(300);
    expect(retryDelayMs(2, policy, undefined, () => 1)).toBe(500);
    expect(retryDelayMs(10, policy, undefined, () => 0.5)).toBe(1000);
  });

  it("wait at least what Retry-After asks, within its own cap", () => {
    expect(retryDelayMs(0, policy, 3, () => 0.5)).toBe(3000);
    expect(retryDelayMs(0, policy, 60, () => 0.5)).toBe(5000);
    expect(retryDelayMs(3, policy, 0, () => 0.5)).toBe(800);
  });

  it("parses Retry-After as seconds or as a date", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("fal error bodies in words", () => {
  it("never retries validation or moderation, retries 429/5xx/network", () => {
    const v = fromHttp(
      422,
      { detail: [{ loc: ["body", "duration"], msg: "Input should be 4, 8 or 12", type: "enum" }] },
      undefined,
      { phase: "submit" },
    );
    expect([v.code, v.field, v.message]).toEqual(["validation", "duration", "duration: Input should be 4, 8 or 12"]);
    expect(isRetryable(v)).toBe(false);
    const m = fromHttp(500, { detail: "Output was flagged by the safety system" }, undefined, { phase: "result" });
    expect(m.code).toBe("moderation");
    expect(isRetryable(m)).toBe(false);
    expect(isRetryable(fromHttp(429, undefined, 2, { phase: "status" }))).toBe(true);
    expect(isRetryable(fromHttp(503, undefined, undefined, { phase: "result" }))).toBe(true);
  });

  it("joins several field errors and keeps the first field", () => {
    const e = fromHttp(
      422,
      {
        detail: [
          { loc: ["body", "resolution"], msg: "Input should be '720p'" },
          { loc: ["body", "prompt"], msg: "Field required" },
        ],
      },
      undefined,
      { phase: "submit" },
    );
    expect(e.message).toBe("resolution: Input should be '720p'; prompt: Field required");
    expect(e.field).toBe("resolution");
  });

  it("does not paste a gateway's HTML page into the message", () => {
    const e = fromHttp(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", undefined, { phase: "status" });
    expect(e.message).toBe("fal answered 502 while checking the job's status.");
  });

  it("reads a string detail", () => {
    expect(fromHttp(422, { detail: "Image could not be downloaded" }, undefined, { phase: "submit" }).message).toBe(
      "Image could not be downloaded",
    );
  });

  it("says who holds the key", () => {
    expect(fromHttp(401, "Unauthorized", undefined, { phase: "submit", proxyUrl: "http://p" }).message).toBe(
      PROXY_KEY_MESSAGE,
    );
    expect(fromHttp(403, undefined, undefined, { phase: "submit" }).message).toMatch(/FAL_KEY/);
  });

  it("tells a retired endpoint from an expired request", () => {
    expect(fromHttp(410, undefined, undefined, { phase: "submit", endpoint: "fal-ai/old" }).message).toMatch(
      /^fal does not know fal-ai\/old: the model may be retired/,
    );
    expect(
      fromHttp(404, undefined, undefined, { phase: "result", endpoint: "fal-ai/x", requestId: "r1" }).message,
    ).toMatch(/request r1 of fal-ai\/x/);
  });

  it("treats a gateway error on submit as an unknown outcome that may be billed", () => {
    const e = fromHttp(502, undefined, undefined, { phase: "submit" });
    expect([e.code, e.mayHaveBeenCharged]).toEqual(["submit-unknown", true]);
    const s = fromHttp(503, undefined, undefined, { phase: "submit" });
    expect([s.code, s.mayHaveBeenCharged]).toEqual(["server", false]);
  });
});

describe("classifying fal calls", () => {
  const via = (target: string, method: string) =>
    classifyFalRequest("http://127.0.0.1:1/proxy", method, { "x-fal-target-url": target });
  it("reads the target URL through a proxy, or the URL itself", () => {
    expect(via("https://queue.fal.run/fal-ai/sora-2/text-to-video", "POST")).toBe("submit");
    expect(via("https://queue.fal.run/fal-ai/sora-2/requests/abc/status?logs=1", "GET")).toBe("status");
    expect(via("https://queue.fal.run/fal-ai/sora-2/requests/abc/status/stream?logs=1", "GET")).toBe("stream");
    expect(via("https://queue.fal.run/fal-ai/sora-2/requests/abc", "GET")).toBe("result");
    expect(via("https://queue.fal.run/fal-ai/sora-2/requests/abc/cancel", "PUT")).toBe("cancel");
    expect(via("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", "POST")).toBe("upload");
    expect(classifyFalRequest("https://queue.fal.run/fal-ai/sora-2/requests/abc", "GET", undefined)).toBe("result");
    expect(classifyFalRequest("https://cdn.example/upload/x", "PUT", {})).toBe("upload-put");
  });
});

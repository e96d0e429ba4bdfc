// The default allowlist must let every model Reelflow ships reach fal, and nothing else.
import { describe, expect, it } from "vitest";
import { modelAdapters } from "../../src/nodes/models/index";
import { checkTarget, DEFAULT_ALLOWED_ENDPOINTS } from "../../src/proxy/policy";

describe("default proxy allowlist", () => {
  it("admits submit, status, result and cancel of every model adapter", () => {
    expect(modelAdapters.length).toBeGreaterThan(0);
    for (const { endpoint } of modelAdapters) {
      const app = endpoint.split("/").slice(0, 2).join("/");
      expect(checkTarget("POST", `https://queue.fal.run/${endpoint}`, DEFAULT_ALLOWED_ENDPOINTS), endpoint).toMatchObject({ ok: true });
      expect(checkTarget("GET", `https://queue.fal.run/${app}/requests/r1/status?logs=1`, DEFAULT_ALLOWED_ENDPOINTS), endpoint).toMatchObject({ ok: true });
      expect(checkTarget("GET", `https://queue.fal.run/${app}/requests/r1/status/stream`, DEFAULT_ALLOWED_ENDPOINTS), endpoint).toMatchObject({ ok: true });
      expect(checkTarget("GET", `https://queue.fal.run/${app}/requests/r1`, DEFAULT_ALLOWED_ENDPOINTS), endpoint).toMatchObject({ ok: true });
      expect(checkTarget("PUT", `https://queue.fal.run/${app}/requests/r1/cancel`, DEFAULT_ALLOWED_ENDPOINTS), endpoint).toMatchObject({ ok: true });
    }
    expect(checkTarget("POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", DEFAULT_ALLOWED_ENDPOINTS)).toMatchObject({ ok: true });
  });

  it("refuses other models, other fal APIs and other hosts", () => {
    const refused: [string, string][] = [
      ["POST", "https://queue.fal.run/fal-ai/flux/dev"],
      ["POST", "https://fal.run/fal-ai/flux-pro/v1.1"],
      ["GET", "https://queue.fal.run/fal-ai/flux/requests/r1"],
      ["POST", "https://rest.fal.ai/tokens/"],
      ["POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=other"],
      ["GET", "https://queue.fal.run/fal-ai/sora-2/anything-else"],
      ["POST", "https://example.com/fal-ai/sora-2/text-to-video"],
      ["PATCH", "https://queue.fal.run/fal-ai/sora-2/requests/r1/cancel"],
    ];
    for (const [method, url] of refused) {
      expect(checkTarget(method, url, DEFAULT_ALLOWED_ENDPOINTS).ok, `${method} ${url}`).toBe(false);
    }
    expect(checkTarget("POST", "https://queue.fal.run/fal-ai/sora-2/text-to-video", [])).toMatchObject({ ok: false, status: 403 });
  });
});

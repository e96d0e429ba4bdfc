import { createFalClient } from "@fal-ai/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";
import { readVideo } from "../../fixtures/video-result";
import { CTX, PORTS, currentAdapters, nonDefaultParams } from "./fixtures";

// Every new adapter's body goes through the real @fal-ai/client to the fake fal (a real HTTP server on
// 127.0.0.1, acting as the proxy and as fal), which validates it against the endpoint's schema; the
// result the fake returns is then read by the adapter.

let fal: FakeFal;
beforeAll(async () => {
  fal = await startFakeFal({ switches: { queueMs: 0, runMs: 20, queuePositionStart: 0 } });
});
afterAll(async () => {
  await fal?.close();
});

const client = () => createFalClient({ proxyUrl: { url: fal.url, when: "always" } });

describe.each(currentAdapters.map((a) => [a.endpoint, a] as const))("%s through the real client", (endpoint, a) => {
  it.each([
    ["default", {}],
    ["full", nonDefaultParams(a)],
  ] as const)("%s body is accepted, runs and its result reads", async (_name, params) => {
    const input = a.buildInput(params, PORTS, CTX);
    const { data, requestId } = await client().subscribe(endpoint, { input, pollInterval: 50 });
    const result = readVideo(a, data, params);

    expect(result.video.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const submit = fal.requestsOf("submit").find((r) => r.requestId === requestId);
    expect(submit?.endpoint).toBe(endpoint);
    expect(submit?.status).toBe(200);
    expect(submit?.body).toEqual(input);
    expect(submit?.ignoredFields ?? []).toEqual([]);
  });
});

describe("a body fal's schema refuses", () => {
  it("comes back as a 422 naming the field (Kling duration sent as a number)", async () => {
    const kling = currentAdapters.find((a) => a.endpoint === "fal-ai/kling-video/o3/standard/text-to-video");
    if (!kling) throw new Error("Kling O3 Standard text-to-video is not registered");
    const input = { ...kling.buildInput({ duration: 7 }, PORTS, CTX), duration: 7 };
    const err = await client()
      .subscribe(kling.endpoint, { input, pollInterval: 50 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toMatchObject({ status: 422 });
    const detail = (err as { body?: { detail?: { loc: unknown[]; msg: string }[] } }).body?.detail ?? [];
    expect(detail.map((d) => d.loc.join("."))).toContain("body.duration");
  });
});

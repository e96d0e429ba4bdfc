import { describe, expect, it } from "vitest";
import type { EndpointId, RequestId } from "../../../../src/domain/ids";
import { InferenceError } from "../../../../src/engine/errors";
import type { InferenceClient } from "../../../../src/engine/ports";
import { loadedOnFirstCall } from "../../../../src/ui/app/start/environment";

const endpoint = "fal-ai/sora-2/text-to-video" as EndpointId;

/** A tiny in-memory client that records its calls. */
function recordingClient(calls: string[]): InferenceClient {
  return {
    async submit(e, input) {
      calls.push(`submit ${e} ${JSON.stringify(input)}`);
      return "req-1" as RequestId;
    },
    async watch(_e, id, onUpdate) {
      calls.push(`watch ${id}`);
      onUpdate({ status: "COMPLETED", logs: [] });
    },
    async result(_e, id) {
      calls.push(`result ${id}`);
      return { video: { url: "https://x/v.mp4" } };
    },
    async cancel(_e, id) {
      calls.push(`cancel ${id}`);
      return "cancelled";
    },
    async upload(blob) {
      calls.push(`upload ${blob.size}`);
      return "https://x/u";
    },
  };
}

describe("a run client loaded at its first call", () => {
  it("loads nothing until called, then once, and passes every call through", async () => {
    const calls: string[] = [];
    let loads = 0;
    const client = loadedOnFirstCall(async () => {
      loads++;
      return recordingClient(calls);
    });
    expect(loads).toBe(0);
    const id = await client.submit(endpoint, { prompt: "a lake" });
    const updates: unknown[] = [];
    await client.watch(endpoint, id, (u) => updates.push(u));
    expect(await client.result(endpoint, id)).toEqual({ video: { url: "https://x/v.mp4" } });
    expect(await client.cancel(endpoint, id)).toBe("cancelled");
    expect(await client.upload(new Blob(["abc"]))).toBe("https://x/u");
    expect(loads).toBe(1);
    expect(updates).toHaveLength(1);
    expect(calls).toEqual([
      `submit ${endpoint} {"prompt":"a lake"}`,
      "watch req-1",
      "result req-1",
      "cancel req-1",
      "upload 3",
    ]);
  });

  it("says a client that could not load sent nothing (not charged), and tries again on the next call", async () => {
    let loads = 0;
    const client = loadedOnFirstCall(async () => {
      loads++;
      if (loads === 1) throw new Error("Failed to fetch dynamically imported module");
      return recordingClient([]);
    });
    const err = await client.submit(endpoint, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InferenceError);
    expect(err).toMatchObject({ code: "network", mayHaveBeenCharged: false });
    expect((err as Error).message).toContain("Failed to fetch dynamically imported module");
    expect(await client.submit(endpoint, {})).toBe("req-1");
    expect(loads).toBe(2);
  });
});

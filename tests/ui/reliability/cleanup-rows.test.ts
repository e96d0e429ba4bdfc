import { describe, expect, it } from "vitest";
import type { CacheKey } from "../../../src/domain/ids";
import { cacheKey, endpointId, requestId } from "../../../src/domain/ids";
import type { CachedResult } from "../../../src/engine/ports";
import { findAdapter } from "../../../src/nodes/registry";
import { cleanupRows, describeAge } from "../../../src/ui/reliability/cleanup-rows";

const entry = (key: string, endpoint: string, createdAt: string, costUsd: number | null): CachedResult => ({
  key: cacheKey(key),
  endpoint: endpointId(endpoint),
  result: { video: { url: "https://fal.media/x.mp4" }, videoId: null, thumbnail: null, durationSec: 8 },
  requestId: requestId("r"),
  costUsd,
  createdAt,
});

describe("cleanup rows", () => {
  const veo = "fal-ai/veo3.1";
  const stored = [
    { entry: entry("small-old", veo, "2026-11-01T00:00:00.000Z", 3.2), mediaSize: 1_000 },
    { entry: entry("big-new", veo, "2026-11-20T00:00:00.000Z", 3.2), mediaSize: 9_000_000 },
    { entry: entry("sora", "fal-ai/sora-2/text-to-video", "2026-09-01T00:00:00.000Z", 0.4), mediaSize: 0 },
  ];

  it("sorts by size (largest first) or by age (oldest first)", () => {
    expect(cleanupRows(stored, new Map(), "size").map((r) => r.key)).toEqual(["big-new", "small-old", "sora"]);
    expect(cleanupRows(stored, new Map(), "age").map((r) => r.key)).toEqual(["sora", "small-old", "big-new"]);
  });

  it("prices making it again with the adapter and the params the job was sent with", () => {
    const params = { duration: "4s", resolution: "720p", generate_audio: false };
    const expected = findAdapter(veo)?.price(params, { sourceDurationSec: 8 });
    const rows = cleanupRows(
      stored,
      new Map<CacheKey, { params: typeof params }>([[cacheKey("big-new"), { params }]]),
      "size",
    );
    const big = rows.find((r) => r.key === "big-new");
    expect(expected?.usd).not.toBeNull();
    expect(big?.regenerateUsd).toBe(expected?.usd);
    expect(big?.regenerateUsd).not.toBe(3.2);
    expect(big?.regenerateBasis).toBe(expected?.basis);
    // Without the job's params the price paid stands in, and says so.
    expect(rows.find((r) => r.key === "small-old")).toMatchObject({
      regenerateUsd: 3.2,
      regenerateBasis: "the price paid",
    });
  });

  it("says a result of a retired model cannot be made again, with what it cost", () => {
    const sora = cleanupRows(stored, new Map(), "size").find((r) => r.key === "sora");
    expect(sora?.regenerateUsd).toBeNull();
    expect(sora?.regenerateBasis).toMatch(/cannot be made again: .* is retired; it cost \$0\.40/);
  });

  it("describes ages in words", () => {
    const now = Date.parse("2026-11-25T12:00:00.000Z");
    expect(describeAge("2026-11-25T11:59:30.000Z", now)).toBe("just now");
    expect(describeAge("2026-11-25T11:01:00.000Z", now)).toBe("59 min ago");
    expect(describeAge("2026-11-25T11:00:00.000Z", now)).toBe("1 h ago");
    expect(describeAge("2026-11-24T12:00:00.000Z", now)).toBe("24 h ago");
    expect(describeAge("2026-11-01T12:00:00.000Z", now)).toBe("24 days ago");
  });
});

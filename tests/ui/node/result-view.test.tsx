// @vitest-environment jsdom
import { act, cleanup, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { endpointId, type CacheKey, type ContentHash } from "../../../src/domain/ids";
import type { CachedResult } from "../../../src/engine/ports";
import { ResultView } from "../../../src/ui/node/ResultView";
import { buildServices, Wrap } from "../harness";

/** A stand-in IntersectionObserver (jsdom has none) whose test says when an element comes on screen. */
class FakeObserver {
  static all: FakeObserver[] = [];
  observed: Element[] = [];
  disconnected = false;
  constructor(private readonly cb: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  disconnect() {
    this.disconnected = true;
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
  show() {
    this.cb(this.observed.map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry), this as unknown as IntersectionObserver);
  }
}

const result: CachedResult = {
  key: "k1" as CacheKey,
  endpoint: endpointId("fal-ai/sora-2/text-to-video"),
  result: { video: { url: "https://fal.example/v.mp4" } } as CachedResult["result"],
  requestId: null,
  costUsd: 0.4,
  createdAt: "2026-11-25T00:00:00.000Z",
  mediaHash: "h1" as ContentHash,
};

describe("result view", () => {
  beforeEach(() => {
    FakeObserver.all = [];
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeObserver;
    (URL as { createObjectURL?: unknown }).createObjectURL = () => "blob:test/1";
    (URL as { revokeObjectURL?: unknown }).revokeObjectURL = () => undefined;
  });
  afterEach(() => {
    cleanup();
    delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  });

  it("reads the local video only once the node comes near the screen, then plays it from an object URL", async () => {
    const services = buildServices();
    const reads: string[] = [];
    services.media.blobOf = async (r) => {
      reads.push(r.key);
      return new Blob(["x"], { type: "video/mp4" });
    };
    const { container } = render(
      <Wrap services={services}>
        <ResultView result={result} nodeId="clip" stale={false} />
      </Wrap>,
    );
    await act(async () => {});
    expect(reads).toEqual([]);
    expect(container.querySelector("video")).toBeNull();
    expect(container.querySelector(".video-slot")).not.toBeNull();

    await act(async () => FakeObserver.all[0]?.show());
    expect(reads).toEqual(["k1"]);
    expect(container.querySelector("video")?.getAttribute("src")).toBe("blob:test/1");
    expect(FakeObserver.all[0]?.disconnected).toBe(true);
  });
});

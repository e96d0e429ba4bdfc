// @vitest-environment jsdom
import { act, cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { endpointId, type CacheKey, type ContentHash } from "../../../src/domain/ids";
import type { CachedResult } from "../../../src/engine/ports";
import { ResultView } from "../../../src/ui/node/ResultView";
import { buildServices, Wrap } from "../harness";
import { FakeObserver, installFakeObserver } from "./fake-observer";

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
    installFakeObserver();
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

  it("keeps the slot's box while the local copy loads (the node's height does not change until the video takes it)", async () => {
    const services = buildServices();
    let release: (b: Blob) => void = () => {};
    services.media.blobOf = () => new Promise<Blob>((r) => (release = r));
    const { container } = render(
      <Wrap services={services}>
        <ResultView result={result} nodeId="clip" stale={false} />
      </Wrap>,
    );
    await act(async () => FakeObserver.all[0]?.show());
    const loading = container.querySelector(".result > .video-slot");
    expect(loading?.textContent).toBe("Loading the local copy…");
    await act(async () => release(new Blob(["x"], { type: "video/mp4" })));
    expect(container.querySelector(".result > .video-slot")).toBeNull();
    expect(container.querySelector(".result > video")?.getAttribute("src")).toBe("blob:test/1");
  });

  it("shows the player's controls only while the pointer is over it or it has the focus", async () => {
    const services = buildServices();
    services.media.blobOf = async () => new Blob(["x"], { type: "video/mp4" });
    const { getByLabelText } = render(
      <Wrap services={services}>
        <ResultView result={result} nodeId="clip" stale={false} />
      </Wrap>,
    );
    await act(async () => FakeObserver.all[0]?.show());
    const video = getByLabelText("Result video of clip") as HTMLVideoElement;
    expect(video.hasAttribute("controls")).toBe(false);
    expect(video.autoplay).toBe(true);
    fireEvent.pointerEnter(video);
    expect(video.hasAttribute("controls")).toBe(true);
    fireEvent.pointerLeave(video);
    expect(video.hasAttribute("controls")).toBe(false);
    // The keyboard reaches them too: the player takes the focus.
    expect(video.tabIndex).toBe(0);
    act(() => video.focus());
    expect(video.hasAttribute("controls")).toBe(true);
    act(() => video.blur());
    expect(video.hasAttribute("controls")).toBe(false);
  });

  describe("a node already near the canvas box when its result view mounts", () => {
    // jsdom lays nothing out: boxes are given per element, the canvas box 1000×600 at the origin.
    const boxes = new Map<string, DOMRect>();
    const real = Element.prototype.getBoundingClientRect;
    beforeEach(() => {
      Element.prototype.getBoundingClientRect = function (this: Element) {
        return boxes.get(this.className) ?? real.call(this);
      };
      boxes.set("react-flow", new DOMRect(0, 0, 1000, 600));
    });
    afterEach(() => {
      Element.prototype.getBoundingClientRect = real;
      boxes.clear();
    });

    async function mountAt(box: DOMRect) {
      boxes.set("result", box);
      const services = buildServices();
      const reads: string[] = [];
      services.media.blobOf = async (r) => {
        reads.push(r.key);
        return new Blob(["x"], { type: "video/mp4" });
      };
      const view = render(
        <Wrap services={services}>
          <div className="react-flow">
            <ResultView result={result} nodeId="clip" stale={false} />
          </div>
        </Wrap>,
      );
      await act(async () => {});
      return { ...view, reads };
    }

    it("reads its video at once, without waiting for the observer's first report", async () => {
      // Inside the canvas box.
      const { container, reads } = await mountAt(new DOMRect(100, 100, 300, 200));
      expect(reads).toEqual(["k1"]);
      expect(container.querySelector("video")?.getAttribute("src")).toBe("blob:test/1");
    });

    it("with its video already read (a reopened workflow's first plan), has the player in the render that mounts it, before any paint", () => {
      boxes.set("result", new DOMRect(100, 100, 300, 200));
      const services = buildServices();
      const reads: string[] = [];
      services.media.blobOf = async (r) => {
        reads.push(r.key);
        return new Blob(["x"], { type: "video/mp4" });
      };
      const atHand = new Map([["h1", new Blob(["early"], { type: "video/mp4" })]]);
      services.media.blobAtHand = (hash) => {
        const b = atHand.get(hash);
        atHand.delete(hash);
        return b;
      };
      const made: Blob[] = [];
      const revoked: string[] = [];
      (URL as { createObjectURL?: unknown }).createObjectURL = (b: Blob) => (made.push(b), `blob:test/${made.length}`);
      (URL as { revokeObjectURL?: unknown }).revokeObjectURL = (u: string) => revoked.push(u);
      // No await: render() runs the layout effects and the renders they schedule, which is all that comes before a paint.
      const { container, unmount } = render(
        <Wrap services={services}>
          <div className="react-flow">
            <ResultView result={result} nodeId="clip" stale={false} />
          </div>
        </Wrap>,
      );
      expect(container.querySelector("video")?.getAttribute("src")).toBe("blob:test/1");
      expect(made).toHaveLength(1);
      expect(reads).toEqual([]);
      unmount();
      expect(revoked).toEqual(["blob:test/1"]);
    });

    it("counts the margin: half the canvas box below its edge is near, further is not", async () => {
      const { reads } = await mountAt(new DOMRect(100, 850, 300, 200));
      expect(reads).toEqual(["k1"]);
      cleanup();
      const far = await mountAt(new DOMRect(100, 1000, 300, 200));
      expect(far.reads).toEqual([]);
      expect(far.container.querySelector(".video-slot")).not.toBeNull();
      // Scrolled into view later: the observer says so.
      await act(async () => FakeObserver.all.at(-1)?.show());
      expect(far.reads).toEqual(["k1"]);
    });
  });
});

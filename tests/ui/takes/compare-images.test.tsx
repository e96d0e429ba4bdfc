// @vitest-environment jsdom
// Issue 19: takes of image nodes in Compare: each shown as its image (the take's own image of its batch, from the
// local copy), side by side with their differences; a video take beside them still plays.
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey, contentHash, endpointId, nodeId, workflowId } from "../../../src/domain/ids";
import { imageTakeKey, type Take } from "../../../src/domain/take";
import type { CachedResult } from "../../../src/engine/ports";
import { CompareDialog, type CompareSources } from "../../../src/ui/takes/compare/CompareDialog";
import { takeSources } from "../../../src/ui/takes/compare/take-sources";
import type { TakeService } from "../../../src/ui/takes/take-service";

afterEach(() => cleanup());

const W = workflowId("wf-compare-images");
const KEY = cacheKey("b".repeat(64));
const take = (image: number, over: Partial<Take> = {}): Take => ({
  workflowId: W,
  nodeId: nodeId("still"),
  key: imageTakeKey(KEY, image),
  variant: "",
  endpoint: endpointId("fal-ai/flux/dev"),
  params: { num_images: 2 },
  prompt: "a lighthouse",
  inputs: [],
  costUsd: 0.0125,
  requestId: null,
  createdAt: "2026-12-06T06:00:00.000Z",
  image,
  ...over,
});

const result: CachedResult = {
  key: KEY,
  endpoint: endpointId("fal-ai/flux/dev"),
  result: { images: [{ url: "https://fal.example/0.png" }, { url: "https://fal.example/1.png" }], seed: 3 },
  requestId: null,
  costUsd: 0.025,
  createdAt: "2026-12-06T06:00:00.000Z",
  mediaHash: null,
  imageHashes: [null, null],
};

describe("Compare with image takes", () => {
  it("shows image takes as images, with no transport when nothing plays, and lists what differs", async () => {
    const a = take(0);
    const b = take(1, { params: { num_images: 2, guidance_scale: 5 } });
    const sources: CompareSources = {
      take: async (ref) => [a, b].find((t) => t.key === ref.key),
      video: async (t) => ({ url: `blob:image-${t.image}`, release: () => undefined, kind: "image" }),
    };
    const refs = [a, b].map((t) => ({ workflowId: W, nodeId: t.nodeId, key: t.key }));
    render(<CompareDialog refs={refs} sources={sources} onClose={() => undefined} />);
    const dialog = within(screen.getByTestId("compare-dialog"));
    await waitFor(() => expect(dialog.getAllByTestId("compare-image")).toHaveLength(2));
    expect(dialog.getAllByTestId("compare-image").map((i) => i.getAttribute("src"))).toEqual([
      "blob:image-0",
      "blob:image-1",
    ]);
    expect(dialog.queryAllByTestId("compare-video")).toEqual([]);
    expect(dialog.queryByTestId("compare-play")).toBeNull();
    expect(dialog.getAllByTestId("compare-diff-row").map((r) => r.dataset.param)).toEqual(["guidance_scale"]);
  });

  it("reads a take's own image of its batch: the local copy when kept, else its URL", async () => {
    const asked: (number | undefined)[] = [];
    const stored = { ...result, imageHashes: [contentHash("h0"), contentHash("h1")] };
    const kept = takeSources({ result: async () => stored } as unknown as TakeService, {
      blobOf: async (_r, image) => {
        asked.push(image);
        return new Blob(["png"], { type: "image/png" });
      },
    });
    URL.createObjectURL = () => "blob:local";
    URL.revokeObjectURL = () => undefined;
    const local = await kept.video({ ...take(1), key: imageTakeKey(KEY, 1) });
    expect(local).toMatchObject({ url: "blob:local", kind: "image" });
    expect(asked).toEqual([1]);

    const takes = { result: async () => result } as unknown as TakeService;
    const remoteOnly = takeSources(takes, { blobOf: async () => new Blob(["never read"]) });
    expect(await remoteOnly.video(take(1))).toMatchObject({ url: "https://fal.example/1.png", kind: "image" });
  });
});

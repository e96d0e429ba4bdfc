import { describe, expect, it } from "vitest";
import type { ClipSpec } from "../../../src/adapters/demo/clip-renderer";
import { createDemoInferenceClient } from "../../../src/adapters/demo/demo-client";
import type { StillSpec } from "../../../src/adapters/demo/still-renderer";
import { endpointId } from "../../../src/domain/ids";

// Issue 19: Demo mode draws simulated images for image models the way it renders clips: one still per image asked
// (`num_images`), each labelled simulated, returned as fal's image models answer (`images[]` with sizes), $0.

const IMAGE_MODELS = new Set(["fal-ai/flux/dev", "fal-ai/nano-banana/edit"]);

function demo() {
  const clips: ClipSpec[] = [];
  const stills: StillSpec[] = [];
  let n = 0;
  const client = createDemoInferenceClient({
    delayMs: 0,
    render: async (spec) => {
      clips.push(spec);
      return new Blob(["clip"], { type: "video/webm" });
    },
    renderStill: async (spec) => {
      stills.push(spec);
      return new Blob([`still ${spec.index} of ${spec.count}: ${spec.seed}`], { type: "image/png" });
    },
    makesImages: (endpoint) => IMAGE_MODELS.has(endpoint),
    urlFor: () => `blob:demo/${++n}`,
  });
  const run = async (endpoint: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const id = await client.submit(endpointId(endpoint), input);
    await client.watch(endpointId(endpoint), id, () => undefined);
    return (await client.result(endpointId(endpoint), id)) as Record<string, unknown>;
  };
  return { run, clips, stills };
}

interface FalImage {
  url: string;
  content_type: string;
  width: number;
  height: number;
  file_size: number;
}

describe("simulated images", () => {
  it("draws as many images as the request asks, each its own still, as fal's image models answer", async () => {
    const d = demo();
    const result = await d.run("fal-ai/flux/dev", { prompt: "a red kite", num_images: 3, image_size: "square_hd" });
    const images = result.images as FalImage[];
    expect(images).toHaveLength(3);
    expect(new Set(images.map((i) => i.url)).size).toBe(3);
    for (const image of images) {
      expect(image.content_type).toBe("image/png");
      expect(image.width).toBe(image.height);
      expect(image.file_size).toBeGreaterThan(0);
    }
    expect(result.simulated).toBe(true);
    expect(result.video).toBeUndefined();
    // Each still says which of the batch it is and differs from its siblings; no clip was recorded.
    expect(d.stills.map((s) => [s.index, s.count])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(d.stills[0]).toMatchObject({ prompt: "a red kite", title: "flux · dev", aspect: 1 });
    expect(d.clips).toEqual([]);
  });

  it("draws one image when the request does not say how many, in the shape it asks", async () => {
    const d = demo();
    const result = await d.run("fal-ai/nano-banana/edit", {
      prompt: "make it night",
      image_urls: ["https://example.com/a.png"],
      aspect_ratio: "9:16",
    });
    const images = result.images as FalImage[];
    expect(images).toHaveLength(1);
    expect(images[0]?.width).toBeLessThan(images[0]?.height ?? 0);
    expect(d.stills[0]?.details).toEqual(["aspect_ratio: 9:16"]);
  });

  it("still records a clip for a video model", async () => {
    const d = demo();
    const result = await d.run("fal-ai/veo3.1/fast", { prompt: "a kite", duration: "8s" });
    expect((result.video as { duration: number }).duration).toBe(8);
    expect(result.images).toBeUndefined();
    expect(d.stills).toEqual([]);
  });
});

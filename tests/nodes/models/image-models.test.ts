import { createFalClient } from "@fal-ai/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adaptersFor, adapterForNode, defaultAdapter, findAdapter } from "../../../src/nodes/registry";
import { isImageResult } from "../../../src/nodes/results";
import type { ModelAdapter, Params, PortValues } from "../../../src/nodes/types";
import { startFakeFal, type FakeFal } from "../../fake-fal/server";

/** Curated image models (issue 19): FLUX.1 [dev] and the Nano Banana family, priced per image by fal's figures. */

const CTX = { feedsRemix: false };
const PROMPT = "A lighthouse on a cliff at dusk, painted in gouache";
const IMAGE = { url: "https://example.test/keyframe.png" };

function model(endpoint: string): ModelAdapter {
  const a = findAdapter(endpoint);
  if (!a) throw new Error(`no adapter for ${endpoint}`);
  return a;
}

describe("image node kinds get curated models", () => {
  it("a new Text-to-Image node starts on a model whose price is known, and so does Image Edit", () => {
    for (const kind of ["text-to-image", "image-edit"] as const) {
      const a = defaultAdapter(kind);
      expect(a.kind).toBe(kind);
      expect(a.price({}, {}).usd).not.toBeNull();
    }
  });

  it("a node without an endpoint runs the file default of its kind", () => {
    const t2i = adapterForNode({ type: "text-to-image", data: {} });
    const edit = adapterForNode({ type: "image-edit", data: {} });
    expect(t2i.ok && t2i.adapter.endpoint).toBe("fal-ai/flux/dev");
    expect(edit.ok && edit.adapter.endpoint).toBe("fal-ai/nano-banana/edit");
  });

  it("lists the Nano Banana family under both kinds", () => {
    const t2i = adaptersFor("text-to-image").map((a) => a.endpoint);
    const edit = adaptersFor("image-edit").map((a) => a.endpoint);
    expect(t2i).toEqual(
      expect.arrayContaining([
        "fal-ai/flux/dev",
        "fal-ai/nano-banana",
        "fal-ai/nano-banana-2",
        "fal-ai/nano-banana-pro",
      ]),
    );
    expect(edit).toEqual(
      expect.arrayContaining(["fal-ai/nano-banana/edit", "fal-ai/nano-banana-2/edit", "fal-ai/nano-banana-pro/edit"]),
    );
  });
});

describe("prices by fal's unit: per image, times the images asked for", () => {
  it("FLUX.1 [dev]: $0.025 per image", () => {
    const p = model("fal-ai/flux/dev").price({ num_images: 4 }, {});
    expect(p.usd).toBe(0.1);
    expect(p.upperBound).toBe(false);
    expect(p.basis).toMatch(/4 images × \$0\.025/);
  });

  it("Nano Banana 2: $0.08 per image at 1K, ×1.5 at 2K, ×2 at 4K, ×0.75 at 0.5K", () => {
    const a = model("fal-ai/nano-banana-2");
    expect(a.price({}, {}).usd).toBe(0.08);
    expect(a.price({ resolution: "2K", num_images: 3 }, {}).usd).toBe(0.36);
    expect(a.price({ resolution: "4K" }, {}).usd).toBe(0.16);
    expect(a.price({ resolution: "0.5K" }, {}).usd).toBe(0.06);
    expect(a.price({ resolution: "2K" }, {}).basis).toMatch(/2K/);
  });

  it("Nano Banana Pro: $0.15 per image, double at 4K; the edit endpoint the same", () => {
    expect(model("fal-ai/nano-banana-pro").price({ resolution: "4K", num_images: 2 }, {}).usd).toBe(0.6);
    expect(model("fal-ai/nano-banana-pro/edit").price({ resolution: "2K" }, {}).usd).toBe(0.15);
  });

  it("Nano Banana: $0.039 per image", () => {
    expect(model("fal-ai/nano-banana/edit").price({ num_images: 2 }, {}).usd).toBe(0.078);
  });
});

describe("request bodies", () => {
  it("FLUX.1 [dev] sends the prompt, the size and the number of images", () => {
    const body = model("fal-ai/flux/dev").buildInput(
      { num_images: 2, image_size: "landscape_16_9" },
      { prompt: PROMPT },
      CTX,
    );
    expect(body).toMatchObject({ prompt: PROMPT, num_images: 2, image_size: "landscape_16_9" });
  });

  it("an edit sends its image first, then any further images in the order they were wired", () => {
    const ports: PortValues = {
      prompt: "Make it night",
      image: IMAGE,
      images: [{ url: "https://example.test/ref-a.png" }, { url: "https://example.test/ref-b.png" }],
    };
    const body = model("fal-ai/nano-banana-2/edit").buildInput({}, ports, CTX);
    expect(body.image_urls).toEqual([IMAGE.url, "https://example.test/ref-a.png", "https://example.test/ref-b.png"]);
    expect(body.prompt).toBe("Make it night");
  });

  it("an edit without its image is refused before anything is sent", () => {
    expect(() => model("fal-ai/nano-banana/edit").buildInput({}, { prompt: "x" }, CTX)).toThrow(/needs an image/);
  });

  it("an edit model declares the image port and an optional port for several more images", () => {
    const inputs = model("fal-ai/nano-banana/edit").inputs ?? {};
    expect(inputs.image).toMatchObject({ type: "image", required: true });
    expect(inputs.images).toMatchObject({ type: "image", required: false, multiple: true });
  });
});

describe("results: fal's images[]", () => {
  it("reads every image of a batch, in fal's order", () => {
    const raw = {
      images: [
        { url: "https://v3.fal.media/files/a.png", width: 1024, height: 768, content_type: "image/png" },
        { url: "https://v3.fal.media/files/b.png" },
      ],
      seed: 42,
      description: "",
    };
    const r = model("fal-ai/nano-banana").readResult(raw, {});
    expect(isImageResult(r)).toBe(true);
    if (!isImageResult(r)) return;
    expect(r.images.map((i) => i.url)).toEqual([
      "https://v3.fal.media/files/a.png",
      "https://v3.fal.media/files/b.png",
    ]);
    expect(r.images[0]).toMatchObject({ width: 1024, height: 768 });
    expect(r.seed).toBe(42);
  });

  it.each([null, {}, { images: [] }, { images: [{}] }, { video: { url: "https://x/y.mp4" } }])(
    "refuses %j, naming the model",
    (raw) => {
      expect(() => model("fal-ai/flux/dev").readResult(raw, {})).toThrow(/FLUX\.1 \[dev\].*no image/);
    },
  );
});

describe("through the real client and the fake fal (its image endpoints written from fal-js)", () => {
  let fal: FakeFal;
  beforeAll(async () => {
    fal = await startFakeFal({ switches: { queueMs: 0, runMs: 20, queuePositionStart: 0 } });
  });
  afterAll(async () => {
    await fal?.close();
  });
  const client = () => createFalClient({ proxyUrl: { url: fal.url, when: "always" } });
  const imageAdapters = [...adaptersFor("text-to-image"), ...adaptersFor("image-edit")];
  const ports: PortValues = { prompt: PROMPT, image: IMAGE, images: [{ url: "https://example.test/ref.png" }] };

  it.each(imageAdapters.map((a) => [a.endpoint, a] as const))(
    "%s: its body is accepted as sent, and each image asked for comes back",
    async (endpoint, a) => {
      const batches: Params[] = [{}, { num_images: 3, seed: 7 }];
      for (const params of batches) {
        const input = a.buildInput(params, ports, CTX);
        const { data, requestId } = await client().subscribe(endpoint, { input, pollInterval: 20 });
        const submit = fal.requestsOf("submit").find((r) => r.requestId === requestId);
        expect(submit?.status).toBe(200);
        expect(submit?.body).toEqual(input);
        expect(submit?.ignoredFields ?? []).toEqual([]);
        const result = a.readResult(data, params);
        expect(isImageResult(result) && result.images.length).toBe("num_images" in params ? 3 : 1);
      }
    },
  );

  it("an edit without its image is refused by fal's schema too (image_urls is required)", async () => {
    // Sent under a plain endpoint id: fal-js's types would not let the missing field through, fal's schema must not.
    const endpoint: string = "fal-ai/nano-banana/edit";
    const err = await client()
      .subscribe(endpoint, { input: { prompt: "x" }, pollInterval: 20 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toMatchObject({ status: 422 });
  });
});

import { describe, expect, it } from "vitest";
import { endpointId } from "../../src/domain/ids";
import { NODE_KINDS, type GenerationKind } from "../../src/domain/workflow";
import { INPUT, OUTPUT } from "../../src/nodes/ports";
import {
  FILE_DEFAULT_ENDPOINTS,
  adapterForNode,
  adaptersFor,
  allAdapters,
  defaultAdapter,
  findAdapter,
  firstCurrent,
  getDefinition,
  nodeDefinitions,
} from "../../src/nodes/registry";
import { sora2Remix, sora2TextToVideo, sora2TextToVideoPro } from "../../src/nodes/models/sora2";
import type { ModelAdapter } from "../../src/nodes/types";

const GENERATION: GenerationKind[] = ["text-to-video", "image-to-video", "remix"];

describe("node definitions", () => {
  it("cover every node kind, each under its own name", () => {
    expect(Object.keys(nodeDefinitions).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) expect(getDefinition(kind).kind).toBe(kind);
  });

  it("declare the ports of the format: handle ids and types", () => {
    const shape = (k: (typeof NODE_KINDS)[number]) => {
      const d = getDefinition(k);
      return {
        in: Object.fromEntries(Object.entries(d.inputs).map(([h, p]) => [h, `${p.type}${p.required ? "!" : ""}`])),
        out: Object.fromEntries(Object.entries(d.outputs).map(([h, p]) => [h, p.type])),
      };
    };
    expect(shape("prompt")).toEqual({ in: {}, out: { text: "text" } });
    expect(shape("image")).toEqual({ in: {}, out: { image: "image" } });
    expect(shape("video")).toEqual({ in: {}, out: { video: "video" } });
    expect(shape("text-to-video")).toEqual({ in: { prompt: "text!" }, out: { video: "video" } });
    expect(shape("image-to-video")).toEqual({ in: { prompt: "text!", image: "image!" }, out: { video: "video" } });
    expect(shape("remix")).toEqual({ in: { video: "video!", prompt: "text!" }, out: { video: "video" } });
  });

  it("use handle ids from ports.ts only", () => {
    const known = new Set<string>([...Object.values(INPUT), ...Object.values(OUTPUT)]);
    for (const d of Object.values(nodeDefinitions))
      for (const h of [...Object.keys(d.inputs), ...Object.keys(d.outputs)]) expect(known.has(h)).toBe(true);
  });

  it("generation kinds list their models; sources have none", () => {
    for (const k of GENERATION) {
      expect(getDefinition(k).models).toEqual(adaptersFor(k));
      expect(getDefinition(k).models.length).toBeGreaterThan(0);
    }
    for (const k of ["prompt", "image", "video"] as const) expect(getDefinition(k).models).toEqual([]);
  });
});

describe("adapter lookup", () => {
  it("every endpoint is registered once and found by its id", () => {
    const all = allAdapters();
    expect(new Set(all.map((a) => a.endpoint)).size).toBe(all.length);
    for (const a of all) expect(findAdapter(a.endpoint)).toBe(a);
    expect(findAdapter("fal-ai/nothing")).toBeUndefined();
  });

  it("adaptersFor returns only that kind", () => {
    for (const k of GENERATION) for (const a of adaptersFor(k)) expect(a.kind).toBe(k);
  });

  it("new nodes get the first current model, or the first of all when every one is retired", () => {
    const current = { ...sora2TextToVideo, endpoint: "x/current", retired: undefined } as ModelAdapter;
    expect(firstCurrent([sora2TextToVideo, sora2TextToVideoPro, current])).toBe(current);
    expect(firstCurrent([sora2TextToVideoPro, sora2TextToVideo])).toBe(sora2TextToVideoPro);
    expect(firstCurrent([])).toBeUndefined();
    const unpriced: ModelAdapter = {
      ...current,
      endpoint: endpointId("x/unpriced"),
      price: () => ({ usd: null, upperBound: false, basis: "price unknown" }),
    };
    expect(firstCurrent([sora2TextToVideo, unpriced, current])).toBe(current);
    expect(firstCurrent([sora2TextToVideo, unpriced])).toBe(unpriced);
    for (const k of GENERATION) expect(defaultAdapter(k)).toBe(firstCurrent(adaptersFor(k)));
  });

  it("a node in a file without an endpoint means the standard Sora 2 model of its kind, whatever new nodes default to", () => {
    expect(FILE_DEFAULT_ENDPOINTS).toEqual({
      "text-to-video": "fal-ai/sora-2/text-to-video",
      "image-to-video": "fal-ai/sora-2/image-to-video",
      remix: "fal-ai/sora-2/video-to-video/remix",
      // Image kinds came later in format v1: fixed to a curated model of known price (issue 19).
      "text-to-image": "fal-ai/flux/dev",
      "image-edit": "fal-ai/nano-banana/edit",
    });
    for (const k of GENERATION) {
      const r = adapterForNode({ type: k, data: {} });
      expect(r.ok && r.adapter.endpoint).toBe(FILE_DEFAULT_ENDPOINTS[k]);
    }
    expect(adapterForNode({ type: "remix", data: { params: { prompt: "x" } } })).toEqual({
      ok: true,
      adapter: sora2Remix,
    });
  });

  it("an endpoint that is unknown or of another kind is refused with the reason", () => {
    expect(adapterForNode({ type: "text-to-video", data: { endpoint: "fal-ai/upscale" as never } })).toEqual({
      ok: false,
      reason: `unknown model "fal-ai/upscale" (this Reelflow has no Text-to-Video model by that name)`,
    });
    expect(adapterForNode({ type: "image-to-video", data: { endpoint: sora2Remix.endpoint } })).toEqual({
      ok: false,
      reason:
        "Sora 2 Remix (fal-ai/sora-2/video-to-video/remix) is a Remix model; it cannot run in an Image-to-Video node",
    });
  });
});

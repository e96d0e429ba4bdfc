import { describe, expect, it } from "vitest";
import snapshot from "../../src/adapters/catalogue/fal-video-models.snapshot.json";
import type { FalModel } from "../../src/nodes/catalogue/fal-api";
import { modelKindOf } from "../../src/nodes/catalogue/model-kind";
import { adapterFromFalModel } from "../../src/nodes/catalogue/schema-adapter";
import { adaptersFor, defaultAdapter, findAdapter } from "../../src/nodes/registry";
import { videoActionFromId } from "../../src/nodes/video-action";

describe("what a Remix model does with its clip", () => {
  it("is stated by every curated Remix model: Kling O3 and Sora 2 edit, Veo 3.1 Extend extends", () => {
    for (const a of adaptersFor("remix"))
      expect({ endpoint: a.endpoint, action: a.action !== undefined }).toEqual({ endpoint: a.endpoint, action: true });
    expect(findAdapter("fal-ai/kling-video/o3/standard/video-to-video/edit")?.action).toBe("edit");
    expect(findAdapter("fal-ai/kling-video/o3/pro/video-to-video/edit")?.action).toBe("edit");
    expect(findAdapter("fal-ai/veo3.1/extend-video")?.action).toBe("extend");
    expect(findAdapter("fal-ai/sora-2/video-to-video/remix")?.action).toBe("edit");
    expect(findAdapter("fal-ai/veo3.1/fast")?.action).toBeUndefined();
  });

  it("a new Remix node starts on a current model that edits", () => {
    const chosen = defaultAdapter("remix");
    expect(chosen.action).toBe("edit");
    expect(chosen.retired).toBeUndefined();
  });

  it("is read from fal's endpoint ids: extend, edit, reference, upscale, lip-sync, else other", () => {
    expect(videoActionFromId("fal-ai/ltx-2/extend-video")).toBe("extend");
    expect(videoActionFromId("fal-ai/vidu/q2/video-extension/pro")).toBe("extend");
    expect(videoActionFromId("fal-ai/wan/v2.7/edit-video")).toBe("edit");
    expect(videoActionFromId("decart/lucy-restyle")).toBe("edit");
    expect(videoActionFromId("fal-ai/wan/v2.2-a14b/video-to-video")).toBe("edit");
    expect(videoActionFromId("fal-ai/kling-video/o3/pro/video-to-video/reference")).toBe("reference");
    expect(videoActionFromId("fal-ai/kling-video/v3/pro/motion-control")).toBe("reference");
    expect(videoActionFromId("fal-ai/topaz/upscale/video")).toBe("upscale");
    expect(videoActionFromId("fal-ai/wan-vision-enhancer")).toBe("upscale");
    expect(videoActionFromId("fal-ai/pixverse/lipsync")).toBe("lip-sync");
    expect(videoActionFromId("fal-ai/live-portrait")).toBe("other");
    expect(videoActionFromId("fal-ai/some-model", "Some Model Video Extension")).toBe("extend");
  });

  it("is set on every Remix model built from the bundled catalogue, and on no other kind", () => {
    const models = (snapshot as { models: FalModel[] }).models;
    let remixes = 0;
    for (const m of models) {
      const kind = modelKindOf(m);
      if (!kind.ok) continue;
      const built = adapterFromFalModel(m, undefined, "snapshot", "2026-12-05");
      if (!built.ok) continue;
      if (built.adapter.kind === "remix") remixes += 1;
      expect({ id: m.endpoint_id, has: built.adapter.action !== undefined }).toEqual({
        id: m.endpoint_id,
        has: built.adapter.kind === "remix",
      });
    }
    expect(remixes).toBeGreaterThan(50);
    const veoFastExtend = models.find((m) => m.endpoint_id === "fal-ai/veo3.1/fast/extend-video");
    const built = veoFastExtend && adapterFromFalModel(veoFastExtend, undefined, "snapshot", "2026-12-05");
    expect(built && built.ok && built.adapter.action).toBe("extend");
  });
});

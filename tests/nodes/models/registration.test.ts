import { describe, expect, it } from "vitest";
import { allAdapters, defaultAdapter, findAdapter } from "../../../src/nodes/registry";
import { currentAdapters } from "./fixtures";

describe("current models in the registry", () => {
  it("are all registered once, none retired", () => {
    const endpoints = allAdapters().map((a) => a.endpoint);
    expect(new Set(endpoints).size).toBe(endpoints.length);
    for (const a of currentAdapters) {
      expect(findAdapter(a.endpoint)).toBe(a);
      expect(a.retired).toBeUndefined();
    }
  });

  it("new nodes start on the first current model (all are priced now): Veo 3.1 Fast (t2v, i2v), Kling O3 Standard edit (remix)", () => {
    expect(defaultAdapter("text-to-video").endpoint).toBe("fal-ai/veo3.1/fast");
    expect(defaultAdapter("image-to-video").endpoint).toBe("fal-ai/veo3.1/fast/image-to-video");
    expect(defaultAdapter("remix").endpoint).toBe("fal-ai/kling-video/o3/standard/video-to-video/edit");
    for (const kind of ["text-to-video", "image-to-video", "remix"] as const)
      expect(defaultAdapter(kind).price({}, {}).usd).not.toBeNull();
  });

  it("every retired model's successor is a registered, current model of the same kind", () => {
    const retired = allAdapters().filter((a) => a.retired);
    expect(retired.length).toBeGreaterThan(0);
    for (const old of retired) {
      const next = findAdapter(old.retired?.successor ?? "");
      expect({ from: old.endpoint, to: next?.endpoint, kind: next?.kind, retired: next?.retired }).toEqual({
        from: old.endpoint,
        to: old.retired?.successor,
        kind: old.kind,
        retired: undefined,
      });
    }
  });
});

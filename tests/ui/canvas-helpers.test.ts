import { describe, expect, it } from "vitest";
import { NODE_KINDS, type NodeKind } from "../../src/domain/workflow";
import { getDefinition } from "../../src/nodes/registry";
import { catalog, portFor, searchCatalog } from "../../src/ui/canvas/node-catalog";
import { freeSpot } from "../../src/ui/canvas/free-spot";

const kindsOf = (entries: { kind: string }[]) => [...new Set(entries.map((e) => e.kind))].sort();

describe("adding nodes from a dangling wire", () => {
  const all = catalog();

  it("a wire from a video output offers only kinds with a video input, and says which input", () => {
    const offered = searchCatalog(all, "", { from: "source", type: "video" });
    const expected = NODE_KINDS.filter((k) =>
      Object.values(getDefinition<NodeKind>(k).inputs).some((p) => p.type === "video"),
    );
    expect(kindsOf(offered)).toEqual([...expected].sort());
    expect(offered.length).toBeGreaterThan(0);
    for (const e of offered) expect(portFor(e.kind, { from: "source", type: "video" })).toBe("video");
  });

  it("a wire from an image input offers only kinds that give an image", () => {
    // An Image source, or a model that makes images (issue 19).
    expect(kindsOf(searchCatalog(all, "", { from: "target", type: "image" }))).toEqual([
      "image",
      "image-edit",
      "text-to-image",
    ]);
  });

  it("a wire from a text output offers every kind with a prompt input and nothing else", () => {
    const offered = searchCatalog(all, "", { from: "source", type: "text" });
    expect(kindsOf(offered)).toEqual(["image-edit", "image-to-video", "remix", "text-to-image", "text-to-video"]);
    expect(offered.every((e) => portFor(e.kind, { from: "source", type: "text" }) === "prompt")).toBe(true);
  });

  it("search matches every word, in titles, families and endpoints", () => {
    const found = searchCatalog(all, "sora pro text", null);
    expect(found.map((e) => e.endpoint)).toEqual(["fal-ai/sora-2/text-to-video/pro"]);
    expect(searchCatalog(all, "no such model zzz", null)).toEqual([]);
  });
});

describe("free spot for a palette node", () => {
  it("is the wanted spot on an empty canvas, and never overlaps a node", () => {
    expect(freeSpot({ x: 10, y: 20 }, [])).toEqual({ x: 10, y: 20 });
    const boxes = [
      { x: 0, y: 0, w: 300, h: 260 },
      { x: 330, y: 0, w: 300, h: 260 },
    ];
    const p = freeSpot({ x: 0, y: 0 }, boxes);
    for (const b of boxes) {
      const overlap = p.x < b.x + b.w && b.x < p.x + 300 && p.y < b.y + b.h && b.y < p.y + 260;
      expect(overlap).toBe(false);
    }
  });
});

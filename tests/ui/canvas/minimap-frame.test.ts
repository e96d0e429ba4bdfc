// Issue 18: the minimap's frame stays put while the view pans inside it (a pan then redraws only the view's
// rectangle, not every node), and is made anew when the view leaves it, the zoom changes or the nodes leave it.
import { describe, expect, it } from "vitest";
import { frameFor, frameStillFits, viewRect } from "../../../src/ui/canvas/minimap-frame";

const box = { width: 180, height: 120 };
const nodes = { x: 0, y: 0, width: 9000, height: 5000 };

describe("the minimap's frame", () => {
  it("shows the nodes and the view, centred, within the box", () => {
    const view = viewRect([100, 50, 0.1], 1280, 710);
    const f = frameFor(nodes, view, box, 0.1);
    const toBox = (x: number, y: number) => [(x - f.left) * f.scale, (y - f.top) * f.scale];
    for (const [x, y] of [toBox(nodes.x, nodes.y), toBox(nodes.x + nodes.width, nodes.y + nodes.height)]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(box.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(box.height);
    }
  });

  it("is kept while the view pans inside it at the same zoom", () => {
    const f = frameFor(nodes, viewRect([0, 0, 1], 1280, 710), box, 1);
    for (const dx of [-200, 0, 200])
      expect(frameStillFits(f, nodes, viewRect([-2000 + dx, -1000, 1], 1280, 710), box, 1)).toBe(true);
  });

  it("is made anew when the view leaves it, the zoom changes, or a node is moved out of it", () => {
    const f = frameFor(nodes, viewRect([0, 0, 1], 1280, 710), box, 1);
    expect(frameStillFits(f, nodes, viewRect([-20000, 0, 1], 1280, 710), box, 1)).toBe(false);
    expect(frameStillFits(f, nodes, viewRect([0, 0, 0.5], 1280, 710), box, 0.5)).toBe(false);
    expect(frameStillFits(f, { ...nodes, width: 30000 }, viewRect([0, 0, 1], 1280, 710), box, 1)).toBe(false);
  });
});

// Where the canvas puts a new node (issue 16 item 8): in sight, on no other node, a palette chain left to right;
// and how far the view moves when a node lands out of sight.
import { describe, expect, it } from "vitest";
import { keepInView, placeNode, shiftClearOf, shiftToShow, type Box } from "../../../src/ui/canvas/free-spot";

const view: Box = { x: 0, y: 0, w: 1100, h: 700 };
const size = { w: 280, h: 400 };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inView = (p: { x: number; y: number }, v = view) =>
  p.x >= v.x && p.y >= v.y && p.x + size.w <= v.x + v.w && p.y + size.h <= v.y + v.h;

describe("placing a palette node", () => {
  it("goes in the middle of an empty view, its top where a generation node's would be (a chain's tops stay level)", () => {
    expect(placeNode({ size, view, boxes: [] })).toEqual({ x: 410, y: 140 });
    expect(placeNode({ size: { w: 280, h: 150 }, view, boxes: [] })).toEqual({ x: 410, y: 140 });
  });

  it("goes right of the node the palette added last, level with it, even past the view's edge", () => {
    const last: Box = { x: 410, y: 150, w: 280, h: 150 };
    expect(placeNode({ size, view, boxes: [last], after: last })).toEqual({ x: 720, y: 150 });
    const nearEdge: Box = { x: 800, y: 150, w: 280, h: 400 };
    expect(placeNode({ size, view, boxes: [nearEdge], after: nearEdge })).toEqual({ x: 1110, y: 150 });
  });

  it("otherwise takes the free spot in sight nearest the middle, on no node", () => {
    const middle: Box = { x: 400, y: 100, w: 300, h: 500 };
    const p = placeNode({ size, view, boxes: [middle] });
    expect(inView(p)).toBe(true);
    expect(overlaps({ ...p, ...size }, middle)).toBe(false);
    // Right of it rather than left, at the same height.
    expect(p.y).toBe(140);
    expect(p.x).toBeGreaterThan(700);
  });

  it("when the last node's right is taken, finds a free spot in sight instead", () => {
    const last: Box = { x: 100, y: 100, w: 280, h: 300 };
    const right: Box = { x: 410, y: 100, w: 280, h: 300 };
    const p = placeNode({ size, view, boxes: [last, right], after: last });
    expect(inView(p)).toBe(true);
    for (const b of [last, right]) expect(overlaps({ ...p, ...size }, b)).toBe(false);
  });

  it("a spot found in sight is not under the minimap; the spot right of the last node may be (the view moves)", () => {
    const minimap: Box = { x: 380, y: 100, w: 340, h: 500 };
    const p = placeNode({ size, view, boxes: [], overlays: [minimap] });
    expect(inView(p)).toBe(true);
    expect(overlaps({ ...p, ...size }, minimap)).toBe(false);
    const last: Box = { x: 60, y: 140, w: 280, h: 150 };
    expect(placeNode({ size, view, boxes: [last], overlays: [minimap], after: last })).toEqual({ x: 370, y: 140 });
  });

  it("in a full view, still covers no node (the view then follows it)", () => {
    const boxes: Box[] = [];
    for (let x = -300; x < 1400; x += 300) for (let y = -300; y < 1000; y += 300) boxes.push({ x, y, w: 300, h: 300 });
    const p = placeNode({ size, view, boxes });
    for (const b of boxes) expect(overlaps({ ...p, ...size }, b)).toBe(false);
  });
});

describe("keeping a node in sight", () => {
  it("moves a spot near the edges back in by the least", () => {
    expect(keepInView({ x: 1000, y: 650 }, size, view)).toEqual({ x: 820, y: 300 });
    expect(keepInView({ x: -40, y: 20 }, size, view)).toEqual({ x: 0, y: 20 });
    expect(keepInView({ x: 100, y: 100 }, size, view)).toEqual({ x: 100, y: 100 });
  });

  it("puts the top-left corner in sight when the node is bigger than the view", () => {
    expect(keepInView({ x: 50, y: 50 }, { w: 400, h: 900 }, view)).toEqual({ x: 50, y: 0 });
  });
});

describe("how far the view follows", () => {
  it("not at all for a box in sight, by its overshoot for one past an edge", () => {
    expect(shiftToShow({ x: 10, y: 10, w: 100, h: 100 }, view)).toEqual({ x: 0, y: 0 });
    expect(shiftToShow({ x: 1000, y: 650, w: 280, h: 400 }, view)).toEqual({ x: 180, y: 350 });
    expect(shiftToShow({ x: -50, y: -20, w: 100, h: 100 }, view)).toEqual({ x: -50, y: -20 });
  });

  it("to the box's top-left edge when the box is bigger than the view", () => {
    expect(shiftToShow({ x: 200, y: 100, w: 2000, h: 100 }, view)).toEqual({ x: 200, y: 0 });
  });
});

describe("keeping a node from under the minimap", () => {
  const corner: Box = { x: 880, y: 520, w: 220, h: 180 };
  it("moves it left or up, whichever is less, and not at all when it is clear", () => {
    expect(shiftClearOf({ x: 100, y: 100, w: 280, h: 300 }, view, corner)).toEqual({ x: 0, y: 0 });
    // 100 px into the corner from the left, 50 from the top: up is less.
    expect(shiftClearOf({ x: 700, y: 270, w: 280, h: 300 }, view, corner)).toEqual({ x: 0, y: 50 });
    expect(shiftClearOf({ x: 620, y: 100, w: 280, h: 600 }, view, corner)).toEqual({ x: 20, y: 0 });
  });

  it("leaves it when clearing the corner would push it out of sight", () => {
    expect(shiftClearOf({ x: 0, y: 0, w: 1000, h: 700 }, view, corner)).toEqual({ x: 0, y: 0 });
  });
});

// What part of the flow the minimap shows. Unlike React Flow's own minimap (whose frame is the nodes' bounds joined
// with the view, so every pan frame moves the frame and redraws every node), the frame here stays put while the
// view pans inside it: a pan redraws only the view's rectangle.
import type { Rect } from "@xyflow/react";

/** The minimap's frame: flow point (x, y) is drawn at minimap px ((x - left) × scale, (y - top) × scale). */
export interface MiniMapFrame {
  left: number;
  top: number;
  /** Minimap px per flow unit. */
  scale: number;
  /** The zoom of the view the frame was made for. */
  zoom: number;
}

/** Room left around the nodes and the view when a frame is made, as a share of their size: a pan stays inside. */
const SLACK = 0.15;

const union = (a: Rect, b: Rect): Rect => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
};

/** A frame showing the nodes and the view (both, centred, with some slack) in a box of this size. */
export function frameFor(nodes: Rect | null, view: Rect, box: { width: number; height: number }, zoom: number) {
  const all = nodes ? union(nodes, view) : view;
  const w = all.width * (1 + 2 * SLACK);
  const h = all.height * (1 + 2 * SLACK);
  const scale = Math.min(box.width / Math.max(w, 1), box.height / Math.max(h, 1));
  return {
    left: all.x + all.width / 2 - box.width / scale / 2,
    top: all.y + all.height / 2 - box.height / scale / 2,
    scale,
    zoom,
  } satisfies MiniMapFrame;
}

/** Whether a frame still does for this view: same zoom, the view wholly inside, the nodes too. */
export function frameStillFits(
  frame: MiniMapFrame,
  nodes: Rect | null,
  view: Rect,
  box: { width: number; height: number },
  zoom: number,
): boolean {
  if (frame.zoom !== zoom) return false;
  const right = frame.left + box.width / frame.scale;
  const bottom = frame.top + box.height / frame.scale;
  const inside = (r: Rect) =>
    r.x >= frame.left && r.y >= frame.top && r.x + r.width <= right && r.y + r.height <= bottom;
  return inside(view) && (!nodes || inside(nodes));
}

/** The view's rectangle in flow coordinates, from React Flow's transform and the canvas's size. */
export function viewRect(transform: readonly [number, number, number], width: number, height: number): Rect {
  const [tx, ty, k] = transform;
  return { x: -tx / k, y: -ty / k, width: width / k, height: height / k };
}

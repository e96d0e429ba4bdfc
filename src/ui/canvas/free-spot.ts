import type { NodeKind, Position } from "../../domain/workflow";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Size {
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, view: Box) =>
  a.x >= view.x && a.y >= view.y && a.x + a.w <= view.x + view.w && a.y + a.h <= view.y + view.h;
const isFree = (p: Position, size: Size, boxes: readonly Box[]) => !boxes.some((b) => overlaps({ ...p, ...size }, b));

/** Space left between a new node and its neighbours, in flow px. */
const GAP = 30;

/**
 * A place for a new node near `wanted` that covers no existing node: tries spots to the right,
 * then below, so a palette click never hides a node under another.
 */
export function freeSpot(wanted: Position, boxes: readonly Box[], size = { w: 300, h: 260 }, gap = GAP): Position {
  for (let row = 0; row < 20; row++) {
    for (let col = 0; col < 6; col++) {
      const p = { x: wanted.x + col * (size.w + gap), y: wanted.y + row * (size.h / 2 + gap) };
      if (isFree(p, size, boxes)) return p;
    }
  }
  return wanted;
}

/** Size a node of this kind has at zoom 1 before it is measured (the canvas prefers a measured one of its kind). */
export function typicalSize(kind: NodeKind): Size {
  switch (kind) {
    case "prompt":
      return { w: 280, h: 150 };
    case "image":
    case "video":
      return { w: 280, h: 230 };
    case "text-to-video":
    case "image-to-video":
    case "remix":
    case "text-to-image":
    case "image-edit":
      return { w: 280, h: 420 };
    default: {
      const _: never = kind;
      return _;
    }
  }
}

export interface Placing {
  size: Size;
  /** The part of the canvas in sight, in flow coordinates (the palette's strip left out). */
  view: Box;
  /** Every node on the canvas. */
  boxes: readonly Box[];
  /** What floats over the view (the minimap): a spot found in sight is not under it. */
  overlays?: readonly Box[];
  /** The node the palette added last, when it is still there: a chain grows to its right. */
  after?: Box;
}

/**
 * Where a palette click puts a node: right of the node added last (a person clicking Prompt, Text-to-Video, Remix
 * builds a chain from left to right), level with it when it fits the view's height, when that spot is free; else the free spot nearest the middle of the view
 * that is wholly in sight; else (a full view) the first free spot right of or below the middle. A spot out of
 * sight, or under an overlay, is then brought into view by the caller (see `shiftToShow`, `shiftClearOf`). The
 * middle is taken for the tallest kind, so a chain started with a short Prompt keeps its tops level.
 */
export function placeNode({ size, view, boxes, after, overlays = [] }: Placing): Position {
  if (after) {
    // Level with it, unless that would run past the bottom of the view.
    const y = Math.max(view.y, Math.min(after.y, view.y + view.h - size.h));
    const next = { x: after.x + after.w + GAP, y };
    if (isFree(next, size, boxes)) return next;
  }
  const tallest = Math.max(size.h, typicalSize("text-to-video").h);
  const middle = { x: view.x + view.w / 2 - size.w / 2, y: Math.max(view.y, view.y + view.h / 2 - tallest / 2) };
  return nearestInView(middle, size, view, [...boxes, ...overlays]) ?? freeSpot(middle, boxes, size);
}

/** The free spot wholly inside `view` nearest `wanted`, on a grid of node-sized steps; rows first, right before left. */
function nearestInView(wanted: Position, size: Size, view: Box, boxes: readonly Box[]): Position | undefined {
  const stepX = size.w + GAP;
  const stepY = size.h / 2 + GAP;
  const cols = Math.ceil(view.w / stepX);
  const rows = Math.ceil(view.h / stepY);
  let best: { p: Position; cost: number } | undefined;
  for (let r = -rows; r <= rows; r++) {
    for (let c = -cols; c <= cols; c++) {
      const cost = Math.abs(c) + 1.5 * Math.abs(r) + (c < 0 ? 0.25 : 0);
      if (best && cost >= best.cost) continue;
      const p = keepInView({ x: wanted.x + c * stepX, y: wanted.y + r * stepY }, size, view);
      if (inside({ ...p, ...size }, view) && isFree(p, size, boxes)) best = { p, cost };
    }
  }
  return best?.p;
}

/** `at` moved the least so that a node of `size` there is wholly in `view` (its top-left first when it is bigger). */
export function keepInView(at: Position, size: Size, view: Box): Position {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, hi));
  return { x: clamp(at.x, view.x, view.x + view.w - size.w), y: clamp(at.y, view.y, view.y + view.h - size.h) };
}

/**
 * How far the view must move (flow px, to add to what it shows) for `box` to be wholly in `view`: nothing when it
 * already is; its top-left edge first when it is bigger than the view.
 */
export function shiftToShow(box: Box, view: Box): Position {
  const axis = (start: number, length: number, viewStart: number, viewLength: number) => {
    if (start < viewStart || length > viewLength) return start - viewStart;
    const overshoot = start + length - (viewStart + viewLength);
    return overshoot > 0 ? overshoot : 0;
  };
  return { x: axis(box.x, box.w, view.x, view.w), y: axis(box.y, box.h, view.y, view.h) };
}

/**
 * How much further the view must move for `box` (in sight already) not to lie under `corner` (the minimap, fixed
 * on screen): the box goes left or up, whichever is less and keeps it in sight; nothing when neither does.
 */
export function shiftClearOf(box: Box, view: Box, corner: Box): Position {
  if (!overlaps(box, corner)) return { x: 0, y: 0 };
  const left = box.x + box.w - corner.x;
  const up = box.y + box.h - corner.y;
  const canLeft = box.x - left >= view.x;
  const canUp = box.y - up >= view.y;
  if (canLeft && (!canUp || left <= up)) return { x: left, y: 0 };
  return canUp ? { x: 0, y: up } : { x: 0, y: 0 };
}

/** The box around several boxes. */
export function boundsOf(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
}

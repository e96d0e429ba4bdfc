import type { Position } from "../../domain/workflow";

export interface Box { x: number; y: number; w: number; h: number }

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * A place for a new node near `wanted` that covers no existing node: tries spots to the right,
 * then below, so a palette click never hides a node under another.
 */
export function freeSpot(wanted: Position, boxes: readonly Box[], size = { w: 300, h: 260 }, gap = 30): Position {
  for (let row = 0; row < 20; row++) {
    for (let col = 0; col < 6; col++) {
      const p = { x: wanted.x + col * (size.w + gap), y: wanted.y + row * (size.h / 2 + gap) };
      const box = { x: p.x, y: p.y, w: size.w, h: size.h };
      if (!boxes.some((b) => overlaps(box, b))) return p;
    }
  }
  return wanted;
}

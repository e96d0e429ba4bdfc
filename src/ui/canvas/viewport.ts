import { getViewportForBounds, type Rect, type Viewport } from "@xyflow/react";
import type { Position } from "../../domain/workflow";

/** Size a node usually has on screen at zoom 1, before it is measured. */
const NODE_W = 290;
const NODE_H = 420;

/** Where these nodes are, from their positions alone (no measuring needed); null for none. */
export function estimatedBounds(nodes: readonly { position: Position }[]): Rect | null {
  if (nodes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + NODE_W);
    maxY = Math.max(maxY, n.position.y + NODE_H);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The viewport that fits these nodes, from their positions alone (no measuring needed). */
export function estimatedViewport(nodes: readonly { position: Position }[], width: number, height: number): Viewport {
  const bounds = estimatedBounds(nodes);
  if (!bounds) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(bounds, Math.max(width, 100), Math.max(height, 100), 0.1, 1, 0.2);
}

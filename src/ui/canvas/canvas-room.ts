import { getViewportForBounds, type FitViewOptions, type Rect } from "@xyflow/react";

// What floats over the canvas, and the room a fitted view leaves it (issue 16 item 11). The palette's and the
// minimap's sizes are set from these numbers (style props), so a fit knows where they are without measuring.
export const PALETTE = { inset: 10, width: 132, foldedWidth: 40 } as const;
export const MINIMAP = { inset: 15, width: 180, height: 120, gap: 4, toggle: 26 } as const;
/** Free space kept between the fitted graph and the canvas's edges or an overlay. */
const EDGE = 24;
export const FIT_ZOOM = { min: 0.1, max: 1 } as const;

/** What is over the canvas now: the palette open or folded; the minimap open, folded to its button, or absent. */
export interface Overlays {
  palette: "open" | "folded";
  minimap: "open" | "folded" | "none";
}

/** The palette takes a strip on the left; the minimap (or its button) the bottom-right corner. */
export function overlayRoom(o: Overlays): { left: number; corner: { width: number; height: number } | null } {
  const left = PALETTE.inset + (o.palette === "open" ? PALETTE.width : PALETTE.foldedWidth) + EDGE;
  switch (o.minimap) {
    case "none":
      return { left, corner: null };
    case "folded":
      return {
        left,
        corner: { width: MINIMAP.inset + MINIMAP.toggle + EDGE, height: MINIMAP.inset + MINIMAP.toggle + EDGE },
      };
    case "open":
      return {
        left,
        corner: {
          width: MINIMAP.inset + MINIMAP.width + EDGE,
          height: MINIMAP.inset + MINIMAP.height + MINIMAP.gap + MINIMAP.toggle + EDGE,
        },
      };
    default: {
      const never: never = o.minimap;
      return never;
    }
  }
}

const px = (n: number) => `${Math.round(n)}px` as const;

/**
 * fitView options that keep every node clear of the overlays: room on the left for the palette, and the minimap's
 * corner kept free by taking its room from the right or from the bottom, whichever leaves the graph bigger (a
 * wide graph gives up height, a tall one width). Without bounds (nothing measured yet) the bottom is used.
 */
export function fitOptions(bounds: Rect | null, width: number, height: number, o: Overlays): FitViewOptions {
  const { left, corner } = overlayRoom(o);
  const base = { top: px(EDGE), left: px(left), right: px(EDGE), bottom: px(EDGE) };
  const options = (padding: typeof base) => ({ padding, minZoom: FIT_ZOOM.min, maxZoom: FIT_ZOOM.max });
  if (!corner) return options(base);
  const right = { ...base, right: px(corner.width) };
  const below = { ...base, bottom: px(corner.height) };
  if (!bounds || bounds.width <= 0 || bounds.height <= 0) return options(below);
  const zoom = (p: typeof base) => getViewportForBounds(bounds, width, height, FIT_ZOOM.min, FIT_ZOOM.max, p).zoom;
  return options(zoom(right) > zoom(below) ? right : below);
}

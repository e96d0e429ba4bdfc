import { useEffect, useState, type RefObject } from "react";

export interface NearOptions {
  /** Selector of the scrolling or clipping box that counts as the screen (e.g. ".react-flow"); the browser viewport otherwise. */
  within?: string;
  /** How far outside that box still counts as near (CSS margin, % of the box). */
  margin?: string;
}

/**
 * True once the element has come within `margin` of the visible box (and from then on). A big canvas
 * then loads the videos of the nodes on screen only, instead of one blob read, object URL and media
 * player per cached node at open. Where IntersectionObserver is missing (jsdom) it is true at once.
 */
export function useNearViewport(ref: RefObject<Element | null>, opts: NearOptions = {}): boolean {
  const { within, margin = "50%" } = opts;
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    // The canvas clips its nodes: measured against the browser viewport, a node just below the canvas's
    // edge would never intersect, whatever the margin. Against the canvas box, the margin counts.
    const root = within ? el.closest(within) : null;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          io.disconnect();
        }
      },
      { root, rootMargin: margin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, near, within, margin]);
  return near;
}

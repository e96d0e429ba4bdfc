import { useEffect, useLayoutEffect, useState, type RefObject } from "react";

export interface NearOptions {
  /** Selector of the scrolling or clipping box that counts as the screen (e.g. ".react-flow"); the browser viewport otherwise. */
  within?: string;
  /** How far outside that box still counts as near (CSS margin, % of the box or px). */
  margin?: string;
}

/** The box grown by `margin` ("50%" of its own size, or "120px"); null for a margin this check does not read. */
function grow(box: DOMRect, margin: string): { left: number; top: number; right: number; bottom: number } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)(%|px)\s*$/.exec(margin);
  if (!m) return null;
  const n = Number(m[1]);
  const dx = m[2] === "%" ? (box.width * n) / 100 : n;
  const dy = m[2] === "%" ? (box.height * n) / 100 : n;
  return { left: box.left - dx, top: box.top - dy, right: box.right + dx, bottom: box.bottom + dy };
}

/** Whether `el` lies within `margin` of `root` (or of the browser viewport) right now, from their boxes. */
export function isNearNow(el: Element, root: Element | null, margin: string): boolean {
  const area = root ? root.getBoundingClientRect() : new DOMRect(0, 0, window.innerWidth, window.innerHeight);
  const zone = grow(area, margin);
  if (!zone) return false;
  const r = el.getBoundingClientRect();
  // A box with no size (not laid out, display: none) says nothing: the observer decides then.
  if (r.width === 0 && r.height === 0) return false;
  return r.right >= zone.left && r.left <= zone.right && r.bottom >= zone.top && r.top <= zone.bottom;
}

/**
 * True once the element has come within `margin` of the visible box (and from then on). A big canvas
 * then loads the videos of the nodes on screen only, instead of one blob read, object URL and media
 * player per cached node at open. Where IntersectionObserver is missing (jsdom) it is true at once.
 *
 * An element already near when it mounts is known at once, before the first paint, from its box: an
 * IntersectionObserver reports only after the next frame is laid out (on a busy page, a frame that may
 * take a long time), and every node on screen at open would wait for it before reading its video.
 */
export function useNearViewport(ref: RefObject<Element | null>, opts: NearOptions = {}): boolean {
  const { within, margin = "50%" } = opts;
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useLayoutEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    if (isNearNow(el, within ? el.closest(within) : null, margin)) setNear(true);
    // Only at mount: later moves into view are the observer's to report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
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

import { useEffect, useState, type RefObject } from "react";

/**
 * True once the element has come within `margin` of the browser's viewport (and from then on). A big
 * canvas then loads the videos of the nodes on screen only, instead of one blob read, object URL and
 * media player per cached node at open. Where IntersectionObserver is missing (jsdom) it is true at once.
 */
export function useNearViewport(ref: RefObject<Element | null>, margin = "300px"): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          io.disconnect();
        }
      },
      { rootMargin: margin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, near, margin]);
  return near;
}

import { useStoreApi, type ReactFlowState } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import "./dot-grid.css";

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * The dot grid behind the nodes (React Flow's dots Background, gap `gap`, dots 1 flow unit wide). React Flow's own
 * re-renders an SVG pattern on every pan frame, which repaints the whole view; this one is a layer of its own one
 * tile larger than the view each way, moved by the compositor: a pan writes its transform (outside React), and only
 * a zoom repaints it.
 */
export const DotGrid = memo(function DotGrid({ gap }: { gap: number }) {
  const store = useStoreApi();
  const layer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = layer.current;
    if (!el) return;
    let zoom = NaN;
    const place = ([x, y, k]: ReactFlowState["transform"]) => {
      const g = gap * k;
      if (k !== zoom) {
        zoom = k;
        const r = k / 2;
        el.style.backgroundSize = `${g}px ${g}px`;
        el.style.backgroundImage = `radial-gradient(circle, var(--dot-grid-colour) ${r}px, transparent ${r + 0.5}px)`;
        el.style.width = `calc(100% + ${2 * g}px)`;
        el.style.height = `calc(100% + ${2 * g}px)`;
      }
      // A dot at every multiple of `gap` in flow coordinates (a tile's dot is at its centre).
      el.style.transform = `translate(${mod(x, g) - g - g / 2}px, ${mod(y, g) - g - g / 2}px)`;
    };
    place(store.getState().transform);
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform) place(s.transform);
    });
  }, [store, gap]);
  return (
    <div className="react-flow__background dot-grid" aria-hidden="true">
      <div ref={layer} className="dot-grid-layer" />
    </div>
  );
});

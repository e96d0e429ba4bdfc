import { Panel, useStoreApi, type ReactFlowState } from "@xyflow/react";
import { XYMinimap } from "@xyflow/system";
import { memo, useEffect, useRef } from "react";
import { MiniMapDrawer, type MiniMapColours } from "./minimap-drawer";

/**
 * The minimap: every node as a rectangle, the view as the clear part of a veil over them; drag it to pan, scroll it to
 * zoom. Drawn on two canvases straight from React Flow's store, outside React: the nodes' canvas is redrawn when the
 * nodes or the frame change (at most once a frame), the veil's on a pan. React Flow's own minimap re-renders a
 * subscribed component per node and repaints its whole SVG on every pan frame (issue 18).
 */
export const LiteMiniMap = memo(function LiteMiniMap({ width, height }: { width: number; height: number }) {
  const store = useStoreApi();
  const box = useRef<HTMLDivElement>(null);
  const nodesCanvas = useRef<HTMLCanvasElement>(null);
  const veilCanvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = box.current;
    const nodes = nodesCanvas.current?.getContext("2d");
    const veil = veilCanvas.current?.getContext("2d");
    if (!el || !nodes || !veil) return;
    const drawer = new MiniMapDrawer(nodes, veil, { width, height }, coloursOf(el), window.devicePixelRatio || 1);
    const s0 = store.getState();
    const minimap = s0.panZoom
      ? XYMinimap({
          domNode: el,
          panZoom: s0.panZoom,
          getTransform: () => store.getState().transform,
          getViewScale: () => 1 / drawer.scale(),
        })
      : null;
    const update = (s: ReactFlowState) =>
      minimap?.update({ translateExtent: s.translateExtent, width: s.width, height: s.height, zoomStep: 1 });
    update(s0);
    drawer.sync(s0);
    const off = store.subscribe((s, prev) => {
      drawer.sync(s);
      if (s.width !== prev.width || s.height !== prev.height || s.translateExtent !== prev.translateExtent) update(s);
    });
    const scheme = window.matchMedia?.("(prefers-color-scheme: dark)");
    const recolour = () => drawer.recolour(coloursOf(el), store.getState());
    scheme?.addEventListener("change", recolour);
    return () => {
      off();
      scheme?.removeEventListener("change", recolour);
      drawer.stop();
      minimap?.destroy();
    };
  }, [store, width, height]);

  const dpr = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  const canvasProps = {
    width: width * dpr,
    height: height * dpr,
    style: { position: "absolute", inset: 0, width, height },
  } as const;
  return (
    <Panel position="bottom-right" className="react-flow__minimap" style={{ width, height }}>
      <div ref={box} role="img" aria-label="Mini map" style={{ position: "relative", width, height }}>
        <canvas ref={nodesCanvas} {...canvasProps} />
        <canvas ref={veilCanvas} {...canvasProps} />
      </div>
    </Panel>
  );
});

/**
 * React Flow's minimap colours (its CSS variables, light or dark) and the accent for selected nodes, read once and on
 * a change of colour scheme.
 */
function coloursOf(el: HTMLElement): MiniMapColours {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) =>
    css.getPropertyValue(`--xy-minimap-${name}`).trim() ||
    css.getPropertyValue(`--xy-minimap-${name}-default`).trim() ||
    fallback;
  return {
    background: v("background-color", "#fff"),
    node: v("node-background-color", "#e2e2e2"),
    // As a selected node on the canvas: the app's accent (theme.css, light or dark; always set there).
    selected: css.getPropertyValue("--accent").trim(),
    mask: v("mask-background-color", "rgba(240, 240, 240, 0.6)"),
  };
}

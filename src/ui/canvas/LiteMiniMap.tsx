import { Panel, useStoreApi, type InternalNode, type ReactFlowState, type Rect } from "@xyflow/react";
import { getInternalNodesBounds, XYMinimap } from "@xyflow/system";
import { memo, useEffect, useRef } from "react";
import { frameFor, frameStillFits, viewRect, type MiniMapFrame } from "./minimap-frame";

interface Colours {
  background: string;
  node: string;
  mask: string;
}

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
    const drawer = new MiniMapDrawer(nodes, veil, { width, height }, coloursOf(el));
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

/** React Flow's minimap colours (its CSS variables, light or dark), read once and on a change of colour scheme. */
function coloursOf(el: HTMLElement): Colours {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) =>
    css.getPropertyValue(`--xy-minimap-${name}`).trim() ||
    css.getPropertyValue(`--xy-minimap-${name}-default`).trim() ||
    fallback;
  return {
    background: v("background-color", "#fff"),
    node: v("node-background-color", "#e2e2e2"),
    mask: v("mask-background-color", "rgba(240, 240, 240, 0.6)"),
  };
}

/** Draws the minimap from React Flow's state: what changed since the last call only. */
class MiniMapDrawer {
  private frame: MiniMapFrame | null = null;
  private lastBounds: Rect | null = null;
  private drawnNodes: ReactFlowState["nodeLookup"] | null = null;
  private drawnNodesVersion: unknown = null;
  private drawnView = "";
  private pending = 0;
  private latest: ReactFlowState | null = null;
  private readonly dpr = window.devicePixelRatio || 1;

  constructor(
    private readonly nodes: CanvasRenderingContext2D,
    private readonly veil: CanvasRenderingContext2D,
    private readonly box: { width: number; height: number },
    private colours: Colours,
  ) {}

  scale(): number {
    return this.frame?.scale ?? 1;
  }

  /** Called on every change of React Flow's store (pans included): returns at once when nothing it draws changed. */
  sync(s: ReactFlowState): void {
    const view = viewRect(s.transform, s.width, s.height);
    const nodesChanged = s.nodes !== this.drawnNodesVersion || s.nodeLookup !== this.drawnNodes;
    const bounds = nodesChanged || !this.frame ? this.boundsOf(s) : this.lastBounds;
    if (!this.frame || !frameStillFits(this.frame, bounds, view, this.box, s.transform[2])) {
      this.frame = frameFor(bounds, view, this.box, s.transform[2]);
      this.lastBounds = bounds;
      this.scheduleNodes(s);
    } else if (nodesChanged) {
      this.lastBounds = bounds;
      this.scheduleNodes(s);
    }
    const key = `${view.x},${view.y},${view.width},${view.height},${this.frame.left},${this.frame.top},${this.frame.scale}`;
    if (key !== this.drawnView) {
      this.drawnView = key;
      this.drawVeil(view);
    }
  }

  recolour(colours: Colours, s: ReactFlowState): void {
    this.colours = colours;
    this.drawnView = "";
    this.scheduleNodes(s);
    this.sync(s);
  }

  stop(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
  }

  private boundsOf(s: ReactFlowState): Rect | null {
    if (s.nodeLookup.size === 0) return null;
    return getInternalNodesBounds(s.nodeLookup, { filter: (n: InternalNode) => !n.hidden });
  }

  /** The nodes are redrawn at most once a frame (a drag changes them at every pointer move). */
  private scheduleNodes(s: ReactFlowState): void {
    this.latest = s;
    this.drawnNodes = s.nodeLookup;
    this.drawnNodesVersion = s.nodes;
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      if (this.latest) this.drawNodes(this.latest);
    });
  }

  private drawNodes(s: ReactFlowState): void {
    const f = this.frame;
    if (!f) return;
    const c = this.nodes;
    const k = f.scale * this.dpr;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.fillStyle = this.colours.background;
    c.fillRect(0, 0, this.box.width * this.dpr, this.box.height * this.dpr);
    c.fillStyle = this.colours.node;
    for (const n of s.nodeLookup.values()) {
      if (n.hidden) continue;
      const { x, y } = n.internals.positionAbsolute;
      const w = n.measured.width ?? n.width ?? n.initialWidth ?? 0;
      const h = n.measured.height ?? n.height ?? n.initialHeight ?? 0;
      // At least one device pixel, so a node far smaller than a pixel still shows where it is.
      c.fillRect((x - f.left) * k, (y - f.top) * k, Math.max(1, w * k), Math.max(1, h * k));
    }
  }

  private drawVeil(view: Rect): void {
    const f = this.frame;
    if (!f) return;
    const c = this.veil;
    const k = f.scale * this.dpr;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, this.box.width * this.dpr, this.box.height * this.dpr);
    c.fillStyle = this.colours.mask;
    c.fillRect(0, 0, this.box.width * this.dpr, this.box.height * this.dpr);
    c.clearRect((view.x - f.left) * k, (view.y - f.top) * k, view.width * k, view.height * k);
  }
}

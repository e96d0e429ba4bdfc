// How the minimap draws itself from React Flow's state, apart from the component that makes its canvases, so that
// what it draws and when can be tested with a recording context (and a hand-run requestAnimationFrame).
import type { InternalNode, ReactFlowState, Rect } from "@xyflow/react";
import { getInternalNodesBounds } from "@xyflow/system";
import { frameFor, frameStillFits, viewRect, type MiniMapFrame } from "./minimap-frame";

/** What the drawer reads of React Flow's state. */
export type MiniMapState = Pick<ReactFlowState, "nodes" | "nodeLookup" | "transform" | "width" | "height">;

/** The part of a canvas's 2D context the drawer uses. */
export type MiniMapPen = Pick<CanvasRenderingContext2D, "setTransform" | "fillRect" | "clearRect" | "fillStyle">;

export interface MiniMapColours {
  background: string;
  node: string;
  /** A selected node's fill. */
  selected: string;
  mask: string;
}

/** Draws the minimap from React Flow's state: what changed since the last call only. */
export class MiniMapDrawer {
  private frame: MiniMapFrame | null = null;
  private lastBounds: Rect | null = null;
  private drawnNodes: MiniMapState["nodeLookup"] | null = null;
  private drawnNodesVersion: unknown = null;
  private drawnView = "";
  private pending = 0;
  private latest: MiniMapState | null = null;

  constructor(
    private readonly nodes: MiniMapPen,
    private readonly veil: MiniMapPen,
    private readonly box: { width: number; height: number },
    private colours: MiniMapColours,
    /** Device pixels per CSS pixel: the canvases' backing stores are this many times the box. */
    private readonly dpr: number,
  ) {}

  scale(): number {
    return this.frame?.scale ?? 1;
  }

  /** Called on every change of React Flow's store (pans included): returns at once when nothing it draws changed. */
  sync(s: MiniMapState): void {
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

  recolour(colours: MiniMapColours, s: MiniMapState): void {
    this.colours = colours;
    this.drawnView = "";
    this.scheduleNodes(s);
    this.sync(s);
  }

  stop(): void {
    if (this.pending) cancelAnimationFrame(this.pending);
    this.pending = 0;
  }

  private boundsOf(s: MiniMapState): Rect | null {
    if (s.nodeLookup.size === 0) return null;
    return getInternalNodesBounds(s.nodeLookup, { filter: (n: InternalNode) => !n.hidden });
  }

  /** The nodes are redrawn at most once a frame (a drag changes them at every pointer move). */
  private scheduleNodes(s: MiniMapState): void {
    this.latest = s;
    this.drawnNodes = s.nodeLookup;
    this.drawnNodesVersion = s.nodes;
    if (this.pending) return;
    this.pending = requestAnimationFrame(() => {
      this.pending = 0;
      if (this.latest) this.drawNodes(this.latest);
    });
  }

  private drawNodes(s: MiniMapState): void {
    const f = this.frame;
    if (!f) return;
    const c = this.nodes;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.fillStyle = this.colours.background;
    c.fillRect(0, 0, this.box.width * this.dpr, this.box.height * this.dpr);
    c.fillStyle = this.colours.node;
    const selected: InternalNode[] = [];
    for (const n of s.nodeLookup.values()) {
      if (n.hidden) continue;
      if (n.selected) selected.push(n);
      else this.drawNode(n, f, 0);
    }
    // The selected ones last, so no neighbour covers them; a device pixel bigger all round, so that one a few pixels
    // small (a big graph zoomed out) still stands out of the nodes packed around it.
    c.fillStyle = this.colours.selected;
    for (const n of selected) this.drawNode(n, f, this.dpr);
  }

  /**
   * A node's rectangle, grown by `grow` device px each side; at least one device pixel, so a node far smaller than a
   * pixel still shows where it is.
   */
  private drawNode(n: InternalNode, f: MiniMapFrame, grow: number): void {
    const k = f.scale * this.dpr;
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? n.width ?? n.initialWidth ?? 0;
    const h = n.measured.height ?? n.height ?? n.initialHeight ?? 0;
    this.nodes.fillRect(
      (x - f.left) * k - grow,
      (y - f.top) * k - grow,
      Math.max(1, w * k) + 2 * grow,
      Math.max(1, h * k) + 2 * grow,
    );
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

// Issue 18: the minimap shows which nodes are selected (a distinct fill, drawn over the others), and still does no
// per-pan node work: a pan redraws only the veil (the view's rectangle), while nodes moving or the selection changing
// redraw the node layer, at most once a frame. Drawn onto recording contexts, with animation frames run by hand.
import { afterEach, describe, expect, it, vi } from "vitest";
import { MiniMapDrawer, type MiniMapPen, type MiniMapState } from "../../../src/ui/canvas/minimap-drawer";

interface Call {
  op: "fillRect" | "clearRect" | "setTransform";
  fill: string;
  rect: number[];
}

/** A 2D context that only records what is drawn on it, and with which fill. */
class RecordingPen implements MiniMapPen {
  fillStyle: MiniMapPen["fillStyle"] = "";
  calls: Call[] = [];
  setTransform(): void {
    this.calls.push({ op: "setTransform", fill: this.fill(), rect: [] });
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.calls.push({ op: "fillRect", fill: this.fill(), rect: [x, y, w, h] });
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.calls.push({ op: "clearRect", fill: this.fill(), rect: [x, y, w, h] });
  }
  private fill(): string {
    return typeof this.fillStyle === "string" ? this.fillStyle : "a gradient or pattern";
  }
  fills(colour: string): number[][] {
    return this.calls.filter((c) => c.op === "fillRect" && c.fill === colour).map((c) => c.rect);
  }
}

/** Animation frames run by the test: it stands in for the browser's requestAnimationFrame. */
class HandClock {
  private next = 1;
  private waiting = new Map<number, () => void>();
  request(draw: () => void): number {
    this.waiting.set(this.next, draw);
    return this.next++;
  }
  cancel(id: number): void {
    this.waiting.delete(id);
  }
  get pending(): number {
    return this.waiting.size;
  }
  runFrame(): void {
    const due = [...this.waiting.values()];
    this.waiting.clear();
    for (const draw of due) draw();
  }
}

const colours = { background: "#fff", node: "#e2e2e2", selected: "#4f46e5", mask: "rgba(240, 240, 240, 0.6)" };
const box = { width: 200, height: 150 };

interface Spot {
  id: string;
  x: number;
  y: number;
  selected?: boolean;
}

/** React Flow's state as the canvas hands it over after rendering these nodes: new arrays, new node objects. */
function stateOf(spots: Spot[], transform: [number, number, number] = [0, 0, 1]): MiniMapState {
  const nodes = spots.map((s) => ({ id: s.id, position: { x: s.x, y: s.y }, data: {}, selected: !!s.selected }));
  const lookup = new Map(
    nodes.map((n) => [
      n.id,
      {
        ...n,
        measured: { width: 200, height: 100 },
        internals: { positionAbsolute: n.position, z: 0, userNode: n },
      },
    ]),
  );
  return {
    nodes,
    nodeLookup: lookup,
    transform,
    width: 1280,
    height: 720,
  };
}

function setUp() {
  const nodes = new RecordingPen();
  const veil = new RecordingPen();
  const clock = new HandClock();
  vi.stubGlobal("requestAnimationFrame", (draw: () => void) => clock.request(draw));
  vi.stubGlobal("cancelAnimationFrame", (id: number) => clock.cancel(id));
  const drawer = new MiniMapDrawer(nodes, veil, box, colours, 2);
  return { nodes, veil, clock, drawer };
}

const spots: Spot[] = [
  { id: "a", x: 0, y: 0 },
  { id: "b", x: 400, y: 0 },
  { id: "c", x: 0, y: 300 },
];

afterEach(() => vi.unstubAllGlobals());

describe("the minimap's drawer", () => {
  it("draws a selected node in its own colour, over the unselected ones, and only that one", () => {
    const { nodes, clock, drawer } = setUp();
    drawer.sync(stateOf(spots.map((s) => (s.id === "b" ? { ...s, selected: true } : s))));
    clock.runFrame();
    expect(nodes.fills(colours.node)).toHaveLength(2);
    const picked = nodes.fills(colours.selected);
    expect(picked).toHaveLength(1);
    // It is node b's rectangle: right of a's, level with it.
    const [a] = nodes.fills(colours.node);
    expect(picked[0]![0]).toBeGreaterThan(a![0]! + a![2]!);
    expect(Math.abs(picked[0]![1]! - a![1]!)).toBeLessThan(3);
    // Drawn after the unselected nodes, so no neighbour covers it.
    const fillOrder = nodes.calls.filter((c) => c.op === "fillRect").map((c) => c.fill);
    expect(fillOrder.at(-1)).toBe(colours.selected);
  });

  it("with nothing selected, draws no node in the selected colour", () => {
    const { nodes, clock, drawer } = setUp();
    drawer.sync(stateOf(spots));
    clock.runFrame();
    expect(nodes.fills(colours.node)).toHaveLength(3);
    expect(nodes.fills(colours.selected)).toHaveLength(0);
  });

  it("redraws the node layer when the selection changes, and only the veil when the view pans", () => {
    const { nodes, veil, clock, drawer } = setUp();
    const shown = stateOf(spots);
    drawer.sync(shown);
    clock.runFrame();
    nodes.calls = [];
    veil.calls = [];

    // A pan inside the minimap's frame (same nodes, new transform): the view's rectangle moves, no node is drawn.
    drawer.sync({ ...shown, transform: [-40, -25, 1] });
    expect(clock.pending).toBe(0);
    clock.runFrame();
    expect(nodes.calls).toEqual([]);
    expect(veil.calls.length).toBeGreaterThan(0);
    veil.calls = [];

    // b selected (React Flow then holds new node objects): the node layer is redrawn in the next frame, b picked out.
    drawer.sync(
      stateOf(
        spots.map((s) => (s.id === "b" ? { ...s, selected: true } : s)),
        [-40, -25, 1],
      ),
    );
    expect(clock.pending).toBe(1);
    clock.runFrame();
    expect(nodes.fills(colours.selected)).toHaveLength(1);
    expect(nodes.fills(colours.node)).toHaveLength(2);
    // The view did not move: the veil is left alone.
    expect(veil.calls).toEqual([]);
  });

  it("draws the nodes of a drag once a frame, however many moves came in it", () => {
    const { nodes, clock, drawer } = setUp();
    drawer.sync(stateOf(spots));
    clock.runFrame();
    nodes.calls = [];
    for (let step = 1; step <= 5; step++)
      drawer.sync(stateOf(spots.map((s) => (s.id === "a" ? { ...s, x: step * 10, selected: true } : s))));
    expect(clock.pending).toBe(1);
    clock.runFrame();
    // One redraw: one background, three nodes, the last position of the dragged one.
    expect(nodes.fills(colours.background)).toHaveLength(1);
    expect(nodes.fills(colours.node)).toHaveLength(2);
    expect(nodes.fills(colours.selected)).toHaveLength(1);
  });
});

import { useReactFlow } from "@xyflow/react";
import { useMemo, useRef, type RefObject } from "react";
import type { NodeKind, Position, WorkflowNode } from "../../domain/workflow";
import type { EditorStore } from "../../editor/types";
import {
  boundsOf,
  keepInView,
  placeNode,
  shiftClearOf,
  shiftToShow,
  typicalSize,
  type Box,
  type Size,
} from "./free-spot";

/** Screen px kept clear between a placed node and the canvas's edges (or the palette). */
const MARGIN = 16;
/** How long after a node is added the view may still follow its size as it settles (a loaded machine is slow). */
const SETTLING_MS = 5000;
/** Narrower than this beside the palette (a phone), the palette's strip is not left out of the view. */
const ROOM_FOR_A_NODE = 300;

/** Where new nodes go on the canvas, and the view following them there (issue 16 item 8). */
export interface Placement {
  /** Where a palette click puts a node of this kind. */
  forPalette(kind: NodeKind): Position;
  /** `at` (where the pointer was) moved the least so that a node of this kind there is in sight. */
  near(kind: NodeKind, at: Position): Position;
  /** A node was added by the palette or the search box: the next palette node goes right of it; the view follows. */
  added(id: string): void;
  /** Moves the view the least so that these nodes (pasted, duplicated) are in sight. */
  reveal(ids: readonly string[]): void;
  /**
   * React Flow measured some nodes: the nodes just added or revealed were followed with a guess at their size, and
   * are followed again with the real one (and again while they settle: a node's problem list arrives a moment
   * after it, making it taller), until the person moves the view or adds something else.
   */
  measured(): void;
  /** The person moved the view (pan, zoom): the view stops following what was just added. */
  viewMovedByHand(): void;
}

type Measured = ReadonlyMap<string, { width: number; height: number }>;

/**
 * Runs on a click, a drop or a key only (never per pointer move): it reads the canvas's box, the palette's and the
 * nodes' measured sizes at that moment.
 */
export function usePlacement(
  wrapper: RefObject<HTMLDivElement | null>,
  measuredSizes: () => Measured,
  editor: EditorStore,
): Placement {
  const flow = useReactFlow();
  const lastAdded = useRef<string | null>(null);
  const following = useRef<{ ids: readonly string[]; until: number }>({ ids: [], until: 0 });
  return useMemo(() => {
    const nodes = () => editor.getState().doc.nodes;
    const sizeOf = (kind: NodeKind, id?: string): Size => {
      const own = id ? measuredSizes().get(id) : undefined;
      const like = own ?? measuredOfKind(nodes(), kind, measuredSizes());
      return like ? { w: like.width, h: like.height } : typicalSize(kind);
    };
    const boxOf = (n: WorkflowNode): Box => ({ ...n.position, ...sizeOf(n.type, n.id) });
    const view = (): Box => visibleFlowBox(wrapper.current, flow.screenToFlowPosition);
    const minimap = (): Box | undefined => minimapFlowBox(wrapper.current, flow.screenToFlowPosition);
    const follow = (box: Box | undefined) => {
      if (!box) return;
      const v = view();
      const inSight = shiftToShow(box, v);
      const corner = minimap();
      const moved = { ...box, x: box.x - inSight.x, y: box.y - inSight.y };
      const clear = corner ? shiftClearOf(moved, v, corner) : { x: 0, y: 0 };
      const shift = { x: inSight.x + clear.x, y: inSight.y + clear.y };
      if (shift.x === 0 && shift.y === 0) return;
      const { x, y, zoom } = flow.getViewport();
      void flow.setViewport(
        { x: x - shift.x * zoom, y: y - shift.y * zoom, zoom },
        { duration: glideMs(), interpolate: "linear" },
      );
    };
    const byIds = (ids: readonly string[]) => {
      const wanted = new Set(ids);
      return nodes().filter((n) => wanted.has(n.id));
    };
    const show = (ids: readonly string[]) => {
      following.current = { ids, until: performance.now() + SETTLING_MS };
      follow(boundsOf(byIds(ids).map(boxOf)));
    };
    return {
      forPalette(kind) {
        const v = view();
        const last = byIds(lastAdded.current ? [lastAdded.current] : [])[0];
        const after = last ? boxOf(last) : undefined;
        const inSight =
          after && after.x < v.x + v.w && after.x + after.w > v.x && after.y < v.y + v.h && after.y + after.h > v.y;
        const overlays = [minimap()].filter((b): b is Box => !!b);
        return placeNode({
          size: sizeOf(kind),
          view: v,
          boxes: nodes().map(boxOf),
          overlays,
          after: inSight ? after : undefined,
        });
      },
      near: (kind, at) => keepInView(at, sizeOf(kind), view()),
      added(id) {
        lastAdded.current = id;
        show([id]);
      },
      reveal: show,
      measured() {
        const { ids, until } = following.current;
        if (ids.length === 0) return;
        if (performance.now() > until) following.current = { ids: [], until: 0 };
        else if (ids.every((id) => measuredSizes().has(id))) follow(boundsOf(byIds(ids).map(boxOf)));
      },
      viewMovedByHand() {
        following.current = { ids: [], until: 0 };
      },
    };
  }, [editor, flow, measuredSizes, wrapper]);
}

/** A measured size of another node of this kind: a better guess than the typical one (a model's params differ). */
function measuredOfKind(nodes: readonly WorkflowNode[], kind: NodeKind, measured: Measured) {
  for (const n of nodes) {
    const m = n.type === kind ? measured.get(n.id) : undefined;
    if (m) return m;
  }
  return undefined;
}

/** The canvas in sight, in flow coordinates: its box less a margin and, when there is room, the palette's strip. */
function visibleFlowBox(canvas: HTMLElement | null, toFlow: (p: Position) => Position): Box {
  const r = canvas?.getBoundingClientRect() ?? { left: 0, top: 0, right: 1200, bottom: 700 };
  const palette = canvas?.querySelector(".palette")?.getBoundingClientRect();
  let left = r.left + MARGIN;
  if (palette && palette.width > 0 && r.right - palette.right > ROOM_FOR_A_NODE)
    left = Math.max(left, palette.right + MARGIN);
  const a = toFlow({ x: left, y: r.top + MARGIN });
  const b = toFlow({ x: r.right - MARGIN, y: r.bottom - MARGIN });
  return { x: a.x, y: a.y, w: Math.max(0, b.x - a.x), h: Math.max(0, b.y - a.y) };
}

/** The minimap's box in flow coordinates, when it is shown (it floats over the canvas's bottom-right corner). */
function minimapFlowBox(canvas: HTMLElement | null, toFlow: (p: Position) => Position): Box | undefined {
  const r = canvas?.querySelector(".react-flow__minimap")?.getBoundingClientRect();
  if (!r || r.width === 0) return undefined;
  const a = toFlow({ x: r.left - MARGIN, y: r.top - MARGIN });
  const b = toFlow({ x: r.right, y: r.bottom });
  return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
}

/** A short straight glide to the new place (no zooming out on the way), or a jump for those who want less motion. */
// At once, not a glide: a wire or node grabbed while the view still slid would land somewhere else (CI saw it).
const glideMs = () => 0;

import { useReactFlow } from "@xyflow/react";
import { useMemo, useRef, type RefObject } from "react";

type Point = { x: number; y: number };

/** Where the pointer last was over the canvas, and conversions between the page's and the canvas's coordinates. */
export interface CanvasPointer {
  /** Called on pointer moves and releases over the canvas: a ref write, nothing renders. */
  track(e: { clientX: number; clientY: number }): void;
  /** The pointer's last place, in page (client) coordinates. */
  last(): Point;
  /** The pointer's last place if it is over the canvas, else the canvas's centre (page coordinates). */
  pointerOrCentre(): Point;
  /** Page coordinates to px from the canvas's top-left corner. */
  toCanvas(client: Point): Point;
  /** Page coordinates to the flow's coordinates. */
  toFlow(client: Point): Point;
}

export function useCanvasPointer(wrapper: RefObject<HTMLElement | null>): CanvasPointer {
  const flow = useReactFlow();
  const lastPointer = useRef<Point>({ x: 0, y: 0 });
  return useMemo(() => {
    const box = () => wrapper.current?.getBoundingClientRect();
    return {
      track: (e) => {
        lastPointer.current = { x: e.clientX, y: e.clientY };
      },
      last: () => lastPointer.current,
      pointerOrCentre: () => {
        const p = lastPointer.current;
        const r = box();
        if (r && p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom) return p;
        return { x: (r?.left ?? 0) + (r?.width ?? 800) / 2, y: (r?.top ?? 0) + (r?.height ?? 600) / 2 };
      },
      toCanvas: (client) => {
        const r = box();
        return { x: client.x - (r?.left ?? 0), y: client.y - (r?.top ?? 0) };
      },
      toFlow: (client) => flow.screenToFlowPosition(client),
    };
  }, [flow, wrapper]);
}

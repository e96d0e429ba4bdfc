import { useStore as useFlowStore } from "@xyflow/react";
import { createContext, useContext } from "react";

/** Below this zoom the fields are too small to read or use: nodes draw a summary instead (much less DOM). */
export const DETAIL_ZOOM = 0.35;

/**
 * Whether node views draw their fields. The canvas reads the zoom once and hands the answer down, so
 * the node views do not each subscribe to the viewport (1,000 selector calls on every pan frame) and
 * re-render only when the zoom crosses DETAIL_ZOOM. Outside a canvas (tests of one node) nodes are detailed.
 */
export const DetailedContext = createContext(true);

export const useDetailed = (): boolean => useContext(DetailedContext);

/** For the canvas: true while the view's zoom shows node fields. Re-renders its caller only on a crossing. */
export const useZoomShowsDetail = (): boolean => useFlowStore((s) => s.transform[2] >= DETAIL_ZOOM);

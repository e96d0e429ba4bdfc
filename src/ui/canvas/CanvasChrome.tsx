import { Controls, Panel, useReactFlow, type FitViewOptions } from "@xyflow/react";
import { memo, useCallback, useState, type RefObject } from "react";
import { useStore } from "zustand";
import type { Position } from "../../domain/workflow";
import type { AppSettings } from "../settings/settings-store";
import { useServices } from "../services";
import { fitOptions, MINIMAP, type Overlays } from "./canvas-room";
import { LiteMiniMap } from "./LiteMiniMap";
import { estimatedBounds } from "./viewport";
import "./canvas-chrome.css";

/** A palette or minimap never folded or opened by hand follows the screen: folded on a phone, open elsewhere. */
export const isOpen = (chosen: boolean | null): boolean => chosen ?? window.innerWidth >= 600;

function overlaysNow(st: Pick<AppSettings, "paletteOpen" | "minimapOpen">, hasNodes: boolean): Overlays {
  return {
    palette: isOpen(st.paletteOpen) ? "open" : "folded",
    minimap: !hasNodes ? "none" : isOpen(st.minimapOpen) ? "open" : "folded",
  };
}

/** Fit View: the whole graph in the canvas, no node under the palette or the minimap. */
export function useFitView(canvas: RefObject<HTMLElement | null>): () => Promise<boolean> {
  const flow = useReactFlow();
  const { settings } = useServices();
  return useCallback(() => {
    const nodes = flow.getNodes();
    const r = canvas.current?.getBoundingClientRect();
    const bounds = nodes.length > 0 ? flow.getNodesBounds(nodes) : null;
    return flow.fitView(
      fitOptions(bounds, r?.width ?? 0, r?.height ?? 0, overlaysNow(settings.getState(), nodes.length > 0)),
    );
  }, [canvas, flow, settings]);
}

/** Options of React Flow's first fit, chosen before anything is measured (node sizes estimated, canvas from the window). */
export function useFirstFitOptions(
  nodes: readonly { position: Position }[],
  width: number,
  height: number,
): FitViewOptions {
  const { settings } = useServices();
  const [options] = useState(() =>
    fitOptions(estimatedBounds(nodes), width, height, overlaysNow(settings.getState(), nodes.length > 0)),
  );
  return options;
}

/**
 * React Flow's zoom buttons; its Fit View leaves the overlays' room. React Flow fits once per frame with the options
 * of the last request, and onFitView asks right after its own request, so these options are the ones used.
 */
export const CanvasControls = memo(function CanvasControls({ onFit }: { onFit(): void }) {
  return <Controls onFitView={onFit} />;
});

/**
 * The minimap (./LiteMiniMap.tsx: a pan redraws only its view rectangle), absent on an empty canvas, and its fold
 * button above it (kept across reloads in settings). Folded, it is not rendered at all. Memoised: the canvas's renders (a drag's
 * every frame) do not reach it; it renders when the canvas turns empty or not, or the minimap is folded or opened.
 */
export const CanvasMiniMap = memo(function CanvasMiniMap() {
  const { editor, settings } = useServices();
  const hasNodes = useStore(editor, (s) => s.doc.nodes.length > 0);
  const open = isOpen(useStore(settings, (s) => s.minimapOpen));
  if (!hasNodes) return null;
  return (
    <>
      {open && <LiteMiniMap width={MINIMAP.width} height={MINIMAP.height} />}
      <Panel
        position="bottom-right"
        className="minimap-toggle"
        style={{ marginBottom: MINIMAP.inset + (open ? MINIMAP.height + MINIMAP.gap : 0) }}
      >
        <button
          type="button"
          aria-label={open ? "Hide minimap" : "Show minimap"}
          aria-expanded={open}
          title={open ? "Hide the minimap" : "Show the minimap"}
          onClick={() => void settings.getState().update({ minimapOpen: !open })}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
            <rect x="7" y="7" width="5" height="4" fill="currentColor" />
          </svg>
        </button>
      </Panel>
    </>
  );
});

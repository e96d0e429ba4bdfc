import { ControlButton, Controls, MiniMap, Panel, useReactFlow, type FitViewOptions } from "@xyflow/react";
import { memo, useCallback, useState, type RefObject } from "react";
import { useStore } from "zustand";
import type { Position } from "../../domain/workflow";
import type { AppSettings } from "../settings/settings-store";
import { useServices } from "../services";
import { fitOptions, MINIMAP, type Overlays } from "./canvas-room";
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
    return flow.fitView(fitOptions(bounds, r?.width ?? 0, r?.height ?? 0, overlaysNow(settings.getState(), nodes.length > 0)));
  }, [canvas, flow, settings]);
}

/** Options of React Flow's first fit, chosen before anything is measured (node sizes estimated, canvas from the window). */
export function useFirstFitOptions(nodes: readonly { position: Position }[], width: number, height: number): FitViewOptions {
  const { settings } = useServices();
  const [options] = useState(() => fitOptions(estimatedBounds(nodes), width, height, overlaysNow(settings.getState(), nodes.length > 0)));
  return options;
}

/** React Flow's zoom buttons, with a Fit View that leaves the overlays' room. Memoised: not redrawn per drag frame. */
export const CanvasControls = memo(function CanvasControls({ onFit }: { onFit(): void }) {
  return (
    <Controls showFitView={false}>
      <ControlButton className="react-flow__controls-fitview" title="Fit View" aria-label="Fit View" onClick={onFit}>
        <svg viewBox="0 0 32 30" aria-hidden="true">
          <path d="M3.7 4.6c0-.5.4-.9.9-.9h5.2V0H4.7C2.1 0 0 2.1 0 4.6v5.2h3.7V4.6zM27.4 0h-5.2v3.7h5.2c.5 0 1 .4 1 .9v5.2H32V4.6C32 2.1 29.9 0 27.4 0zm.9 24.8c0 .5-.4.9-.9.9h-5.2v3.8h5.2c2.6 0 4.6-2.1 4.6-4.7v-5.1h-3.7v5.1zm-23.7.9c-.5 0-.9-.4-.9-.9v-5.1H0v5.1c0 2.6 2.1 4.7 4.7 4.7h5.1v-3.8H4.6z" />
        </svg>
      </ControlButton>
    </Controls>
  );
});

const MINIMAP_SIZE = { width: MINIMAP.width, height: MINIMAP.height };

/**
 * The minimap, absent on an empty canvas, and its fold button above it (kept across reloads in settings). Folded, it
 * is not rendered at all: nothing of it is redrawn while the view pans. Memoised: the canvas's renders (a drag's
 * every frame) do not reach it; it renders when the canvas turns empty or not, or the minimap is folded or opened.
 */
export const CanvasMiniMap = memo(function CanvasMiniMap() {
  const { editor, settings } = useServices();
  const hasNodes = useStore(editor, (s) => s.doc.nodes.length > 0);
  const open = isOpen(useStore(settings, (s) => s.minimapOpen));
  if (!hasNodes) return null;
  return (
    <>
      {open && <MiniMap pannable zoomable ariaLabel="Mini map" style={MINIMAP_SIZE} />}
      <Panel position="bottom-right" className="minimap-toggle" style={{ marginBottom: MINIMAP.inset + (open ? MINIMAP.height + MINIMAP.gap : 0) }}>
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

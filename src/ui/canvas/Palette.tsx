import { useStore } from "zustand";
import { NODE_KINDS, type NodeKind } from "../../domain/workflow";
import { getDefinition } from "../../nodes/registry";
import { useServices } from "../services";
import { PALETTE } from "./canvas-room";
import { isOpen } from "./CanvasChrome";

/**
 * Buttons for each node kind; a click adds one in the middle of the view. Draggable onto the canvas. Folds to one
 * button (kept across reloads in settings); its size is fixed (canvas-room.ts) so Fit View leaves it room.
 */
export function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  const { settings } = useServices();
  const open = isOpen(useStore(settings, (s) => s.paletteOpen));
  return (
    <nav
      className={open ? "palette" : "palette folded"}
      aria-label="Node palette"
      style={{ left: PALETTE.inset, top: PALETTE.inset, width: open ? PALETTE.width : PALETTE.foldedWidth }}
    >
      <div className="palette-head">
        {open && <span className="palette-title">Add node</span>}
        <button
          type="button"
          className="palette-toggle"
          aria-label={open ? "Hide node palette" : "Show node palette"}
          aria-expanded={open}
          aria-controls={open ? "palette-kinds" : undefined}
          title={open ? "Fold the palette away" : "Show the node palette"}
          onClick={() => void settings.getState().update({ paletteOpen: !open })}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d={open ? "M10 3 5 8l5 5" : "M8 3v10M3 8h10"} fill="none" stroke="currentColor" strokeWidth="1.8" />
          </svg>
        </button>
      </div>
      {open && (
        <div id="palette-kinds" className="palette-kinds">
          {NODE_KINDS.map((kind) => (
            <KindButton key={kind} kind={kind} onAdd={onAdd} />
          ))}
          <div className="hint">
            or press <kbd>/</kbd>
          </div>
        </div>
      )}
    </nav>
  );
}

function KindButton({ kind, onAdd }: { kind: NodeKind; onAdd(kind: NodeKind): void }) {
  const def = getDefinition(kind);
  return (
    <button
      type="button"
      title={def.description}
      aria-label={`Add ${def.title}`}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData("application/x-reelflow-kind", kind);
        e.dataTransfer.effectAllowed = "copy";
      }}
      onClick={() => onAdd(kind)}
    >
      {def.title}
    </button>
  );
}

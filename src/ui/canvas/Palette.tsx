import { NODE_KINDS, type NodeKind } from "../../domain/workflow";
import { getDefinition } from "../../nodes/registry";

/** Buttons for each node kind; a click adds one in the middle of the view. Draggable onto the canvas. */
export function Palette({ onAdd }: { onAdd(kind: NodeKind): void }) {
  return (
    <nav className="palette" aria-label="Node palette">
      <div className="palette-title">Add node</div>
      {NODE_KINDS.map((kind) => {
        const def = getDefinition(kind);
        return (
          <button
            key={kind}
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
      })}
      <div className="hint" style={{ maxWidth: 120 }}>
        or press <kbd>/</kbd>
      </div>
    </nav>
  );
}

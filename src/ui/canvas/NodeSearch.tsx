import { useEffect, useMemo, useRef, useState } from "react";
import { catalog, searchCatalog, type CatalogEntry, type WireEnd } from "./node-catalog";

interface Props {
  /** Screen position (inside the canvas) to show the box at. */
  at: { x: number; y: number };
  /** Set when opened by dropping a wire: only compatible kinds are offered. */
  wire: WireEnd | null;
  onPick(entry: CatalogEntry): void;
  onClose(): void;
}

/** Type to find a node kind or model; Enter adds the highlighted one. */
export function NodeSearch({ at, wire, onPick, onClose }: Props) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const all = useMemo(() => catalog(), []);
  const found = useMemo(() => searchCatalog(all, query, wire), [all, query, wire]);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    // The dialog's keys (Escape, arrows, Enter) are handled on the dialog itself, as the WAI-ARIA dialog pattern does.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className="search-box"
      role="dialog"
      aria-label="Add node"
      style={{ left: at.x, top: at.y }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Escape") onClose();
        else if (e.key === "ArrowDown") setActive((a) => Math.min(found.length - 1, a + 1));
        else if (e.key === "ArrowUp") setActive((a) => Math.max(0, a - 1));
        else if (e.key === "Enter") {
          const pick = found[active];
          if (pick) onPick(pick);
        }
      }}
    >
      <input
        ref={input}
        aria-label="Search nodes"
        placeholder={
          wire ? `Nodes that take ${wire.from === "source" ? "" : "give "}${wire.type}…` : "Search nodes and models…"
        }
        value={query}
        onChange={(e) => {
          // A new query's list starts at its first match.
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={(e) => {
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) onClose();
        }}
      />
      <ul role="listbox" aria-label="Matching nodes">
        {found.length === 0 && <li className="hint">Nothing matches.</li>}
        {found.map((e, i) => (
          <li key={e.key}>
            <button
              type="button"
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : ""}
              onMouseDown={(ev) => ev.preventDefault()}
              onClick={() => onPick(e)}
            >
              {e.title}
              <span className="desc">{e.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

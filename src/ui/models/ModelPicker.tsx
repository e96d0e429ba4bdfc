import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { GenerationKind } from "../../domain/workflow";
import type { ModelAdapter } from "../../nodes/types";
import { VIDEO_ACTIONS } from "../../nodes/video-action";
import { AnotherEndpoint, wrongKind } from "./AnotherEndpoint";
import type { ModelEntry } from "./model-list";
import type { ModelSource } from "./model-source";
import { usePickerModels, type PickerModels } from "./use-picker-models";
import "./models.css";
import { messageOf } from "../../domain/message-of";

export interface ModelPickerProps {
  kind: GenerationKind;
  /** The dialog's name, e.g. "Model of t2v-1". */
  title: string;
  /** The node's model now: marked in the list. */
  current?: string;
  source: ModelSource;
  /** A model of this kind was chosen and is known to the registry (catalogue models were resolved first). */
  onPick(adapter: ModelAdapter): void;
  onClose(): void;
}

/**
 * The model picker: a search box over the models of one node kind (curated first, then fal's catalogue,
 * then fal's live search), each with its price per second and where it comes from. Type to filter, arrows
 * to move, Enter to pick, Escape to close; "Use another fal endpoint…" takes any endpoint id.
 */
export function ModelPicker({ kind, title, current, source, onPick, onClose }: ModelPickerProps) {
  const baseId = useId();
  const [query, setQuery] = useState("");
  const models = usePickerModels(kind, source, query);
  const [active, setActive] = useState(0);
  const [picking, setPicking] = useState<{ endpoint: string; problem?: string } | null>(null);
  const at = Math.min(active, Math.max(0, models.rows.length - 1));

  async function pick(entry: ModelEntry) {
    if (entry.curated && entry.adapter) return onPick(entry.adapter);
    setPicking({ endpoint: entry.endpoint });
    const found = await source
      .resolve(entry.endpoint)
      .catch((e: unknown) => ({ ok: false as const, reason: messageOf(e) }));
    if (found.ok && found.adapter.kind === kind) return onPick(found.adapter);
    setPicking({ endpoint: entry.endpoint, problem: found.ok ? wrongKind(found.adapter, kind) : found.reason });
  }

  const onKeys = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = models.rows.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, at + 1),
      ArrowUp: Math.max(0, at - 1),
      Home: 0,
      End: last,
    };
    if (e.key in moves) {
      e.preventDefault();
      setActive(Math.max(0, moves[e.key] ?? 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const entry = models.rows[at];
      if (entry) void pick(entry);
    }
  };

  return (
    <div
      className="takes-overlay"
      role="presentation"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <section
        className="takes-dialog model-picker"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="model-picker"
      >
        <h2>
          {title}
          <button type="button" aria-label="Close model picker" onClick={onClose}>
            ×
          </button>
        </h2>
        <input
          autoFocus
          className="model-search"
          type="search"
          role="combobox"
          aria-label="Search models"
          aria-expanded="true"
          aria-controls={`${baseId}-list`}
          aria-activedescendant={models.rows[at] ? `${baseId}-${at}` : undefined}
          placeholder="Type to filter: name, endpoint, family…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeys}
        />
        <ModelRows baseId={baseId} rows={models.rows} active={at} current={current} onPick={(e) => void pick(e)} />
        <PickerStatus models={models} picking={picking} />
        <AnotherEndpoint
          kind={kind}
          source={source}
          initial={query.includes("/") ? query.trim() : ""}
          onPick={onPick}
        />
      </section>
    </div>
  );
}

function ModelRows({
  baseId,
  rows,
  active,
  current,
  onPick,
}: {
  baseId: string;
  rows: ModelEntry[];
  active: number;
  current?: string;
  onPick(e: ModelEntry): void;
}) {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const el = list.current?.children[active];
    el?.scrollIntoView?.({ block: "nearest" });
  }, [active]);
  return (
    <ul className="model-rows" role="listbox" id={`${baseId}-list`} aria-label="Models" ref={list}>
      {rows.map((e, i) => (
        // Options are never focused: the keyboard picks them from the search field (arrows, Enter), which points at
        // the active one with aria-activedescendant, as the WAI-ARIA combobox pattern does. A click is the mouse's way.
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events
        <li
          key={e.endpoint}
          id={`${baseId}-${i}`}
          role="option"
          aria-selected={i === active}
          data-endpoint={e.endpoint}
          data-current={e.endpoint === current || undefined}
          onMouseDown={(ev) => ev.preventDefault()}
          onClick={() => onPick(e)}
        >
          <span className="model-row-label">
            {e.label}
            {e.endpoint === current && <span className="hint"> (now)</span>}
          </span>
          <span className="model-row-price" title={e.basis}>
            {e.price}
          </span>
          <span className="model-row-mark">
            {e.mark}
            {e.retired && " · retired"}
            {e.action && (
              <>
                {" · "}
                <span data-testid="row-action">{VIDEO_ACTIONS[e.action].verb}</span>
              </>
            )}
          </span>
          <span className="model-row-endpoint">{e.endpoint}</span>
        </li>
      ))}
    </ul>
  );
}

function PickerStatus({
  models,
  picking,
}: {
  models: PickerModels;
  picking: { endpoint: string; problem?: string } | null;
}) {
  const lines: string[] = [];
  if (models.rows.length === 0) lines.push("No model matches: try other words, or use another fal endpoint below.");
  if (models.more > 0) lines.push(`${models.more} more: refine the search.`);
  if (models.catalogue.state === "loading") lines.push("Loading fal's catalogue…");
  if (models.catalogue.state === "failed")
    lines.push(`fal's catalogue could not be read (${models.catalogue.message}); curated models only.`);
  if (models.live?.state === "loading") lines.push("Searching fal…");
  if (models.live?.state === "failed")
    lines.push(`fal's live search failed (${models.live.message}); showing what is known here.`);
  if (picking)
    lines.push(
      picking.problem ? `${picking.endpoint} cannot be used: ${picking.problem}` : `Loading ${picking.endpoint}…`,
    );
  return (
    <div className="hint model-status" role="status" aria-live="polite">
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
    </div>
  );
}

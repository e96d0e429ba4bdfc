import { memo, useCallback, useEffect, useState } from "react";
import { useStore } from "zustand";
import type { NodeId, WorkflowId } from "../../../domain/ids";
import { isGenerationNode } from "../../../domain/workflow";
import { nodeById } from "../../../editor/document";
import type { Bill } from "../../../engine/bill";
import { useObjectUrl } from "../../hooks/use-object-url";
import { whenIdle } from "../../hooks/when-idle";
import { billTotalText } from "../../money/format";
import { useServices } from "../../services";
import type { TakeRef } from "../compare/selection";
import type { StoredTake, TakeService } from "../take-service";
import { messageOf } from "../../../domain/message-of";

/**
 * What a take strip draws once its node has takes, loaded on demand (./strip-body-on-demand.ts): most nodes
 * of a first screen have none, and this is not needed to draw them. A reopened workflow with takes has it
 * loaded before its first frame, with its first plan (src/ui/app/start/compose.ts).
 */

const idle = () => new Promise<void>((resolve) => whenIdle(resolve));

export interface StripBodyProps {
  nodeId: NodeId;
  workflowId: WorkflowId;
  list: readonly StoredTake[];
  takes: TakeService;
}

/** The strip of a node that has takes (or a pin): its thumbnails, pin, stale marker and "New take". */
export function StripBody({ nodeId, workflowId, list, takes }: StripBodyProps) {
  const { editor, runs, toasts, views } = useServices();
  // What flows downstream is the take the plan hands on (the chosen, pinned or latest take; for an image node, the
  // chosen image of its result: the plan's outputKey, not the result's key).
  const plannedKey = useStore(runs, (s) => {
    const key = s.keys[nodeId];
    const n = s.plan?.nodes.get(nodeId);
    return n?.role === "generation" && n.key === key ? n.outputKey : key;
  });
  const chosenKey = useStore(editor, (s) => {
    const n = nodeById(s.doc, nodeId);
    return n && isGenerationNode(n) ? (n.data.take?.key ?? null) : null;
  });
  const pinned = useStore(editor, (s) => {
    const n = nodeById(s.doc, nodeId);
    return n !== undefined && isGenerationNode(n) && n.data.pinned === true;
  });
  const stale = useStore(runs, (s) => {
    const n = s.plan?.nodes.get(nodeId);
    return n?.role === "generation" && n.pinned && n.stale;
  });
  // Which of this node's takes are ticked for comparison, as one string (re-render only on a change here).
  const ticked = useStore(views.compareSelection, (s) =>
    s.refs
      .filter((r) => r.workflowId === workflowId && r.nodeId === nodeId)
      .map((r) => r.key)
      .join("\u0000"),
  );
  const flowing = plannedKey ?? chosenKey;

  const choose = useCallback(
    (take: StoredTake) => {
      const r = editor.getState().chooseTake(nodeId, take);
      if (!r.ok) toasts.getState().show(r.reason, { tone: "error" });
    },
    [editor, nodeId, toasts],
  );
  const togglePin = () => {
    const current = list.find((t) => t.key === flowing);
    const r = editor
      .getState()
      .setPinned(nodeId, !pinned, !pinned && current ? { key: current.key, variant: current.variant } : undefined);
    if (!r.ok) toasts.getState().show(r.reason, { tone: "error" });
  };

  return (
    <div className="take-strip nodrag" data-testid={`take-strip-${nodeId}`} aria-label={`Takes of ${nodeId}`}>
      <div className="take-row">
        {list.map((take, index) => (
          <TakeItem
            key={take.key}
            take={take}
            index={index}
            chosen={take.key === flowing}
            compared={ticked.split("\u0000").includes(take.key)}
            takes={takes}
            onChoose={choose}
          />
        ))}
      </div>
      <div className="take-actions">
        <button
          type="button"
          className={pinned ? "pinned" : ""}
          aria-pressed={pinned}
          data-testid={`pin-${nodeId}`}
          title={
            pinned
              ? "Pinned: this node never re-runs; downstream gets its take. Click to unpin."
              : "Pin the chosen take: never re-run this node"
          }
          onClick={togglePin}
        >
          {pinned ? "Pinned" : "Pin"}
        </button>
        {stale && (
          <span
            className="take-stale"
            data-testid={`stale-${nodeId}`}
            title="Its inputs or params changed since this take was made; pinned, it is kept as it is."
          >
            stale
          </span>
        )}
        <NewTake nodeId={nodeId} pinned={pinned} />
      </div>
    </div>
  );
}

const TakeItem = memo(function TakeItem({
  take,
  index,
  chosen,
  compared,
  takes,
  onChoose,
}: {
  take: StoredTake;
  index: number;
  chosen: boolean;
  compared: boolean;
  takes: TakeService;
  onChoose(take: StoredTake): void;
}) {
  const ref: TakeRef = { workflowId: take.workflowId, nodeId: take.nodeId, key: take.key };
  // Read when the page is idle, unless the start already read it (a reopened workflow): each thumbnail arriving on its
  // own repaints a page that may be busy laying out fifty nodes' videos, so the first frame shows them or they wait.
  const { media, views } = useServices();
  const thumb = useObjectUrl(
    take.thumbnailHash ? () => idle().then(() => takes.thumbnail(ref)) : null,
    [take.key, take.thumbnailHash],
    () => (take.thumbnailHash ? media.blobAtHand?.(take.thumbnailHash) : undefined),
  );
  useEffect(() => {
    // A missing thumbnail is made (a video decoded) when the page is idle: at open, the nodes' own videos come first.
    if (!take.thumbnailHash) return whenIdle(() => takes.ensureThumbnail(take));
  }, [take, takes]);
  const label = `Take ${index + 1}${take.image !== undefined ? ` (image ${take.image + 1})` : ""}${take.sweep ? ` (${take.sweep.param} ${String(take.sweep.value)})` : ""}${take.costUsd ? `, $${take.costUsd.toFixed(2)}` : ""}${chosen ? ", chosen" : ""}`;
  return (
    <div className="take" data-chosen={chosen ? "true" : "false"}>
      <button
        type="button"
        className="take-thumb"
        data-testid={`take-${take.nodeId}-${index}`}
        data-chosen={chosen ? "true" : "false"}
        aria-label={label}
        title={`${label}\n${take.createdAt}`}
        onClick={() => onChoose(take)}
      >
        {thumb.url ? (
          <img src={thumb.url} alt="" draggable={false} />
        ) : (
          <span className="take-number">{index + 1}</span>
        )}
      </button>
      <div className="take-tools">
        <input
          type="checkbox"
          checked={compared}
          aria-label={`Compare take ${index + 1}`}
          data-testid={`compare-toggle-${take.nodeId}-${index}`}
          onChange={() => views.compareSelection.getState().toggle(ref)}
        />
        <button
          type="button"
          className="take-lineage"
          aria-label={`Lineage of take ${index + 1}`}
          data-testid={`lineage-${take.nodeId}-${index}`}
          onClick={() =>
            views.lineage.setState({ ref: { workflowId: ref.workflowId, nodeId: ref.nodeId, key: ref.key } })
          }
        >
          ⤷
        </button>
      </div>
    </div>
  );
});

/** "New take": the bill of exactly that run first, then Send. */
function NewTake({ nodeId, pinned }: { nodeId: NodeId; pinned: boolean }) {
  const { runner, runs, settings } = useServices();
  const busy = useStore(runs, (s) => s.busy);
  const simulated = useStore(settings, (s) => s.mode === "demo");
  const [offer, setOffer] = useState<{ variant: string; bill: Bill } | { error: string } | null>(null);

  const ask = async () => {
    const variant = crypto.randomUUID();
    const res = await runner
      .billOfNewTake(nodeId, variant)
      .catch((e: unknown) => ({ ok: false as const, message: messageOf(e) }));
    setOffer(res.ok ? { variant, bill: res.bill } : { error: res.message });
  };
  const send = (variant: string) => {
    setOffer(null);
    void runner.newTake(nodeId, variant);
  };

  if (!offer) {
    return (
      <button
        type="button"
        data-testid={`new-take-${nodeId}`}
        disabled={busy || pinned}
        title={
          pinned ? "Unpin to make a new take" : "Run this node again, unchanged, for another take: paid on purpose"
        }
        onClick={() => void ask()}
      >
        New take
      </button>
    );
  }
  if ("error" in offer) {
    return (
      <span className="take-bill" role="alert" data-testid={`new-take-bill-${nodeId}`}>
        Nothing can run: {offer.error}{" "}
        <button type="button" onClick={() => setOffer(null)}>
          OK
        </button>
      </span>
    );
  }
  const entry = offer.bill.entries.find((e) => e.nodeId === nodeId);
  return (
    <span className="take-bill" data-testid={`new-take-bill-${nodeId}`}>
      {simulated ? "$0 · simulated" : billTotalText(offer.bill)}
      {entry ? ` · ${entry.basis}` : ""}
      <button type="button" className="primary" disabled={busy} onClick={() => send(offer.variant)}>
        Send
      </button>
      <button type="button" onClick={() => setOffer(null)}>
        Cancel
      </button>
    </span>
  );
}

import { useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "zustand";
import type { Take } from "../../../domain/take";
import type { ParamValue } from "../../../domain/workflow";
import { paramDiffs } from "../../../engine/takes";
import { findAdapter } from "../../../nodes/registry";
import { usdText } from "../../money/format";
import { useServices } from "../../services";
import { TakesDialogFrame } from "../TakesDialogFrame";
import type { TakeRef } from "./selection";
import { createSyncGroup, type SyncGroupState } from "./sync-playback";
import { messageOf } from "../../../domain/message-of";

/** Where the dialog gets takes and their videos (the app's take service and result cache; tests pass their own). */
export interface CompareSources {
  take(ref: TakeRef): Promise<Take | undefined>;
  /** A URL of the take's video or image (a local copy when kept), and how to let it go. */
  video(take: Take): Promise<TakeMedia | null>;
}

/** A take's media: a video to play, or (a take of an image node) its image. Absent kind: a video. */
export interface TakeMedia {
  url: string;
  release(): void;
  kind?: "video" | "image";
}

/** Mounted once in the app: the Compare dialog over the selected takes while it is open. */
export function CompareDialogHost({ sources }: { sources: CompareSources | null }) {
  const { views } = useServices();
  const open = useStore(views.compare, (s) => s.open);
  const refs = useStore(views.compareSelection, (s) => s.refs);
  if (!open) return null;
  return <CompareDialog refs={refs} sources={sources} onClose={() => views.compare.setState({ open: false })} />;
}

type Loaded = { ref: TakeRef; take: Take | null; url: string | null; image?: boolean; problem?: string };

export function CompareDialog({
  refs,
  sources,
  onClose,
}: {
  refs: readonly TakeRef[];
  sources: CompareSources | null;
  onClose(): void;
}) {
  const [loaded, setLoaded] = useState<Loaded[] | null>(null);
  const refsKey = refs.map((r) => `${r.workflowId}/${r.nodeId}/${r.key}`).join("|");

  useEffect(() => {
    if (!sources) return;
    let alive = true;
    const releases: (() => void)[] = [];
    setLoaded(null);
    void Promise.all(
      refs.map(async (ref): Promise<Loaded> => {
        try {
          const take = await sources.take(ref);
          if (!take) return { ref, take: null, url: null, problem: "this take is no longer stored here" };
          const video = await sources.video(take);
          if (video) releases.push(video.release);
          return {
            ref,
            take,
            url: video?.url ?? null,
            image: video?.kind === "image",
            ...(video ? {} : { problem: "its video is no longer stored here" }),
          };
        } catch (e) {
          return { ref, take: null, url: null, problem: messageOf(e) };
        }
      }),
    ).then((list) => {
      if (alive) setLoaded(list);
      else for (const r of releases) r();
    });
    return () => {
      alive = false;
      for (const r of releases) r();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sources, refsKey]);

  const takes = useMemo(() => (loaded ?? []).flatMap((l) => (l.take ? [l.take] : [])), [loaded]);
  const diffs = useMemo(() => (takes.length >= 2 ? paramDiffs(takes) : []), [takes]);

  return (
    <TakesDialogFrame kind="compare" label="Compare takes" title={`Compare ${refs.length} takes`} onClose={onClose}>
      {!sources ? (
        <p className="hint">Takes are not available here.</p>
      ) : refs.length < 2 ? (
        <p className="hint">Tick two to four takes (of one node or of sibling nodes) to compare them.</p>
      ) : !loaded ? (
        <p className="hint">Loading the takes…</p>
      ) : (
        <>
          <SyncedVideos items={loaded} />
          <DiffTable takes={takes} diffs={diffs} />
        </>
      )}
    </TakesDialogFrame>
  );
}

const fmtTime = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

function SyncedVideos({ items }: { items: readonly Loaded[] }) {
  const group = useMemo(() => createSyncGroup(), []);
  const elements = useRef<(HTMLVideoElement | null)[]>([]);
  const [state, setState] = useState<SyncGroupState>(group.state());
  const urlsKey = items.map((i) => i.url ?? "").join("|");

  useEffect(() => group.subscribe(setState), [group]);
  useEffect(() => {
    group.setMembers(elements.current.filter((e): e is HTMLVideoElement => e !== null));
    // The group holds its play state; the timer enforces it and pulls drifting videos back.
    const timer = setInterval(() => group.tick(), 250);
    return () => {
      clearInterval(timer);
      group.pause();
      group.setMembers([]);
    };
  }, [group, urlsKey]);

  return (
    <>
      <div className="compare-grid">
        {items.map((item, i) => (
          <figure key={`${item.ref.nodeId}/${item.ref.key}`} data-testid="compare-take" data-node-id={item.ref.nodeId}>
            {item.url && item.image ? (
              <img src={item.url} alt="" data-testid="compare-image" />
            ) : item.url ? (
              <video
                ref={(el) => {
                  elements.current[i] = el;
                }}
                src={item.url}
                muted
                playsInline
                preload="auto"
                data-testid="compare-video"
                onLoadedMetadata={() => group.tick()}
                onEnded={() => group.tick()}
              />
            ) : (
              <div className="hint">{item.problem ?? "No video"}</div>
            )}
            <figcaption>{item.take ? captionOf(item.take) : item.ref.nodeId}</figcaption>
          </figure>
        ))}
      </div>
      {/* Images hold still: the transport is for the videos among the takes. */}
      {items.some((i) => i.url && !i.image) && <Transport group={group} state={state} />}
    </>
  );
}

function Transport({ group, state }: { group: ReturnType<typeof createSyncGroup>; state: SyncGroupState }) {
  return (
    <div className="compare-transport">
      <button
        type="button"
        data-testid="compare-play"
        aria-label={state.playing ? "Pause all" : "Play all"}
        onClick={() => group.toggle()}
      >
        {state.playing ? "Pause" : "Play"}
      </button>
      <input
        type="range"
        aria-label="Seek all"
        min={0}
        max={state.duration || 0}
        step={0.05}
        value={Math.min(state.time, state.duration || 0)}
        onChange={(e) => group.seek(Number(e.target.value))}
      />
      <span className="hint">
        {fmtTime(state.time)} / {fmtTime(state.duration)}
      </span>
    </div>
  );
}

const modelLabel = (endpoint: string) => findAdapter(endpoint)?.label ?? endpoint;

function captionOf(t: Take): string {
  const parts = [t.nodeId, modelLabel(t.endpoint)];
  if (t.image !== undefined) parts.push(`image ${t.image + 1}`);
  if (t.sweep) parts.push(`${t.sweep.param} = ${String(t.sweep.value)}`);
  parts.push(t.costUsd === null ? "price unknown" : usdText(t.costUsd));
  parts.push(new Date(t.createdAt).toLocaleTimeString());
  return parts.join(" · ");
}

const cellText = (name: string, v: ParamValue | null) =>
  v === null ? "—" : name === "endpoint" ? modelLabel(String(v)) : String(v);

function DiffTable({
  takes,
  diffs,
}: {
  takes: readonly Take[];
  diffs: readonly { name: string; values: readonly (ParamValue | null)[] }[];
}) {
  if (takes.length < 2)
    return <p className="hint">Fewer than two of these takes are stored, so there is nothing to set side by side.</p>;
  if (diffs.length === 0)
    return (
      <p className="hint" data-testid="compare-diff">
        Same model, prompt and params: only the generation differs.
      </p>
    );
  return (
    <table className="compare-diff" aria-label="Differences" data-testid="compare-diff">
      <thead>
        <tr>
          <th>Differs</th>
          {takes.map((t, i) => (
            <th key={`${t.nodeId}/${t.key}`}>
              {i + 1}. {t.nodeId}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => (
          <tr key={d.name} data-testid="compare-diff-row" data-param={d.name}>
            <th>{d.name === "endpoint" ? "model" : d.name}</th>
            {d.values.map((v, i) => (
              <td key={i}>{cellText(d.name, v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

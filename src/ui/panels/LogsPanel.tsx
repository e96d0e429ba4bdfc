import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { KeptJobLog } from "../../engine/ports";
import type { CacheKey, NodeId } from "../../domain/ids";
import { isGenerationNode } from "../../domain/workflow";
import type { LogLine } from "../../engine/ports";
import type { NodeRunState } from "../../engine/run-state";
import { useServices } from "../services";
import { useEscapeCloses } from "./escape-closes";

/**
 * fal's log lines per node (the one chosen with a node's Logs button, or every node). A node this page ran shows
 * its lines as they come; any other (after a reload, or served from the cache) shows the log kept with the
 * result its node has now, when one was kept (src/adapters/db/job-logs.ts: the newest 200 lines, 32 kB at most).
 */
export default function LogsPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const { runs, editor } = useServices();
  const logsFor = useStore(runs, (s) => s.logsFor);
  const nodes = useStore(runs, (s) => s.run.nodes);
  const generationIds = useStore(
    editor,
    useShallow((s) => s.doc.nodes.filter(isGenerationNode).map((n) => n.id)),
  );
  const ids = logsFor ? [logsFor] : [...new Set([...(Object.keys(nodes) as NodeId[]), ...generationIds])];
  return (
    <aside className="side logs" aria-label="Logs panel">
      <h2>
        Logs{logsFor ? ` · ${logsFor}` : ""}
        <span>
          {logsFor && (
            <button type="button" onClick={() => runs.setState({ logsFor: null })}>
              All
            </button>
          )}{" "}
          <button type="button" aria-label="Close logs" onClick={onClose}>
            ×
          </button>
        </span>
      </h2>
      {ids.length === 0 && <p className="hint">No logs yet: run a node.</p>}
      {ids.map((id) => (
        <NodeLog key={id} id={id} live={nodes[id]} alone={logsFor !== null} />
      ))}
    </aside>
  );
}

/** One node's lines: this page's run of it when that said anything, else the log kept with its result. */
function NodeLog({ id, live, alone }: { id: NodeId; live: NodeRunState | undefined; alone: boolean }) {
  const key = useStore(useServices().runs, (s) => s.keys[id]);
  const liveSaid =
    live !== undefined &&
    (live.logs.length > 0 || live.status === "queued" || live.status === "running" || live.error !== undefined);
  const kept = useKeptLog(liveSaid ? undefined : key);
  if (live && liveSaid) {
    const title = `${id} · ${live.status}${live.requestId ? ` · ${live.requestId}` : ""}`;
    return (
      <LogSection title={title} lines={live.logs} dropped={live.droppedLogLines ?? 0} error={live.error?.message} />
    );
  }
  if (kept === "loading") return null;
  if (!kept) return alone ? <p className="hint">No log kept for {id}'s result: run it to see fal's lines.</p> : null;
  const title = `${id} · ${kept.status}${kept.requestId ? ` · ${kept.requestId}` : ""}`;
  return (
    <>
      <LogSection title={title} lines={kept.lines} dropped={kept.droppedLines} />
      <p className="hint">Log kept from the run of {kept.endedAt.slice(0, 16).replace("T", " ")} UTC.</p>
    </>
  );
}

/** The log kept for `key` in this mode; "loading" until read, undefined when there is none (or no key). */
function useKeptLog(key: CacheKey | undefined): KeptJobLog | undefined | "loading" {
  const { logs } = useServices();
  const [kept, setKept] = useState<{ key: CacheKey; log: KeptJobLog | undefined } | null>(null);
  useEffect(() => {
    if (!key || !logs) return;
    let live = true;
    logs.get(key).then(
      (log) => live && setKept({ key, log }),
      () => live && setKept({ key, log: undefined }),
    );
    return () => {
      live = false;
    };
  }, [key, logs]);
  if (!key || !logs) return undefined;
  return kept?.key === key ? kept.log : "loading";
}

function LogSection({
  title,
  lines,
  dropped,
  error,
}: {
  title: string;
  lines: readonly LogLine[];
  dropped: number;
  error?: string;
}) {
  return (
    <section>
      <h3 style={{ fontSize: 13, margin: "8px 0 4px" }}>{title}</h3>
      <pre>
        {dropped ? `(${dropped} earlier lines not kept)\n` : ""}
        {lines.map((l) => `${l.timestamp ? `${l.timestamp.slice(11, 19)} ` : ""}${l.message}`).join("\n") ||
          "(no lines)"}
        {error ? `\nerror: ${error}` : ""}
      </pre>
    </section>
  );
}

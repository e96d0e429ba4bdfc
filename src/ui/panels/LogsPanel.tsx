import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { useServices } from "../services";
import { useEscapeCloses } from "./escape-closes";

/** fal's log lines per node (the one chosen with a node's Logs button, or every node of the run). */
export default function LogsPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const { runs } = useServices();
  const logsFor = useStore(runs, (s) => s.logsFor);
  const nodes = useStore(runs, (s) => s.run.nodes);
  const ids = (logsFor ? [logsFor] : (Object.keys(nodes) as NodeId[])).filter((id) => nodes[id]);
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
      {ids.map((id) => {
        const n = nodes[id];
        if (!n) return null;
        return (
          <section key={id}>
            <h3 style={{ fontSize: 13, margin: "8px 0 4px" }}>
              {id} · {n.status}
              {n.requestId ? ` · ${n.requestId}` : ""}
            </h3>
            <pre>
              {n.droppedLogLines ? `(${n.droppedLogLines} earlier lines not kept)\n` : ""}
              {n.logs.map((l) => `${l.timestamp ? `${l.timestamp.slice(11, 19)} ` : ""}${l.message}`).join("\n") || "(no lines)"}
              {n.error ? `\nerror: ${n.error.message}` : ""}
            </pre>
          </section>
        );
      })}
    </aside>
  );
}

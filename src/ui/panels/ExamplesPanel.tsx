import { useEffect, useState } from "react";
import { useServices } from "../services";
import { fetchExample, fetchExamples, type ExampleEntry } from "../files/workflow-files";
import { useEscapeCloses } from "./escape-closes";

/** Example workflows from public/examples/index.json, each opened with one click. */
export default function ExamplesPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const { documents, toasts } = useServices();
  const [list, setList] = useState<ExampleEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchExamples()
      .then(setList)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  const open = async (e: ExampleEntry) => {
    const res = await fetchExample(e);
    if (!res.ok) return toasts.getState().show(res.message, { tone: "error" });
    await documents.open(res.workflow);
    onClose();
  };
  return (
    <aside className="side" aria-label="Examples panel">
      <h2>
        Examples <button type="button" aria-label="Close examples" onClick={onClose}>×</button>
      </h2>
      {error && <p className="error-text">Could not list the examples: {error}</p>}
      {!list && !error && <p className="hint">Loading…</p>}
      <ul className="examples" style={{ listStyle: "none", padding: 0 }}>
        {list?.map((e) => (
          <li key={e.file}>
            <button type="button" onClick={() => void open(e)} style={{ width: "100%", textAlign: "left" }}>
              <strong>{e.title}</strong>
              {e.description && <span className="hint" style={{ display: "block" }}>{e.description}</span>}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">An example opens as a new workflow; your current one stays saved in this browser. Opening never runs anything.</p>
    </aside>
  );
}

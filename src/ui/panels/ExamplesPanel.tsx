import { useEffect, useState } from "react";
import { useServices } from "../services";
import { fetchExample, fetchExamples, type ExampleEntry } from "../files/workflow-files";
import { retiredModelsOfEndpoints, retiredUseWords } from "../retired/retired-models";
import { useEscapeCloses } from "./escape-closes";
import { messageOf } from "../../domain/message-of";

/**
 * Example workflows from public/examples/index.json, each opened with one click. The list is drawn from the index
 * alone: each entry names the models its example's nodes run, so the list says which ones use a retired model
 * (from their nodes, not from their titles) without reading a file; an example's file is read when it is opened.
 */
export default function ExamplesPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const { documents, toasts } = useServices();
  const [list, setList] = useState<ExampleEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchExamples()
      .then(setList)
      .catch((e: unknown) => setError(messageOf(e)));
  }, []);
  // The panel closes at the click, so the canvas is in view while the example loads and a second click cannot
  // land on a panel that is on its way out.
  const open = async (e: ExampleEntry) => {
    onClose();
    const res = await fetchExample(e).catch((err: unknown) => ({ ok: false as const, message: messageOf(err) }));
    if (!res.ok) return toasts.getState().show(res.message, { tone: "error" });
    await documents.openExample(res.workflow);
  };
  return (
    <aside className="side" aria-label="Examples panel">
      <h2>
        Examples{" "}
        <button type="button" aria-label="Close examples" onClick={onClose}>
          ×
        </button>
      </h2>
      {error && <p className="error-text">Could not list the examples: {error}</p>}
      {!list && !error && <p className="hint">Loading…</p>}
      <ul className="examples" style={{ listStyle: "none", padding: 0 }}>
        {list?.map((e) => (
          <li key={e.file}>
            <button type="button" onClick={() => void open(e)} style={{ width: "100%", textAlign: "left" }}>
              <strong>{e.title}</strong>
              <RetiredNote endpoints={e.endpoints} />
              {e.description && (
                <span className="hint" style={{ display: "block" }}>
                  {e.description}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">
        Your current workflow stays saved in this browser. An example joins your workflows once you edit or run it;
        until then opening another replaces it. Opening never runs anything.
      </p>
    </aside>
  );
}

function RetiredNote({ endpoints }: { endpoints: readonly string[] }) {
  const words = retiredUseWords(retiredModelsOfEndpoints(endpoints));
  if (!words) return null;
  return (
    <span className="retired-marker" data-testid="example-retired" style={{ display: "block", fontSize: 12 }}>
      {words}
    </span>
  );
}

import { useEffect, useState } from "react";
import { useServices } from "../services";
import { fetchExample, fetchExamples, type ExampleEntry, type OpenResult } from "../files/workflow-files";
import { retiredModelsOf, retiredUseWords } from "../retired/retired-models";
import { useEscapeCloses } from "./escape-closes";
import { messageOf } from "../../domain/message-of";

/**
 * Example workflows from public/examples/index.json, each opened with one click. Each example file is read when
 * the list shows, so the list can say which ones use a retired model (from their nodes, not from their titles).
 */
export default function ExamplesPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const { documents, toasts } = useServices();
  const [list, setList] = useState<ExampleEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const files = useExampleFiles(list);
  useEffect(() => {
    fetchExamples()
      .then(setList)
      .catch((e: unknown) => setError(messageOf(e)));
  }, []);
  // The panel closes at the click, so the canvas is in view while the example loads (a file not read yet is read
  // now) and a second click cannot land on a panel that is on its way out.
  const open = async (e: ExampleEntry) => {
    onClose();
    const res = files[e.file] ?? (await fetchExample(e));
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
              <RetiredNote file={files[e.file]} />
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

/** Every listed example read once (in parallel), by file name; an example not read yet is absent. */
function useExampleFiles(list: readonly ExampleEntry[] | null): Readonly<Record<string, OpenResult>> {
  const [files, setFiles] = useState<Readonly<Record<string, OpenResult>>>({});
  useEffect(() => {
    let live = true;
    for (const e of list ?? []) {
      // One that cannot be read now is read again when opened, which then says why.
      fetchExample(e)
        .then((res) => live && setFiles((had) => ({ ...had, [e.file]: res })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [list]);
  return files;
}

function RetiredNote({ file }: { file: OpenResult | undefined }) {
  const words = file?.ok ? retiredUseWords(retiredModelsOf(file.workflow)) : "";
  if (!words) return null;
  return (
    <span className="retired-marker" data-testid="example-retired" style={{ display: "block", fontSize: 12 }}>
      {words}
    </span>
  );
}

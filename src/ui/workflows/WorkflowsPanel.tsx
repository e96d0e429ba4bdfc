import { useEffect, useState } from "react";
import { useStore } from "zustand";
import type { WorkflowSummary } from "../../domain/workflow-list";
import type { WorkflowId } from "../../domain/ids";
import { pickFile } from "../files/workflow-files";
import { useServices } from "../services";
import { copyShareLink } from "../share/share-actions";
import { describeImport } from "./bundle-actions";
import type { WorkflowsFeature } from "./feature";
import { useEscapeCloses } from "../panels/escape-closes";
import { DeleteIcon, DuplicateIcon, RenameIcon } from "../panels/icons";
import { ask } from "../ask/ask";
import { messageOf } from "../../domain/message-of";

/** Deleting for good cannot be undone: the app's dialog asks, with Cancel as Enter's answer. */
const askDeleteForGood = (name: string) =>
  ask({
    title: `Delete "${name}" for good?`,
    body: "This cannot be undone.",
    confirmLabel: "Delete for good",
    defaultChoice: "cancel",
    danger: true,
  });

/** Many workflows in this browser: create, switch, rename, duplicate, delete (trash, undo), bundles and share links. */
export default function WorkflowsPanel({ onClose }: { onClose(): void }) {
  useEscapeCloses(onClose);
  const s = useServices();
  if (!s.workflows) return null;
  return <Panel feature={s.workflows} onClose={onClose} />;
}

function Panel({ feature, onClose }: { feature: WorkflowsFeature; onClose(): void }) {
  const { editor, toasts } = useServices();
  const list = feature.list;
  const items = useStore(list.state, (st) => st.items);
  const trash = useStore(list.state, (st) => st.trash);
  const lastDeleted = useStore(list.state, (st) => st.lastDeleted);
  const openId = useStore(editor, (st) => st.workflowId);
  const read = useListRead(list);
  const [showTrash, setShowTrash] = useState(false);
  const [editing, setEditing] = useState<WorkflowId | null>(null);
  const [report, setReport] = useState<{ tone: "info" | "error"; title: string; lines: string[] } | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const act = (f: () => Promise<unknown>) => () => {
    f().catch((e: unknown) => toasts.getState().show(messageOf(e), { tone: "error", ms: 10_000 }));
  };

  const exportBundle = act(async () => {
    const r = await feature.exportBundle(editor.getState().doc);
    if (r.outcome === "cancelled") return;
    setReport({
      tone: "info",
      title: `${r.outcome === "saved" ? "Saved" : "Downloaded"} ${r.fileName} with ${r.results} result${r.results === 1 ? "" : "s"}.`,
      lines: r.warnings,
    });
  });

  const importBundle = act(async () => {
    const file = await pickFile(".zip,application/zip");
    if (!file) return;
    const r = await feature.importBundle(file);
    if (!r.ok) {
      setReport({ tone: "error", title: `${file.name} was not imported; nothing was changed.`, lines: r.problems });
      return;
    }
    await list.openAsNew(r.imported.workflow);
    setReport({
      tone: r.imported.errors.length ? "error" : "info",
      title: describeImport(r.imported.workflow.name, r.imported),
      lines: r.imported.errors,
    });
  });

  const share = act(async () => {
    const doc = editor.getState().doc;
    const r = await copyShareLink(await feature.shareLink(doc, window.location.href), navigator.clipboard);
    if (!r.ok) {
      setLink(null);
      setReport({ tone: "error", title: "No link made.", lines: [r.reason] });
      return;
    }
    setLink(r.url);
    const removed = r.removed.length ? [`Left out of the link (secret-looking): ${r.removed.join(", ")}.`] : [];
    setReport({
      tone: "info",
      title: r.copied
        ? "Link copied. Opening it shows this workflow; it never runs anything."
        : "Copy the link below (the clipboard was not available).",
      lines: removed,
    });
  });

  return (
    <aside className="side" aria-label="Workflows panel">
      <h2>
        Workflows{" "}
        <button type="button" aria-label="Close workflows" onClick={onClose}>
          ×
        </button>
      </h2>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 6, marginBottom: 8 }}>
        <button type="button" onClick={act(() => list.create())}>
          New workflow
        </button>
        <button type="button" title="A link carrying this workflow (no results, no settings)" onClick={share}>
          Share link
        </button>
        <button type="button" title="One .zip with this workflow and its results" onClick={exportBundle}>
          Export bundle
        </button>
        <button type="button" title="Open a .zip made by Export bundle, with its results" onClick={importBundle}>
          Import bundle
        </button>
      </div>

      {report && (
        <div
          role={report.tone === "error" ? "alert" : "status"}
          aria-label="Workflow message"
          className={report.tone === "error" ? "error-text" : "hint"}
        >
          <p style={{ margin: "4px 0" }}>{report.title}</p>
          {report.lines.length > 0 && (
            <ul style={{ margin: "0 0 6px", paddingLeft: 18 }}>
              {report.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {link && (
        <input
          aria-label="Share link"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          style={{ width: "100%" }}
        />
      )}

      {lastDeleted && (
        <div role="status" className="hint" style={{ display: "flex", gap: 6, alignItems: "center", margin: "6px 0" }}>
          <span>Moved "{lastDeleted.name}" to the trash.</span>
          <button type="button" onClick={act(() => list.restore(lastDeleted.id))}>
            Undo
          </button>
        </div>
      )}

      <ul aria-label="Workflow list" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {read && items.length === 0 && <li className="hint">No saved workflows yet.</li>}
        {items.map((w) => (
          <Row
            key={w.id}
            w={w}
            open={w.id === openId}
            editing={editing === w.id}
            onEdit={() => setEditing(w.id)}
            onRename={(name) => {
              setEditing(null);
              if (name !== w.name) act(() => list.rename(w.id, name))();
            }}
            onCancel={() => setEditing(null)}
            onSwitch={act(() => list.switchTo(w.id))}
            onDuplicate={act(() => list.duplicate(w.id))}
            onDelete={act(() => list.remove(w.id))}
          />
        ))}
      </ul>
      {read && !items.some((w) => w.id === openId) && <DraftNote />}

      <button
        type="button"
        aria-expanded={showTrash}
        onClick={() => setShowTrash(!showTrash)}
        style={{ marginTop: 10 }}
      >
        Trash ({trash.length})
      </button>
      {showTrash && (
        <ul aria-label="Trash" style={{ listStyle: "none", padding: 0 }}>
          {trash.length === 0 && <li className="hint">The trash is empty.</li>}
          {trash.map((w) => (
            <li
              key={w.id}
              data-workflow-id={w.id}
              style={{ display: "flex", gap: 6, alignItems: "center", padding: "2px 0" }}
            >
              <span style={{ flex: 1 }}>{w.name}</span>
              <button type="button" aria-label={`Restore ${w.name}`} onClick={act(() => list.restore(w.id))}>
                Restore
              </button>
              <button
                type="button"
                aria-label={`Delete ${w.name} for good`}
                onClick={act(async () => {
                  if (await askDeleteForGood(w.name)) return list.purge(w.id);
                  setReport({ tone: "info", title: `"${w.name}" stays in the trash.`, lines: [] });
                })}
              >
                Delete for good
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        Every change is saved in this browser as you work. Opening a file, bundle or link adds a new workflow here and
        never runs anything.
      </p>
    </aside>
  );
}

/** True once the panel has read the list from storage (until then an empty list means nothing). */
function useListRead(list: WorkflowsFeature["list"]): boolean {
  const [read, setRead] = useState(false);
  useEffect(() => {
    let live = true;
    void list.refresh().then(() => live && setRead(true));
    return () => {
      live = false;
    };
  }, [list]);
  return read;
}

/** The open workflow is a draft (new, or an example, untouched): said, so its absence from the list is no mystery. */
function DraftNote() {
  const name = useStore(useServices().editor, (st) => st.doc.name);
  return (
    <p className="hint" role="status" aria-label="Open workflow not saved yet">
      "{name}", open now, joins this list once you edit or run it.
    </p>
  );
}

function Row(props: {
  w: WorkflowSummary;
  open: boolean;
  editing: boolean;
  onEdit(): void;
  onRename(name: string): void;
  onCancel(): void;
  onSwitch(): void;
  onDuplicate(): void;
  onDelete(): void;
}) {
  const { w, open } = props;
  return (
    <li
      data-workflow-id={w.id}
      aria-current={open ? "true" : undefined}
      style={{ display: "flex", gap: 4, alignItems: "center", padding: "2px 0", fontWeight: open ? 600 : 400 }}
    >
      {props.editing ? (
        <input
          aria-label={`New name for ${w.name}`}
          defaultValue={w.name}
          autoFocus
          style={{ flex: 1 }}
          onKeyDown={(e) => {
            if (e.key === "Enter") props.onRename(e.currentTarget.value);
            if (e.key === "Escape") {
              e.preventDefault(); // cancels the rename only; the panel stays open
              props.onCancel();
            }
          }}
          onBlur={(e) => props.onRename(e.currentTarget.value)}
        />
      ) : (
        <button
          type="button"
          aria-label={`Open ${w.name}`}
          disabled={open}
          onClick={props.onSwitch}
          style={{ flex: 1, textAlign: "left" }}
        >
          {w.name}
          {open ? " (open)" : ""}
        </button>
      )}
      <button type="button" aria-label={`Rename ${w.name}`} title="Rename" onClick={props.onEdit}>
        <RenameIcon />
      </button>
      <button type="button" aria-label={`Duplicate ${w.name}`} title="Duplicate" onClick={props.onDuplicate}>
        <DuplicateIcon />
      </button>
      <button type="button" aria-label={`Delete ${w.name}`} title="Move to the trash" onClick={props.onDelete}>
        <DeleteIcon />
      </button>
    </li>
  );
}

import { memo, useCallback, useRef, useState } from "react";
import { contentHash } from "../../domain/ids";
import { messageOf } from "../../domain/message-of";
import type { ImageData, VideoData } from "../../domain/workflow";
import { useObjectUrl } from "../hooks/use-object-url";
import { useServices } from "../services";

interface Props {
  nodeId: string;
  what: "image" | "video";
  data: ImageData | VideoData;
}

const accepts = { image: "image/*", video: "video/*" } as const;

/**
 * Image/Video source: drop a file, paste one, pick one, or type a URL. Files are kept locally as
 * Blobs by content hash (the node stores only the hash) and uploaded to fal once, at run time.
 */
export const MediaInput = memo(function MediaInput({ nodeId, what, data }: Props) {
  const { editor, assets, toasts } = useServices();
  const [over, setOver] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const [urlDraft, setUrlDraft] = useState<string | null>(null);

  const localUrl = useObjectUrl(data.asset ? () => assets.get(contentHash(data.asset as string)) : null, [
    data.asset,
  ]).url;
  const shownUrl = data.asset ? localUrl : data.url && !data.url.startsWith("data:") ? data.url : (data.url ?? null);

  const takeFile = useCallback(
    async (file: File | Blob | null | undefined) => {
      if (!file) return;
      if (!file.type.startsWith(`${what}/`)) {
        toasts
          .getState()
          .show(
            `That file is ${file.type || "of an unknown type"}, not ${what === "image" ? "an image" : "a video"}.`,
            { tone: "error" },
          );
        return;
      }
      try {
        const hash = await assets.put(file);
        const r = editor.getState().setMedia(nodeId as never, { asset: hash });
        if (!r.ok) toasts.getState().show(r.reason, { tone: "error" });
      } catch (e) {
        toasts.getState().show(`Could not keep the file: ${messageOf(e)}`, { tone: "error" });
      }
    },
    [assets, editor, nodeId, toasts, what],
  );

  const commitUrl = () => {
    if (urlDraft === null) return;
    const url = urlDraft.trim();
    setUrlDraft(null);
    if (url === (data.url ?? "")) return;
    const r = editor.getState().setMedia(nodeId as never, { url });
    if (!r.ok) toasts.getState().show(r.reason, { tone: "error" });
  };

  return (
    <div
      className={`drop-zone nodrag${over ? " over" : ""}`}
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].includes("Files")) {
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        void takeFile(e.dataTransfer.files[0]);
      }}
      onPaste={(e) => {
        const file = [...e.clipboardData.files][0];
        if (file) {
          e.preventDefault();
          e.stopPropagation();
          void takeFile(file);
        }
      }}
    >
      {shownUrl ? (
        what === "image" ? (
          <img className="preview" src={shownUrl} alt="Input preview" />
        ) : (
          <video src={shownUrl} controls muted playsInline preload="metadata" />
        )
      ) : (
        <div>Drop or paste {what === "image" ? "an image" : "a video"} here</div>
      )}
      <div style={{ display: "flex", gap: 4, marginTop: 6 }}>
        <input
          type="url"
          aria-label={`${what === "image" ? "Image" : "Video"} URL`}
          placeholder="https://… or pick a file"
          value={urlDraft ?? (data.asset ? "" : (data.url ?? ""))}
          onChange={(e) => setUrlDraft(e.target.value)}
          onBlur={commitUrl}
          onKeyDown={(e) => {
            if (e.key === "Enter") commitUrl();
          }}
          style={{ flex: 1 }}
        />
        <input
          ref={fileRef}
          type="file"
          accept={accepts[what]}
          aria-label={`Upload ${what}`}
          hidden
          onChange={(e) => void takeFile(e.target.files?.[0])}
        />
        <button type="button" onClick={() => fileRef.current?.click()}>
          File…
        </button>
      </div>
      {data.asset && <small className="hint">local file · {data.asset.slice(0, 10)}…</small>}
    </div>
  );
});

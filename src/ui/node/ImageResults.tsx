import { memo, useCallback, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import type { NodeId } from "../../domain/ids";
import { messageOf } from "../../domain/message-of";
import { imageTakeKey } from "../../domain/take";
import type { CachedResult } from "../../engine/ports";
import type { FalFile, ImageResult } from "../../nodes/types";
import { useNearViewport } from "../hooks/use-near-viewport";
import { useObjectUrl } from "../hooks/use-object-url";
import { useServices } from "../services";
import "./image-results.css";

/** A stored result whose model made images (fal's `images[]`). */
export type ImageResultEntry = CachedResult & { result: ImageResult };

export interface ImageResultsProps {
  result: ImageResultEntry;
  nodeId: string;
  stale: boolean;
}

/**
 * The images an image model made, in the node: one shown as it is, a batch as tiles to choose from. Each image is a
 * take of the node (src/engine/image-takes.ts); the tile pressed is the one flowing downstream (the plan's
 * image of this result), and pressing another chooses its take, one undoable step as in the take strip, so only
 * what is downstream runs again. Images are read from their local copies once the node comes near the screen.
 * Loaded on demand (./image-results-on-demand.ts): most graphs have no image node.
 */
export const ImageResults = memo(function ImageResults({ result, nodeId, stale }: ImageResultsProps) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box, { within: ".react-flow", margin: "50%" });
  const chosen = useChosenImage(nodeId as NodeId, result);
  const choose = useChooseImage(nodeId as NodeId, result);
  const images = result.result.images;
  // What each tile shows, so the download link offers the chosen image's local copy without reading it again.
  const [sources, setSources] = useState<Readonly<Record<number, string | null>>>({});
  const onSource = useCallback((i: number, src: string | null) => setSources((s) => ({ ...s, [i]: src })), []);
  const chosenFile = images[chosen];
  const chosenSrc = sources[chosen] ?? null;
  return (
    <div className="result images" ref={box} style={stale ? { opacity: 0.55 } : undefined}>
      <div className={images.length > 1 ? "image-grid batch" : "image-grid"}>
        {images.map((file, i) => (
          <ImageTile
            key={i}
            result={result}
            file={file}
            index={i}
            count={images.length}
            near={near}
            chosen={i === chosen}
            onChoose={choose}
            onSource={onSource}
            nodeId={nodeId}
          />
        ))}
      </div>
      <div className="result-bar">
        {result.simulated && <span className="simulated">simulated</span>}
        <span>{images.length === 1 ? "1 image" : `${images.length} images · image ${chosen + 1} flows on`}</span>
        {stale && <span>earlier result (node changed since)</span>}
        {result.costUsd !== null && !result.simulated && <span>${result.costUsd.toFixed(2)}</span>}
        {result.mediaError && <span title={result.mediaError}>not all stored locally</span>}
        <span style={{ flex: 1 }} />
        {chosenFile && chosenSrc && (
          <a
            href={chosenSrc}
            download={downloadName(chosenFile, nodeId, chosen)}
            className="nodrag"
            aria-label="Download image"
          >
            Download
          </a>
        )}
      </div>
    </div>
  );
});

/** Which image of this result flows downstream: the plan's, when the plan runs this node under this result. */
function useChosenImage(nodeId: NodeId, result: CachedResult): number {
  const { runs } = useServices();
  return useStore(runs, (s) => {
    const n = s.plan?.nodes.get(nodeId);
    return n?.role === "generation" && n.key === result.key ? n.image : 0;
  });
}

/** Makes image `index` the node's take: its filed take row, chosen as the strip chooses one. */
function useChooseImage(nodeId: NodeId, result: CachedResult): (index: number) => void {
  const { editor, takes, toasts } = useServices();
  return (index) => {
    const workflowId = editor.getState().workflowId;
    const say = (m: string) => toasts.getState().show(m, { tone: "error" });
    if (!takes || !workflowId) return say("Images can be chosen once this workflow is stored in this browser.");
    void takes
      .get({ workflowId, nodeId, key: imageTakeKey(result.key, index) })
      .then((take) => {
        if (!take) return say(`Image ${index + 1} is not kept as a take of ${nodeId} yet; run the node again.`);
        const r = editor.getState().chooseTake(nodeId, take);
        if (!r.ok) say(r.reason);
      })
      .catch((e: unknown) => say(`The take of image ${index + 1} could not be read: ${messageOf(e)}`));
  };
}

/** The local copy of image `index` (once near the screen), else fal's URL while it lasts. */
function useImageSource(result: CachedResult, index: number, file: FalFile, near: boolean): string | null {
  const { media } = useServices();
  const hash = result.imageHashes?.[index] ?? (index === 0 ? result.mediaHash : null);
  const local = useObjectUrl(
    near && hash ? () => media.blobOf(result, index) : null,
    [near, result.key, index, hash],
    () => (hash ? media.blobAtHand?.(hash) : undefined),
  );
  if (!near) return null;
  return hash && local.state !== "missing" ? local.url : file.url || null;
}

function ImageTile(props: {
  result: CachedResult;
  file: FalFile;
  index: number;
  count: number;
  near: boolean;
  chosen: boolean;
  onChoose(index: number): void;
  onSource(index: number, src: string | null): void;
  nodeId: string;
}) {
  const { result, file, index, count, near, chosen, onChoose, onSource, nodeId } = props;
  const src = useImageSource(result, index, file, near);
  useEffect(() => onSource(index, src), [index, src, onSource]);
  const picture = src ? (
    <img src={src} alt={count === 1 ? `Result of ${nodeId}` : ""} draggable={false} data-testid="result-image" />
  ) : (
    <span className="image-slot hint">{near ? "Loading…" : ""}</span>
  );
  if (count === 1) return <div className="image-tile">{picture}</div>;
  return (
    <button
      type="button"
      className="image-tile nodrag"
      aria-pressed={chosen}
      aria-label={`Image ${index + 1} of ${count}${chosen ? ", flows downstream" : ""}`}
      title={chosen ? "This image flows downstream" : "Use this image downstream"}
      onClick={() => !chosen && onChoose(index)}
    >
      {picture}
    </button>
  );
}

function downloadName(file: FalFile, nodeId: string, index: number): string {
  const ext = (file.content_type ?? "").includes("jpeg") ? "jpg" : "png";
  return file.file_name ?? `${nodeId}-${index + 1}.${ext}`;
}

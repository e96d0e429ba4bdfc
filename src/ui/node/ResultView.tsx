import { memo, useRef } from "react";
import type { CachedResult } from "../../engine/ports";
import { useNearViewport } from "../hooks/use-near-viewport";
import { useObjectUrl } from "../hooks/use-object-url";
import { useServices } from "../services";
import { ResultPlayer } from "./ResultPlayer";
import { isImageResult, mediaFileOf } from "../../nodes/results";
import { LoadedImageResults, useImageResultsLoaded } from "./image-results-on-demand";
import type { ImageResultsProps } from "./ImageResults";
import "./result-view.css";

/** A node's result: its video, or the images an image model made (their view is loaded on demand). */
export const ResultView = memo(function ResultView(props: { result: CachedResult; nodeId: string; stale: boolean }) {
  const { result } = props;
  return isImageResult(result.result) ? (
    <ImagesWhenLoaded {...props} result={{ ...result, result: result.result }} />
  ) : (
    <VideoResultView {...props} />
  );
});

/** The images' view once its code is here; the result's box meanwhile, so the node keeps its size. */
function ImagesWhenLoaded(props: ImageResultsProps) {
  const here = useImageResultsLoaded();
  return here && LoadedImageResults ? <LoadedImageResults {...props} /> : <div className="result images" />;
}

/**
 * The result video, played from the local copy in IndexedDB when the cache kept one (the remote
 * fal URL otherwise), with a download button. The object URL is revoked on unmount. Nothing is
 * read or played until the node comes near the screen (a reopened graph of many cached nodes).
 */
function VideoResultView({ result, nodeId, stale }: { result: CachedResult; nodeId: string; stale: boolean }) {
  const { media } = useServices();
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box, { within: ".react-flow", margin: "50%" });
  const local = useObjectUrl(
    near && result.mediaHash ? () => media.blobOf(result) : null,
    [near, result.key, result.mediaHash],
    () => (result.mediaHash ? media.blobAtHand?.(result.mediaHash) : undefined),
  );
  const file = mediaFileOf(result.result);
  const remote = near ? (file?.url ?? null) : null;
  // With a local copy, play only that: never fetch the remote file again (not even while the copy loads).
  // Without one (or if it is gone), the remote URL, which works while fal keeps it.
  const src = result.mediaHash && local.state !== "missing" ? local.url : remote;
  const ext = (file?.content_type ?? "").includes("webm") ? "webm" : "mp4";
  const name = file?.file_name ?? `${nodeId}.${ext}`;
  const length = lengthLabel(isImageResult(result.result) ? null : result.result.durationSec);
  return (
    <div className="result" ref={box} style={stale ? { opacity: 0.55 } : undefined}>
      {!near ? (
        <div className="video-slot" />
      ) : src ? (
        <ResultPlayer src={src} label={`Result video of ${nodeId}`} autoPlay={!stale} />
      ) : (
        <div className="video-slot hint">Loading the local copy…</div>
      )}
      <div className="result-bar">
        {result.simulated && <span className="simulated">simulated</span>}
        {length && <span title="Length of the clip">{length}</span>}
        {stale && <span>earlier result (node changed since)</span>}
        {result.costUsd !== null && !result.simulated && <span>${result.costUsd.toFixed(2)}</span>}
        {result.mediaError && <span title={result.mediaError}>not stored locally</span>}
        <span style={{ flex: 1 }} />
        {src && (
          <a href={src} download={name} className="nodrag" aria-label="Download video">
            Download
          </a>
        )}
      </div>
    </div>
  );
}

/** "8 s", "1.5 s": the clip's length as the result says it (none when unknown). */
function lengthLabel(sec: number | null | undefined): string | null {
  return typeof sec === "number" && Number.isFinite(sec) && sec > 0 ? `${Math.round(sec * 10) / 10} s` : null;
}

import { useState } from "react";

/**
 * A result's player. Its native controls show only while the pointer is over it or it has the focus
 * (it is focusable, so the keyboard reaches them too): every visible control bar restyles its
 * time line as the video plays, and with many looping videos on a canvas those bars cost more
 * main-thread time than the videos (50 nodes: about 0.3 s of each second, which also slowed a
 * reload of the page by hundreds of ms).
 */
export function ResultPlayer({ src, label, autoPlay }: { src: string; label: string; autoPlay: boolean }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  return (
    <video
      className="nodrag"
      src={src}
      controls={hovered || focused}
      tabIndex={0}
      aria-label={label}
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      loop
      muted
      playsInline
      autoPlay={autoPlay}
      preload="metadata"
      data-testid="result-video"
    />
  );
}

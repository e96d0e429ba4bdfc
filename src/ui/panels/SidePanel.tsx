import type { ReactNode } from "react";
import { useEscapeCloses } from "./escape-closes";

/**
 * A side panel's frame: the panel named "<title> panel", its heading with a × button ("Close <title>"), and
 * Escape closing it (see useEscapeCloses). `className` is added to "side" for the panel's own styles.
 */
export function SidePanel(props: { title: string; className?: string; onClose(): void; children: ReactNode }) {
  const { title, className, onClose, children } = props;
  useEscapeCloses(onClose);
  return (
    <aside className={className ? `side ${className}` : "side"} aria-label={`${title} panel`}>
      <h2>
        {title}{" "}
        <button type="button" aria-label={`Close ${title.toLowerCase()}`} onClick={onClose}>
          ×
        </button>
      </h2>
      {children}
    </aside>
  );
}

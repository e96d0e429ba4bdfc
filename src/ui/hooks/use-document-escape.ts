import { useEffect, useRef } from "react";

/**
 * Escape pressed anywhere on the page, for what closes on it wherever the focus is (a side panel, a takes dialog).
 * An Escape already handled (default prevented) or typed in an input method's composition is left alone;
 * `onEscape` answers whether it took this one, and one it took is marked handled.
 */
export function useDocumentEscape(onEscape: (e: KeyboardEvent) => boolean): void {
  const handler = useRef(onEscape);
  handler.current = onEscape;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || e.isComposing) return;
      if (handler.current(e)) e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
